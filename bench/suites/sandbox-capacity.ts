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
}

async function load(
  url: string,
  target: CapacityTarget,
  token: string,
  seconds: number,
): Promise<Load> {
  const result = await autocannon({
    url,
    method: target.method,
    body: target.body,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    connections: 10,
    duration: seconds,
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${target.name} at ${url}: ${failed} failed requests`);
  return { reqPerSec: result.requests.mean, p99: result.latency.p99 };
}

async function startServers() {
  const child = spawn(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      '--disable-warning=ExperimentalWarning',
      join(__dirname, 'sandbox-capacity-server.ts'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`capacity servers exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  const ready = JSON.parse(line) as { token: string; targets: CapacityTarget[] };
  return { ...ready, stop: () => child.kill('SIGTERM') };
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
      await load(target.sandboxUrl, target, servers.token, 1); // warm-up: JIT, statement cache
      await load(target.bareUrl, target, servers.token, 1);
      for (let round = 0; round < rounds; round++) {
        const sides = [
          async () => ours.push(await load(target.sandboxUrl, target, servers.token, seconds)),
          async () => bare.push(await load(target.bareUrl, target, servers.token, seconds)),
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
    }
  } finally {
    servers.stop();
  }
  return rows;
}

if (require.main === module) {
  void sandboxCapacity(process.argv.includes('--quick')).then((rows) => console.log(table(rows)));
}
