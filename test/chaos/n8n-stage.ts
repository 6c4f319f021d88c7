/**
 * One real n8n 2.40.7 with our community package, and one sandbox in a process of its own (so it
 * can be killed with SIGKILL and started again on the same database and port), shared by the
 * chaos rows that need n8n. Started once, on first use, with the end-to-end run's own pieces;
 * stopped by PID when the run ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  installCommunityPackage,
  packCommunityPackage,
} from '../../scripts/n8n/lib/community-package';
import { ensureN8nInstalled } from '../../scripts/n8n/lib/host';
import { N8nApi } from '../../scripts/n8n/lib/n8n-api';
import { runN8nCliOk } from '../../scripts/n8n/lib/n8n-cli';
import { n8nEnv } from '../../scripts/n8n/lib/n8n-env';
import { startN8nServer } from '../../scripts/n8n/lib/n8n-server';
import { freePort, stopService, waitFor } from '../../scripts/n8n/lib/processes';
import { startSandboxProcess, type RunningSandbox } from '../../scripts/n8n/lib/sandbox-process';
import { credentialImport, prepareFolder } from '../../scripts/n8n/lib/workflow-files';
import { CREDENTIAL, E2E_WORKFLOWS_DIR, type E2eContext } from '../e2e/context';
import type { ServerScope } from '../e2e/n8n-server-ours';
import type { N8nRestart } from '../e2e/n8n-server-poll';
import { Checks } from '../e2e/report';
import { SandboxApi } from '../e2e/sandbox-api';
import type { ChaosContext } from './context';

/** The e2e workflows the chaos rows run. */
const WORKFLOWS = [
  'trigger-duplicates.json',
  'on-error-stop.json',
  'on-error-continue.json',
  'on-error-error-output.json',
  'poll-observations.json',
  'poll-case-updates.json',
];

export interface N8nStage {
  /** What the e2e checks take: n8n's API, the sandbox as analyst and approver, the workflows. */
  scope: ServerScope;
  checks: Checks;
  sandbox(): RunningSandbox;
  /** SIGKILL to the sandbox's process group: no shutdown, no flush, as a crash would. */
  killSandbox(): Promise<void>;
  /** Deliveries the sandbox's database holds as pending (read while it is down). */
  pendingDeliveries(): number;
  /** Starts it again on the same database file and port, with the same tokens and faults. */
  restartSandbox(faults?: object | null): Promise<void>;
  /** One command on the sandbox's stdin (`setFaults`, `advanceClock`), waiting for its reply. */
  command(command: string, args: Record<string, unknown>): Promise<void>;
  /**
   * How to stop n8n and start it again on the same port, folder and database (the poll row). The
   * one who restarts it stops the new one; no part that needs n8n may come after.
   */
  n8nRestart(): N8nRestart;
}

export function n8nStage(ctx: ChaosContext): Promise<N8nStage> {
  return ctx.once('n8n', () => startStage(ctx));
}

let commandIds = 2_000_000;

async function startStage(ctx: ChaosContext): Promise<N8nStage> {
  const host = await ensureN8nInstalled();
  const tgz = await packCommunityPackage(join(ctx.dir, 'pack'));
  const userFolder = join(ctx.dir, 'n8n-user');
  await installCommunityPackage(userFolder, tgz);
  const encryptionKey = randomBytes(24).toString('hex');
  ctx.secret(encryptionKey);

  const port = await freePort();
  const db = join(ctx.dir, 'sandbox.db');
  const sandboxOptions = (faults?: object | null) => ({
    port,
    db,
    seed: 42,
    // Retries 500 times sooner (30 s → 60 ms, 6 h → 43 s): a dropped delivery comes again soon.
    webhookTimeScale: 0.002,
    summaryDelayMs: 300,
    log: true,
    logFile: ctx.logFile('sandbox'),
    ...(faults ? { faults } : {}),
  });
  let sandbox = await startSandboxProcess(ctx.tokens, sandboxOptions());

  const cliEnv = {
    ...n8nEnv(host, { userFolder, encryptionKey, brokerPort: await freePort(), logLevel: 'warn' }),
    N8N_EXPRESSION_ENGINE: 'legacy',
    NODE_ENV: undefined,
  };
  const credentialFile = join(ctx.dir, 'credential.json');
  writeFileSync(
    credentialFile,
    JSON.stringify(
      credentialImport(CREDENTIAL, { baseUrl: sandbox.url, token: ctx.tokens.analyst }),
    ),
    { mode: 0o600 },
  );
  try {
    await runN8nCliOk(host, cliEnv, ['import:credentials', `--input=${credentialFile}`]);
  } finally {
    rmSync(credentialFile, { force: true });
  }
  const all = prepareFolder(E2E_WORKFLOWS_DIR, join(ctx.dir, 'all-workflows'), CREDENTIAL);
  const wanted = all.filter((w) => WORKFLOWS.includes(basename(w.file)));
  const importDir = join(ctx.dir, 'workflows');
  mkdirSync(importDir, { recursive: true });
  for (const w of wanted) {
    writeFileSync(join(importDir, `${w.workflow.id}.json`), JSON.stringify(w.workflow));
  }
  await runN8nCliOk(host, cliEnv, ['import:workflow', '--separate', `--input=${importDir}`]);

  const n8nPort = await freePort();
  const env = n8nEnv(host, {
    userFolder,
    encryptionKey,
    port: n8nPort,
    brokerPort: await freePort(),
    // CHAOS_N8N_LOG_LEVEL=debug shows each poll n8n runs (why one emitted nothing, for one).
    logLevel: process.env.CHAOS_N8N_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  });
  // The runner says NODE_ENV=test for zapier-platform-core (quiet-zapier.ts); n8n runs as shipped.
  delete env.NODE_ENV;
  const n8n = await startN8nServer(host, env, n8nPort, ctx.logFile('n8n'), 300_000);
  ctx.onCleanup(() => stopService(n8n.service), { atEnd: true });
  ctx.onCleanup(() => stopService(sandbox.service), { atEnd: true });
  // Before the sandbox stops: the signing secrets it made (n8n's subscription, callbacks) are
  // secrets of this run too, for the secrets row to look for.
  ctx.onCleanup(
    async () => {
      const file = new DatabaseSync(db, { readOnly: true });
      try {
        const subscriptions = file.prepare('SELECT secret FROM webhooks').all() as {
          secret: string;
        }[];
        ctx.secret(...subscriptions.map((r) => r.secret));
        const callbacks = file
          .prepare('SELECT callback_secret FROM actions WHERE callback_secret IS NOT NULL')
          .all() as { callback_secret: string }[];
        ctx.callbackSecret(...callbacks.map((r) => r.callback_secret));
      } finally {
        file.close();
      }
    },
    { atEnd: true },
  );
  const api = new N8nApi(n8n.url);
  const owner = {
    email: 'chaos-lead@example.com',
    firstName: 'Chaos',
    lastName: 'Lead',
    password: `Chaos-${randomBytes(12).toString('hex')}`,
  };
  ctx.secret(owner.password);
  await api.setupOwner(owner);
  await api.createApiKey('senseon-chaos');

  const checks = new Checks();
  checks.hide(...ctx.secrets);
  const e2e: E2eContext = {
    checks,
    host,
    sandbox,
    tgz,
    userFolder,
    encryptionKey,
    imported: wanted.map((w) => ({ source: `e2e/${basename(w.file)}`, workflow: w.workflow })),
  };
  const scope: ServerScope = {
    ctx: e2e,
    api,
    n8nUrl: n8n.url,
    analyst: new SandboxApi(sandbox.url, ctx.tokens.analyst),
    approver: new SandboxApi(sandbox.url, ctx.tokens.approver),
    usedDevices: new Set(),
  };

  return {
    scope,
    checks,
    sandbox: () => sandbox,
    async killSandbox() {
      process.kill(-sandbox.service.pid, 'SIGKILL');
      await sandbox.service.exited;
    },
    pendingDeliveries() {
      const file = new DatabaseSync(db, { readOnly: true });
      try {
        const row = file
          .prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'")
          .get() as { n: number };
        return Number(row.n);
      } finally {
        file.close();
      }
    },
    async restartSandbox(faults) {
      sandbox = await startSandboxProcess(ctx.tokens, sandboxOptions(faults));
      e2e.sandbox = sandbox;
    },
    n8nRestart: () => ({ host, env, port: n8nPort, n8n, logFile: ctx.logFile('n8n-poll') }),
    async command(command, args) {
      const id = ++commandIds;
      const service = sandbox.service;
      service.child.stdin?.write(`${JSON.stringify({ id, command, ...args })}\n`);
      await waitFor(
        `the sandbox to run ${command}`,
        async () => service.output().includes(`{"reply":${id},"ok":true}`),
        10_000,
        50,
      );
    },
  };
}
