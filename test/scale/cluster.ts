/**
 * Brings up n8n 2.40.7 in queue mode the way a large SOC runs it: PostgreSQL and Redis on
 * 127.0.0.1, one main, two workers, one webhook processor, each with our package installed as a
 * community package in its own user folder, a load balancer in front, the sandbox beside them.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  installCommunityPackage,
  packCommunityPackage,
} from '../../scripts/n8n/lib/community-package';
import { ensureN8nInstalled } from '../../scripts/n8n/lib/host';
import { N8nApi } from '../../scripts/n8n/lib/n8n-api';
import { runN8nCliOk } from '../../scripts/n8n/lib/n8n-cli';
import { freePort } from '../../scripts/n8n/lib/processes';
import { startSandboxProcess } from '../../scripts/n8n/lib/sandbox-process';
import {
  credentialImport,
  prepareWorkflow,
  stableWorkflowId,
  type WorkflowFile,
} from '../../scripts/n8n/lib/workflow-files';
import { startBalancer } from '../../scripts/scale/balancer';
import { ensureRedisAndPostgres } from '../../scripts/scale/debian-packages';
import { startPostgres } from '../../scripts/scale/postgres';
import {
  processEnv,
  startN8nProcess,
  type Deployment,
  type N8nProcess,
} from '../../scripts/scale/queue-mode';
import { startRedis } from '../../scripts/scale/redis';
import { CREDENTIAL, EXAMPLES_DIR } from '../e2e/context';
import {
  logFile,
  OWNER,
  SandboxApi,
  SCALE_TOKENS,
  SCALE_WORKFLOWS_DIR,
  WORK_DIR,
  type Cluster,
} from './context';

export const WORKERS = 2;
export const WEBHOOK_PROCESSORS = 1;
/** Shared by every process: workers decrypt the credential main stored. A throwaway value. */
const ENCRYPTION_KEY = 'senseon-scale-run-throwaway-encryption-key';
/** The example whose throughput figure 5 measures (webhook-started, no human in the loop). */
export const FLAGSHIP_EXAMPLE = 'ioc-enrichment.json';
/** Figure 4's workflow: its SenseOn node uses the rate-budget sandbox's credential. */
export const RATE_BUDGET_WORKFLOW = 'rate-budget.json';
export const BUDGET_CREDENTIAL = { id: 'senseonBudget01', name: 'SenseOn sandbox (rate budget)' };
/** Figure 4's server limit: small, so that a few walks need several windows. */
export const BUDGET_LIMIT = 30;
export const BUDGET_WINDOW_SECONDS = 10;

const log = (line: string): void => console.log(`  · ${line}`);

/** Every workflow the figures use, prepared for import; ids by file name. */
function prepareWorkflows(outDir: string): Map<string, string> {
  mkdirSync(outDir, { recursive: true });
  const ids = new Map<string, string>();
  const sources = [
    ...readdirSync(SCALE_WORKFLOWS_DIR).map((name) => join(SCALE_WORKFLOWS_DIR, name)),
    join(EXAMPLES_DIR, FLAGSHIP_EXAMPLE),
  ].filter((file) => file.endsWith('.json'));
  for (const file of sources) {
    const name = file.split('/').pop()!;
    const raw = JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
    const credential = name === RATE_BUDGET_WORKFLOW ? BUDGET_CREDENTIAL : CREDENTIAL;
    const workflow = prepareWorkflow(raw, credential, stableWorkflowId(`scale/${name}`));
    writeFileSync(join(outDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
    ids.set(name, workflow.id!);
  }
  return ids;
}

export async function startCluster(): Promise<Cluster> {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(join(WORK_DIR, 'logs'), { recursive: true });
  const [host] = await Promise.all([ensureN8nInstalled(), ensureRedisAndPostgres(log)]);
  log(`n8n ${host.version} in ${host.dir}`);
  const tgz = await packCommunityPackage(join(WORK_DIR, 'pack'));
  const [postgres, redis, sandbox, budgetSandbox] = await Promise.all([
    startPostgres(join(WORK_DIR, 'postgres'), logFile('postgres')),
    startRedis(join(WORK_DIR, 'redis'), logFile('redis')),
    startSandboxProcess(SCALE_TOKENS, {
      seed: 42,
      // Fast retries (a dropped delivery comes again within a second), no simulator: every
      // event is one the run caused.
      webhookTimeScale: 0.002,
      summaryDelayMs: 300,
      // The figures are about n8n, not the API's budget (figure 4 is): room for every call.
      rateLimit: 100_000,
      logFile: logFile('sandbox'),
    }),
    // Figure 4's own API: the same tokens with a small budget, and a request log (one line per
    // answer with its status) to count what it sent.
    startSandboxProcess(SCALE_TOKENS, {
      seed: 42,
      rateLimit: BUDGET_LIMIT,
      rateWindowSeconds: BUDGET_WINDOW_SECONDS,
      log: true,
      logFile: logFile('sandbox-budget'),
    }),
  ]);
  log(
    `PostgreSQL :${postgres.port} (pid ${postgres.service.pid}), Redis :${redis.port} (pid ${redis.service.pid}), sandbox ${sandbox.url}`,
  );

  const balancerPort = await freePort();
  const deployment: Deployment = {
    host,
    mode: 'queue',
    postgres,
    redisPort: redis.port,
    encryptionKey: ENCRYPTION_KEY,
    webhookUrl: `http://127.0.0.1:${balancerPort}`,
    userFolder: (name) => join(WORK_DIR, 'n8n', name),
    logDir: join(WORK_DIR, 'logs'),
  };
  const names = ['main', ...Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`)];
  names.push(...Array.from({ length: WEBHOOK_PROCESSORS }, (_, i) => `webhook-${i + 1}`));
  // One install per process, as each machine of a deployment installs the package itself.
  await Promise.all(names.map((name) => installCommunityPackage(deployment.userFolder(name), tgz)));
  log(`n8n-nodes-senseon installed as a community package for ${names.join(', ')}`);

  // Credential and workflows go into the shared PostgreSQL database through main's CLI.
  const cliEnv: NodeJS.ProcessEnv = {
    ...processEnv(deployment, 'main', await freePort(), await freePort()),
    N8N_EXPRESSION_ENGINE: 'legacy',
  };
  const credentialFile = join(WORK_DIR, 'credential.json');
  writeFileSync(
    credentialFile,
    JSON.stringify([
      ...credentialImport(CREDENTIAL, { baseUrl: sandbox.url, token: sandbox.tokens.analyst }),
      ...credentialImport(BUDGET_CREDENTIAL, {
        baseUrl: budgetSandbox.url,
        token: budgetSandbox.tokens.analyst,
      }),
    ]),
    { mode: 0o600 },
  );
  await runN8nCliOk(host, cliEnv, ['import:credentials', `--input=${credentialFile}`]);
  rmSync(credentialFile);
  const importDir = join(WORK_DIR, 'import');
  const workflows = prepareWorkflows(importDir);
  await runN8nCliOk(host, cliEnv, ['import:workflow', '--separate', `--input=${importDir}`]);
  log(`credential and ${workflows.size} workflows imported into PostgreSQL`);

  const main = await startN8nProcess(deployment, 'main', 'main');
  const [workers, webhookProcessors] = await Promise.all([
    Promise.all(
      names
        .filter((n) => n.startsWith('worker-'))
        .map((n) => startN8nProcess(deployment, 'worker', n)),
    ),
    Promise.all(
      names
        .filter((n) => n.startsWith('webhook-'))
        .map((n) => startN8nProcess(deployment, 'webhook', n)),
    ),
  ]);
  const cluster: Cluster = {
    deployment,
    sandbox,
    budgetSandbox,
    balancer: undefined as never,
    main,
    workers,
    webhookProcessors,
    api: new N8nApi(main.url),
    analyst: new SandboxApi(sandbox.url, sandbox.tokens.analyst),
    approver: new SandboxApi(sandbox.url, sandbox.tokens.approver),
    workflows,
  };
  // Webhook and resume calls go to the webhook processors and main (a rolling restart may swap
  // either): the balancer asks the cluster each time.
  cluster.balancer = await startBalancer(balancerPort, {
    main: () => cluster.main.url,
    webhooks: () => [...cluster.webhookProcessors.map((p) => p.url), cluster.main.url],
  });
  await cluster.api.setupOwner(OWNER);
  await cluster.api.createApiKey('senseon-scale');
  log(
    `queue mode up: main ${main.url}, ${workers.length} workers, ${webhookProcessors.length} webhook processor(s), balancer ${cluster.balancer.url}`,
  );
  return cluster;
}

export type { N8nProcess };
