import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';

/**
 * The load balancer in front of a queue-mode n8n, as a deployment has one: production webhook
 * calls (`/webhook/*`) and resume calls (`/webhook-waiting/*`) go round-robin to every process
 * that takes them (webhook processors and main), everything else (editor, REST, public API) to
 * main. Round-robin on purpose: two copies of one delivery arriving together land on different
 * processes, which is what a claim kept in one process's memory cannot survive.
 */
export interface Balancer {
  url: string;
  port: number;
  /** How many webhook calls each backend received, by its URL. */
  served: Map<string, number>;
  close(): Promise<void>;
}

export interface BalancerTargets {
  main: () => string;
  webhooks: () => string[];
}

export function startBalancer(port: number, targets: BalancerTargets): Promise<Balancer> {
  const served = new Map<string, number>();
  let turn = 0;
  const pick = (path: string): string => {
    if (!path.startsWith('/webhook/') && !path.startsWith('/webhook-waiting/')) {
      return targets.main();
    }
    const pool = targets.webhooks();
    const target = pool[turn++ % pool.length] ?? targets.main();
    served.set(target, (served.get(target) ?? 0) + 1);
    return target;
  };
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse): void => {
    const target = new URL(incoming.url ?? '/', pick(incoming.url ?? '/'));
    const upstream = request(
      target,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      // A backend being restarted: the caller sees 502 and retries, as behind any balancer.
      if (!outgoing.headersSent) outgoing.writeHead(502).end();
      else outgoing.destroy();
    });
    incoming.pipe(upstream);
  };
  const server: Server = createServer(forward);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        served,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
