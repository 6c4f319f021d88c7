import { mkdirSync } from 'node:fs';
import { freePort, startService, waitFor, type Service } from '../n8n/lib/processes';

export interface RunningRedis {
  port: number;
  service: Service;
}

/** A private Redis on 127.0.0.1 for n8n's queue: no persistence, stopped by its PID. */
export async function startRedis(dir: string, logFile: string): Promise<RunningRedis> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const service = startService(
    'redis',
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { logFile },
  );
  await Promise.race([
    waitFor(
      'Redis to accept connections',
      async () => service.output().includes('Ready to accept connections'),
      20_000,
      100,
    ),
    service.exited.then((code) => {
      throw new Error(`redis-server exited (${code}): ${service.output().slice(-500)}`);
    }),
  ]);
  return { port, service };
}
