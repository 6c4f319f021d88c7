import type { RunningSandbox } from '../../src';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { apiFor, eventually, startTestSandbox } from '../helpers/sandbox';
import { verifiedEvent } from '../helpers/webhooks';

let sandbox: RunningSandbox;
let inbox: Receiver;
beforeAll(async () => {
  sandbox = await startTestSandbox({ simulate: { intervalMs: 40 } });
  inbox = await startReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await inbox.close();
});

describe('--simulate', () => {
  it('keeps observations arriving, each with observation.created', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    const hook = (
      await analyst.post('/webhooks', { url: inbox.url, events: ['observation.created'] })
    ).body;
    const before = (await analyst.get('/observations?limit=1')).body.pagination.total_items;
    const [delivery] = await inbox.waitFor(1, 10_000);
    const event = verifiedEvent(delivery!, hook.secret);
    expect(event.type).toBe('observation.created');
    expect(event.data.id).toMatch(/^obs_/);
    const after = await eventually(async () => {
      const total = (await analyst.get('/observations?limit=1')).body.pagination.total_items;
      return total > before ? total : undefined;
    });
    expect(after).toBeGreaterThan(before);
    const stored = await analyst.get(`/observations/${event.data.id}`);
    // The event of another tenant is never delivered here; this one is ours.
    if (event.tenant_id === sandbox.tenants[0]) expect(stored.status).toBe(200);
  });

  it('now and then opens a case, with case.created and a trace that starts there', async () => {
    const admin = apiFor(sandbox, 'admin');
    const hooks = await Promise.all(
      sandbox.tenants.map((tenant) =>
        admin.post(
          '/webhooks',
          { url: `${inbox.url}/cases`, events: ['case.created'] },
          {
            headers: { 'X-SenseOn-Tenant': tenant },
          },
        ),
      ),
    );
    expect(hooks.every((h) => h.status === 201)).toBe(true);
    // Cases come at most every ten minutes of (sandbox) time; step through a few hours.
    for (let i = 0; i < 200 && !inbox.received.some((r) => r.path === '/cases'); i++) {
      sandbox.clock.advance(11 * 60_000);
      sandbox.simulateStep();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const delivery = await inbox.waitUntil((r) => r.path === '/cases', 5_000);
    const event = JSON.parse(delivery.body) as {
      type: string;
      tenant_id: string;
      data: { id: string };
    };
    expect(event.type).toBe('case.created');
    const item = await admin.get(`/cases/${event.data.id}`, {
      headers: { 'X-SenseOn-Tenant': event.tenant_id },
    });
    expect(item.status).toBe(200);
    const trace = await admin.get(`/cases/${event.data.id}/trace`, {
      headers: { 'X-SenseOn-Tenant': event.tenant_id },
    });
    expect(trace.body.data[0].event).toBe('case.created');
  });
});
