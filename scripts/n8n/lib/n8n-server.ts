import type { N8nHost } from './host';
import { startService, waitFor, type Service } from './processes';

export interface RunningN8n {
  /** The editor and REST base, e.g. `http://127.0.0.1:5678`. */
  url: string;
  port: number;
  service: Service;
}

/**
 * `n8n start` on 127.0.0.1, ready when `/healthz/readiness` is 200 (5–30 s on 2 cores).
 * Stop it with `stopService(n8n.service)`: the whole process group, task runner included.
 */
export async function startN8nServer(
  host: N8nHost,
  env: NodeJS.ProcessEnv,
  port: number,
  logFile?: string,
  /** How long to wait for readiness; a loaded machine (the chaos run beside others) needs more. */
  readyTimeoutMs = 120_000,
): Promise<RunningN8n> {
  const service = startService('n8n', host.node, [host.n8nBin, 'start'], { env, logFile });
  const url = `http://127.0.0.1:${port}`;
  const ready = async (): Promise<boolean> => {
    const response = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  };
  await Promise.race([
    waitFor('n8n to be ready', ready, readyTimeoutMs, 500),
    service.exited.then((code) => {
      const tail = service.output().trim().split('\n').slice(-10).join('\n');
      throw new Error(`n8n exited (${code}) before it was ready:\n${tail}`);
    }),
  ]);
  return { url, port, service };
}
