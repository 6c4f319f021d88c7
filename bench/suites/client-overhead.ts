import { SenseOnClient } from '@senseon/client';
import { startSandbox } from '@senseon/sandbox';
import { compare, timed } from '../measure';
import type { Suite } from '../suite';

/**
 * What the client core costs per request over a bare `fetch`: validation, retries bookkeeping,
 * the limiter and error mapping, against the same sandbox endpoint.
 */
async function clientOverhead(quick: boolean) {
  const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000 });
  // The sandbox runs with a huge budget here; the client's limiter (1,000 a minute by default)
  // would otherwise pace the loop, which is its job but not what this measures.
  const client = new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.admin,
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
  });
  const requests = quick ? 20 : 200;
  const url = `${sandbox.url}/devices?limit=20`;
  const headers = { authorization: `Bearer ${sandbox.tokens.admin}` };
  try {
    return await compare({
      name: `${requests} x GET /devices (20 per page)`,
      unit: 'ms',
      rounds: quick ? 3 : 15,
      candidate: {
        label: 'SenseOnClient.devices.list',
        run: () =>
          timed(async () => {
            for (let i = 0; i < requests; i++) await client.devices.list({ limit: 20 });
          }),
      },
      baseline: {
        label: 'fetch + JSON.parse',
        run: () =>
          timed(async () => {
            for (let i = 0; i < requests; i++) await (await fetch(url, { headers })).json();
          }),
      },
    });
  } finally {
    await sandbox.close();
  }
}

export const suite: Suite = {
  id: 'client-overhead',
  order: 9,
  title: 'Client overhead per small request',
  run: async ({ quick }) => ({ figures: [(await clientOverhead(quick)).figure] }),
};
