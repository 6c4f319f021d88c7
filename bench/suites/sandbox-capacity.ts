/**
 * Benchmark 8 of issue 11: how many requests a second the sandbox serves on loopback, and its
 * p99 latency, for four requests, each against a bare `node:http` server answering the same
 * bytes (the floor any Node server pays: sockets, HTTP parsing, writing the body). The servers
 * run in a child process (sandbox-capacity-server.ts) so autocannon, here, does not share their
 * event loop; the two sides are loaded in alternating rounds.
 *
 * Alone: `npx tsx bench/suites/sandbox-capacity.ts [--quick]`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { CapacityTarget } from './sandbox-capacity-server';
import { spread, table, type SideBySideRow } from './figures';

interface Load {
  reqPerSec: number;
  p99: number;
  /** The server process's CPU time per answered request (ms). */
  cpuPerRequest: number;
}

type Servers = Awaited<ReturnType<typeof startServers>>;

async function load(
  servers: Servers,
  url: string,
  target: CapacityTarget,
  seconds: number,
): Promise<Load> {
  const cpuBefore = await servers.cpuMicros();
  const result = await autocannon({
    url,
    method: target.method,
    body: target.body,
    headers: { authorization: `Bearer ${servers.token}`, 'content-type': 'application/json' },
    connections: 10,
    duration: seconds,
  });
  const cpu = (await servers.cpuMicros()) - cpuBefore;
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${target.name} at ${url}: ${failed} failed requests`);
  return {
    reqPerSec: result.requests.mean,
    p99: result.latency.p99,
    cpuPerRequest: cpu / 1000 / Math.max(1, result.requests.total),
  };
}

async function startServers() {
  const child = spawn(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      '--disable-warning=ExperimentalWarning',
      join(__dirname, 'sandbox-capacity-server.ts'),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`capacity servers exited with ${code}`));
      child.once('exit', onExit);
      lines.once('line', (line) => {
        child.off('exit', onExit);
        resolve(line);
      });
    });
  const ready = JSON.parse(await nextLine()) as { token: string; targets: CapacityTarget[] };
  const cpuMicros = async () => {
    const answer = nextLine();
    child.stdin!.write('cpu\n');
    return (JSON.parse(await answer) as { cpuMicros: number }).cpuMicros;
  };
  return { ...ready, cpuMicros, stop: () => child.kill('SIGTERM') };
}

export async function sandboxCapacity(quick: boolean): Promise<SideBySideRow[]> {
  const rounds = quick ? 3 : 5;
  const seconds = quick ? 1 : 3;
  const servers = await startServers();
  const rows: SideBySideRow[] = [];
  try {
    for (const target of servers.targets) {
      const ours: Load[] = [];
      const bare: Load[] = [];
      await load(servers, target.sandboxUrl, target, 1); // warm-up: JIT, statement cache
      await load(servers, target.bareUrl, target, 1);
      for (let round = 0; round < rounds; round++) {
        const sides = [
          async () => ours.push(await load(servers, target.sandboxUrl, target, seconds)),
          async () => bare.push(await load(servers, target.bareUrl, target, seconds)),
        ];
        if (round % 2 === 1) sides.reverse();
        for (const side of sides) await side();
      }
      const oursRate = spread(ours.map((l) => l.reqPerSec));
      const bareRate = spread(bare.map((l) => l.reqPerSec));
      const name = `${target.name} (${(target.bytes / 1024).toFixed(1)} KiB), 10 connections`;
      const ratio = oursRate.median / bareRate.median;
      rows.push({
        name: `${name}: req/s`,
        unit: 'req/s',
        candidate: { label: 'sandbox', ...oursRate },
        baseline: { label: 'node:http, same bytes', ...bareRate },
        ratio,
        goal: target.name.includes('limit=1000')
          ? { text: '≥ 0.8', holds: ratio >= 0.8 }
          : undefined,
      });
      const oursP99 = spread(ours.map((l) => l.p99));
      const bareP99 = spread(bare.map((l) => l.p99));
      rows.push({
        name: `${name}: p99 latency`,
        unit: 'ms',
        candidate: { label: 'sandbox', ...oursP99 },
        baseline: { label: 'node:http, same bytes', ...bareP99 },
        ratio: oursP99.median / bareP99.median,
      });
      const oursCpu = spread(ours.map((l) => l.cpuPerRequest));
      const bareCpu = spread(bare.map((l) => l.cpuPerRequest));
      rows.push({
        name: `${name}: server CPU per request`,
        unit: 'ms',
        candidate: { label: 'sandbox', ...oursCpu },
        baseline: { label: 'node:http, same bytes', ...bareCpu },
        ratio: oursCpu.median / bareCpu.median,
      });
    }
  } finally {
    servers.stop();
  }
  return rows;
}

if (require.main === module) {
  void sandboxCapacity(process.argv.includes('--quick')).then((rows) => console.log(table(rows)));
}
