import type { TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { apiFor, startTestSandbox, type Api } from '../helpers/sandbox';
import { verifiedEvent } from '../helpers/webhooks';

/** `case.updated` says what changed, as Stripe's events carry `previous_attributes`. */
let sandbox: RunningSandbox;
let analyst: Api;
let inbox: Receiver;
let secret: string;
let webhookId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  inbox = await startReceiver();
  const created = await analyst.post('/webhooks', {
    url: inbox.url,
    events: ['case.updated'],
    description: 'changes',
  });
  ({ id: webhookId, secret } = created.body as { id: string; secret: string });
});
afterAll(async () => {
  await sandbox.close();
  await inbox.close();
});

describe('case.updated', () => {
  it('carries each changed field as {from, to} and who changed it; the trace names the same moment', async () => {
    const [item] = (await analyst.get('/cases?status=open&limit=1')).body.data;
    const before = inbox.received.length;
    const updated = await analyst.patch(`/cases/${item.id}`, {
      status: 'investigating',
      tags: [...item.tags, 'changes-test'],
      // Unchanged: not reported.
      severity: item.severity,
    });
    expect(updated.status).toBe(200);
    const [delivery] = (await inbox.waitFor(before + 1)).slice(before);
    const event = verifiedEvent(delivery!, secret) as unknown as Record<string, unknown>;
    expect(event.type).toBe('case.updated');
    expect(event.changes).toEqual({
      status: { from: 'open', to: 'investigating' },
      tags: { from: item.tags, to: [...item.tags, 'changes-test'] },
    });
    expect(event.actor).toMatchObject({ principal: 'analyst' });

    const trace: TraceEntry[] = (await analyst.get(`/cases/${item.id}/trace`)).body.data;
    const entry = trace.filter((e) => e.event === 'case.updated').at(-1)!;
    expect(entry.details.changes).toEqual(event.changes);
    expect(entry.actor).toEqual(event.actor);
    expect(entry.at).toBe(updated.body.updated_at);
  });

  it('a test event has the same envelope, with nothing changed', async () => {
    const before = inbox.received.length;
    await analyst.post(`/webhooks/${webhookId}/test`);
    const [delivery] = (await inbox.waitFor(before + 1)).slice(before);
    const event = verifiedEvent(delivery!, secret) as unknown as Record<string, unknown>;
    expect(event).toMatchObject({ test: true, changes: {}, actor: { principal: 'system' } });
  });
});
