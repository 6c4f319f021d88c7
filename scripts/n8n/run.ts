/**
 * `npm run n8n`: a real, current n8n (2.40.7 on Node 24) with our community package installed
 * the way users install it, a SenseOn credential pointing at a sandbox, and the example
 * workflows imported and published. Prints the editor's URL and keeps running until Ctrl-C.
 *
 *   npm run n8n                                   starts its own sandbox (new cases every 30 s)
 *   npm run n8n -- --port 5679                    another editor port (default 5678, or any free)
 *   npm run n8n -- --no-simulate                  the sandbox opens no new cases by itself
 *   SENSEON_TOKEN=… npm run n8n -- --sandbox-url http://127.0.0.1:4010/v1
 *                                                 use a sandbox (or SenseOn) that is running already
 *   npm run n8n -- --fresh                        forget the previous n8n (owner, workflows, runs)
 *
 * The first run installs n8n into ~/.cache/senseon-connectors (about 5 minutes, said as it goes).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { installCommunityPackage, packCommunityPackage } from './lib/community-package';
import { ensureN8nInstalled, N8N_VERSION, repoRoot } from './lib/host';
import { N8nApi, type N8nOwner } from './lib/n8n-api';
import { runN8nCliOk } from './lib/n8n-cli';
import { n8nEnv } from './lib/n8n-env';
import { startN8nServer } from './lib/n8n-server';
import { freePort, killAllServicesNow, stopAllServices } from './lib/processes';
import { sandboxAnswers, startSandboxProcess, type SandboxTokens } from './lib/sandbox-process';
import { credentialImport, prepareFolder, type CredentialRef } from './lib/workflow-files';

const HOME = join(repoRoot, '.e2e', 'n8n-dev');
const EXAMPLES = join(repoRoot, 'n8n-nodes', 'examples');
const CREDENTIAL: CredentialRef = { id: 'senseonSandbox01', name: 'SenseOn Sandbox' };

/** The local editor login; this n8n listens on 127.0.0.1 only. */
const OWNER: N8nOwner = {
  email: 'soc@senseon.local',
  firstName: 'SOC',
  lastName: 'Analyst',
  password: 'SenseOn-Sandbox-1',
};

function say(text: string): void {
  console.log(text);
}

function newToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(40);
  return `senseon_pat_${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

async function portOr(preferred: number): Promise<number> {
  const taken = await fetch(`http://127.0.0.1:${preferred}/`, { signal: AbortSignal.timeout(1000) })
    .then(() => true)
    .catch((error: unknown) => !String((error as Error).cause ?? error).includes('ECONNREFUSED'));
  return taken ? freePort() : preferred;
}

interface SandboxChoice {
  url: string;
  token: string;
  docsUrl?: string;
  tokensFile?: string;
}

async function chooseSandbox(flags: {
  sandboxUrl?: string;
  simulate: boolean;
}): Promise<SandboxChoice> {
  if (flags.sandboxUrl) {
    const token = process.env.SENSEON_TOKEN ?? '';
    if (!token) throw new Error('--sandbox-url needs the token in the SENSEON_TOKEN variable');
    if (!(await sandboxAnswers(flags.sandboxUrl, token))) {
      throw new Error(`${flags.sandboxUrl}/me did not accept SENSEON_TOKEN`);
    }
    say(`Using the SenseOn API at ${flags.sandboxUrl}`);
    return { url: flags.sandboxUrl, token };
  }
  const tokens: SandboxTokens = {
    admin: newToken(),
    analyst: newToken(),
    approver: newToken(),
    readonly: newToken(),
  };
  const sandbox = await startSandboxProcess(tokens, {
    port: await portOr(4010),
    simulate: flags.simulate ? { intervalMs: 30_000 } : false,
    logFile: join(HOME, 'sandbox.log'),
  });
  // The tokens stay in a private file, never on the screen.
  const tokensFile = join(HOME, 'sandbox-tokens.env');
  writeFileSync(
    tokensFile,
    [
      `SENSEON_SANDBOX_URL=${sandbox.url}`,
      `SENSEON_ANALYST_TOKEN=${tokens.analyst}`,
      `SENSEON_APPROVER_TOKEN=${tokens.approver}`,
      `SENSEON_READONLY_TOKEN=${tokens.readonly}`,
      `SENSEON_ADMIN_TOKEN=${tokens.admin}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { url: sandbox.url, token: tokens.analyst, docsUrl: sandbox.docsUrl, tokensFile };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'sandbox-url': { type: 'string' },
      'no-simulate': { type: 'boolean' },
      fresh: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    say(
      'usage: npm run n8n -- [--port N] [--sandbox-url URL (token in SENSEON_TOKEN)] [--no-simulate] [--fresh]',
    );
    return;
  }
  if (values.fresh) rmSync(HOME, { recursive: true, force: true });
  mkdirSync(HOME, { recursive: true });

  const host = await ensureN8nInstalled();
  say(`n8n ${N8N_VERSION} on Node 24 from ${host.dir}`);

  say('Building and packing n8n-nodes-senseon, then installing it as a community package...');
  const tgz = await packCommunityPackage(join(HOME, 'pack'));
  const userFolder = join(HOME, 'user');
  await installCommunityPackage(userFolder, tgz);

  const sandbox = await chooseSandbox({
    sandboxUrl: values['sandbox-url'],
    simulate: !values['no-simulate'],
  });

  const port = values.port ? Number(values.port) : await portOr(5678);
  const env = n8nEnv(host, { userFolder, port, brokerPort: await freePort(), logLevel: 'warn' });
  say('Importing the SenseOn credential and the example workflows...');
  const credentialFile = join(HOME, 'credential.json');
  writeFileSync(
    credentialFile,
    JSON.stringify(credentialImport(CREDENTIAL, { baseUrl: sandbox.url, token: sandbox.token })),
    { mode: 0o600 },
  );
  await runN8nCliOk(host, env, ['import:credentials', `--input=${credentialFile}`]);
  rmSync(credentialFile);
  const workflowsDir = join(HOME, 'workflows');
  rmSync(workflowsDir, { recursive: true, force: true });
  const examples = existsSync(EXAMPLES) ? prepareFolder(EXAMPLES, workflowsDir, CREDENTIAL) : [];
  if (examples.length > 0) {
    await runN8nCliOk(host, env, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
  }

  say(`Starting n8n on http://127.0.0.1:${port} ...`);
  const n8n = await startN8nServer(host, env, port, join(HOME, 'n8n.log'));
  const api = new N8nApi(n8n.url);
  await api.setupOwner(OWNER).catch(() => api.login(OWNER));
  await api.createApiKey(`npm-run-n8n-${Date.now()}`);
  for (const { workflow } of examples) {
    await api
      .publish(workflow.id!)
      .then(() => say(`  published: ${workflow.name}`))
      .catch((error: unknown) =>
        say(`  NOT published: ${workflow.name}: ${(error as Error).message}`),
      );
  }

  say('');
  say(`n8n editor:   ${n8n.url}/`);
  say(`  sign in:    ${OWNER.email} / ${OWNER.password}  (local only: n8n listens on 127.0.0.1)`);
  say(`  credential: "${CREDENTIAL.name}" → ${sandbox.url}`);
  if (sandbox.docsUrl) say(`sandbox docs: ${sandbox.docsUrl}`);
  if (sandbox.tokensFile) {
    say(
      `tokens:       ${relative(process.cwd(), sandbox.tokensFile)} (analyst, approver, …; private file)`,
    );
    say('  approve a waiting isolation as a second person:');
    say(
      `    . ${relative(process.cwd(), sandbox.tokensFile)} && curl -X POST -H "Authorization: Bearer $SENSEON_APPROVER_TOKEN" \\`,
    );
    say('      -H "Content-Type: application/json" -d \'{"approver":"Jane","comment":"ok"}\' \\');
    say('      "$SENSEON_SANDBOX_URL/actions/<act_id>/approve"');
  }
  say(`logs:         ${relative(process.cwd(), HOME)}/n8n.log, sandbox.log`);
  say('Ctrl-C stops n8n and the sandbox.');

  let stopping = false;
  await Promise.race([
    n8n.service.exited.then((code) => {
      if (!stopping) say(`n8n exited (${code}); see ${join(HOME, 'n8n.log')}`);
    }),
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  ]);
  stopping = true;
  say('Stopping n8n and the sandbox...');
  await stopAllServices();
}

process.on('exit', killAllServicesNow);
main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(`npm run n8n failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAllServices();
    process.exit(1);
  },
);
