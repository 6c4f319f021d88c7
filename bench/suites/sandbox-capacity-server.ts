/**
 * The servers `sandbox-capacity` loads, in a process of their own so the load generator does not
 * share their event loop: one sandbox, and for each measured request a bare `node:http` server
 * that answers the bytes the sandbox answered to it (same status, same Content-Type, same body),
 * doing nothing else. Prints one JSON line `{"token","targets":[…]}` once all listen, answers
 * `cpu` on stdin with `{"cpuMicros"}`; stops on SIGTERM.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { startSandbox } from '@senseon/sandbox';

export interface CapacityTarget {
  name: string;
  method: 'GET' | 'POST';
  /** Path and query after the sandbox's base URL (`/cases?limit=100`). */
  path: string;
  body?: string;
  sandboxUrl: string;
  bareUrl: string;
  /** Bytes in the answer both servers give. */
  bytes: number;
}

function bareServer(status: number, contentType: string, body: Buffer): Promise<Server> {
  const server = createServer((req, res) => {
    // Drain the request (the POST's body) before answering, as any server must.
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    rateLimit: 10_000_000,
    log: process.env.CAPACITY_SANDBOX_LOG === '1',
  });
  const token = sandbox.tokens.admin;
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const first = async (path: string) =>
    (
      (await (await fetch(`${sandbox.url}${path}`, { headers: auth })).json()) as {
        data: { id: string }[];
      }
    ).data[0]!.id;
  const caseId = await first('/cases?limit=1');
  const deviceId = await first('/devices?limit=1');
  const requests: Omit<CapacityTarget, 'sandboxUrl' | 'bareUrl' | 'bytes'>[] = [
    { name: 'GET /cases', method: 'GET', path: '/cases' },
    { name: 'GET /observations?limit=1000', method: 'GET', path: '/observations?limit=1000' },
    { name: 'GET /devices/{id}', method: 'GET', path: `/devices/${deviceId}` },
    {
      name: 'POST /cases/{id}/comments',
      method: 'POST',
      path: `/cases/${caseId}/comments`,
      body: JSON.stringify({ body: 'Checked the beacon; the host is quarantined.' }),
    },
  ];
  const servers: Server[] = [];
  const targets: CapacityTarget[] = [];
  for (const request of requests) {
    const answer = await fetch(`${sandbox.url}${request.path}`, {
      method: request.method,
      headers: auth,
      body: request.body,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (answer.status >= 300) throw new Error(`${request.name}: ${answer.status} ${body}`);
    const server = await bareServer(
      answer.status,
      answer.headers.get('content-type') ?? 'application/json',
      body,
    );
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    targets.push({
      ...request,
      sandboxUrl: `${sandbox.url}${request.path}`,
      bareUrl: `http://127.0.0.1:${port}${request.path}`,
      bytes: body.length,
    });
  }
  process.stdout.write(`${JSON.stringify({ token, targets })}\n`);
  // `cpu` on stdin: this process's CPU time so far (µs), so the load generator can charge each
  // run its server's CPU per request, a figure the shared machine's noise colours far less than
  // requests per second (both servers live here, and only one is loaded at a time).
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
  });
  const stop = async () => {
    for (const server of servers) server.close();
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

void main();
