import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A long-running child (n8n, the sandbox) started in its own process group, so that stopping it
 * by its PID also stops what it started (npm → tsx → node, n8n's task runner).
 */
export interface Service {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Everything it printed, for error messages; never printed whole (it may hold a token). */
  output(): string;
  exited: Promise<number | null>;
}

const running = new Set<Service>();
/** Short-lived children (`n8n import:workflow` …) that a Ctrl-C must not leave holding n8n's database. */
const oneShots = new Set<ChildProcess>();

/** Lets the exit handlers stop a short-lived child too; it forgets the child when it exits. */
export function trackOneShot(child: ChildProcess): void {
  oneShots.add(child);
  child.once('exit', () => oneShots.delete(child));
}

export function startService(
  name: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions & { logFile?: string; stdin?: 'pipe' | 'ignore' },
): Service {
  const { logFile, stdin = 'ignore', ...spawnOptions } = options;
  const child = spawn(command, args, {
    ...spawnOptions,
    detached: true,
    stdio: [stdin, 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start (${command})`);
  let text = '';
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString()).slice(-200_000);
    log?.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const service: Service = { name, pid: child.pid, child, output: () => text, exited };
  running.add(service);
  void exited.then(() => {
    running.delete(service);
    log?.end();
  });
  return service;
}

/** Stops a service by its PID (its whole process group): SIGTERM, then SIGKILL after a grace. */
export async function stopService(service: Service, graceMs = 10_000): Promise<void> {
  if (!running.has(service)) return;
  signalGroup(service.pid, 'SIGTERM');
  const timer = new Promise<'late'>((resolve) =>
    setTimeout(() => resolve('late'), graceMs).unref(),
  );
  if ((await Promise.race([service.exited, timer])) === 'late') signalGroup(service.pid, 'SIGKILL');
  await Promise.race([service.exited, new Promise((r) => setTimeout(r, 2000).unref())]);
  running.delete(service);
}

/** Stops every service still running, last started first. */
export async function stopAllServices(): Promise<void> {
  for (const service of [...running].reverse()) await stopService(service);
}

/** Synchronous last resort for exit handlers: the event loop may not run again. */
export function killAllServicesNow(): void {
  for (const service of running) signalGroup(service.pid, 'SIGKILL');
  running.clear();
  // n8n's CLI traps SIGINT to shut down gracefully, so a Ctrl-C alone can outlive this process.
  for (const child of oneShots) child.kill('SIGKILL');
  oneShots.clear();
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns true, or throws after `timeoutMs` naming what it waited for. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
