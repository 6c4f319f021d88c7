import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nHost } from '../n8n/lib/host';
import { n8nEnv } from '../n8n/lib/n8n-env';
import { freePort, startService, stopService, waitFor, type Service } from '../n8n/lib/processes';
import type { RunningPostgres } from './postgres';

/** What every process of one n8n deployment shares: its database, its queue, its key, its URL. */
export interface Deployment {
  host: N8nHost;
  /** `queue`: main enqueues, workers execute. `regular`: main does everything (the comparison). */
  mode: 'queue' | 'regular';
  postgres: RunningPostgres;
  redisPort: number;
  encryptionKey: string;
  /** Where webhook and resume URLs point: the load balancer (queue) or main (regular). */
  webhookUrl: string;
  /** Each process gets its own user folder under here, with our package installed in it. */
  userFolder: (name: string) => string;
  logDir: string;
}

export type Role = 'main' | 'worker' | 'webhook';

export interface N8nProcess {
  name: string;
  role: Role;
  /** Base URL of its HTTP server: editor/REST (main), webhooks (webhook), health (worker). */
  url: string;
  service: Service;
}

/**
 * The environment of one process. Queue mode on n8n 2.40.7 (read from its `@n8n/config`):
 * `EXECUTIONS_MODE=queue`, `QUEUE_BULL_REDIS_HOST/PORT`, `DB_TYPE=postgresdb` with
 * `DB_POSTGRESDB_*`, one `N8N_ENCRYPTION_KEY` for all (workers decrypt the credentials main
 * stored) and one `N8N_WEBHOOK_URL` (the old `WEBHOOK_URL`) so that every process, worker
 * included, builds the same webhook and resume URLs: the balancer's.
 */
export function processEnv(
  deployment: Deployment,
  name: string,
  httpPort: number,
  brokerPort: number,
): NodeJS.ProcessEnv {
  const env = n8nEnv(deployment.host, {
    userFolder: deployment.userFolder(name),
    encryptionKey: deployment.encryptionKey,
    port: httpPort,
    brokerPort,
    logLevel: 'info',
  });
  const { postgres } = deployment;
  Object.assign(env, {
    EXECUTIONS_MODE: deployment.mode,
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: '127.0.0.1',
    DB_POSTGRESDB_PORT: String(postgres.port),
    DB_POSTGRESDB_DATABASE: postgres.database,
    DB_POSTGRESDB_USER: postgres.user,
    DB_POSTGRESDB_PASSWORD: '',
    // n8n's default pool is 2 connections per process: under a burst of webhook calls the
    // webhook processor then fails to start executions ("timeout exceeded when trying to
    // connect"), after the trigger has claimed the event. A deployment must size this.
    DB_POSTGRESDB_POOL_SIZE: '10',
    DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
    // n8n pings its database every few seconds and, after 3 pings slower than 5 s, answers
    // every request 503 "Database is not ready!" until one succeeds: on a busy host (2 cores
    // shared with other work) that took the webhook processor and main down for minutes.
    DB_PING_TIMEOUT_MS: '30000',
    DB_CONNECTION_ACQUISITION_TIMEOUT_MS: '60000',
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(deployment.redisPort),
    N8N_WEBHOOK_URL: `${deployment.webhookUrl}/`,
    // Workers answer /healthz/readiness on their own port: how we know one is ready.
    QUEUE_HEALTH_CHECK_ACTIVE: 'true',
    QUEUE_HEALTH_CHECK_PORT: String(httpPort),
    N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
    // Keep every finished execution: the figures are counted from n8n's own records.
    EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
    EXECUTIONS_DATA_PRUNE: 'false',
    // n8n's default: a stopped worker lets running executions finish for up to 30 s; one still
    // running then is marked crashed on the next start and never runs its remaining nodes.
    N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '30',
  });
  return env;
}

const COMMANDS: Record<Role, string[]> = {
  main: ['start'],
  // n8n warns below 5; 10 is its default, said out loud so the throughput figure names it.
  worker: ['worker', '--concurrency=10'],
  webhook: ['webhook'],
};

/** Starts one n8n process of the deployment and waits until its readiness endpoint is 200. */
export async function startN8nProcess(
  deployment: Deployment,
  role: Role,
  name: string,
): Promise<N8nProcess> {
  const port = await freePort();
  const env = processEnv(deployment, name, port, await freePort());
  const { host } = deployment;
  const service = startService(name, host.node, [host.n8nBin, ...COMMANDS[role]], {
    env,
    logFile: join(deployment.logDir, `${name}.log`),
  });
  const url = `http://127.0.0.1:${port}`;
  const ready = async (): Promise<boolean> =>
    (await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) })).ok;
  await Promise.race([
    waitFor(`${name} (n8n ${COMMANDS[role][0]}) to be ready`, ready, 180_000, 500),
    service.exited.then((code) => {
      const tail = service.output().trim().split('\n').slice(-15).join('\n');
      throw new Error(`${name} exited (${code}) before it was ready:\n${tail}`);
    }),
  ]);
  return { name, role, url, service };
}

/**
 * Stops a process by its PID and starts it again under the same name (a rolling restart).
 * `replaced`: as a container platform replaces a worker, the new process starts without the old
 * one's n8n event log. A worker that finds its own log on start runs n8n's crash recovery over
 * every execution the log shows started and not finished, and n8n 2.40.7 marks those crashed
 * even when they are waiting on a webhook (`ExecutionRecoveryService.amend` skips only success,
 * error and canceled): the scale run of 2026-11-30 lost 10 of 20 waiting executions so.
 */
export async function restartN8nProcess(
  deployment: Deployment,
  process: N8nProcess,
  options: { replaced?: boolean } = {},
): Promise<N8nProcess> {
  // Past n8n's own 30 s graceful shutdown, as a rolling restart waits for a worker to drain.
  await stopService(process.service, 45_000);
  if (options.replaced) {
    const folder = join(deployment.userFolder(process.name), '.n8n');
    for (const name of readdirSync(folder)) {
      if (/^n8nEventLog.*\.log$/.test(name)) rmSync(join(folder, name));
    }
  }
  return startN8nProcess(deployment, process.role, process.name);
}

/** Resolves once `service` has printed `text` (a log line), or throws after `timeoutMs`. */
export function printed(service: Service, text: string, timeoutMs: number): Promise<void> {
  return waitFor(
    `${service.name} to print "${text}"`,
    async () => service.output().includes(text),
    timeoutMs,
    200,
  );
}
