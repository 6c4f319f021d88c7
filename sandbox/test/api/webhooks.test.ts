import { RETRY_DELAYS_MS, type RunningSandbox } from '../../src';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { apiFor, eventually, startTestSandbox, type Api } from '../helpers/sandbox';
import { verifiedEvent } from '../helpers/webhooks';

let sandbox: RunningSandbox;
let analyst: Api;
let caseId: string;
const receivers: Receiver[] = [];

async function receiver(respond?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(respond);
  receivers.push(started);
  return started;
}

async function subscribe(url: string, events: string[] = ['case.updated']) {
  const res = await analyst.post('/webhooks', { url, events, description: 'test' });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

const touchCase = (tag: string) => analyst.patch(`/cases/${caseId}`, { tags: [tag] });

beforeAll(async () => {
  sandbox = await startTestSandbox({ webhookTimeScale: 0.001 });
  analyst = apiFor(sandbox, 'analyst');
  caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
});
afterAll(async () => {
  await sandbox.close();
  await Promise.all(receivers.map((r) => r.close()));
});

describe('webhook subscriptions', () => {
  it('shows the secret once, and signs deliveries that standardwebhooks verifies', async () => {
    const inbox = await receiver();
    const webhook = await subscribe(`${inbox.url}/hook`);
    expect(webhook.secret).toMatch(/^whsec_/);
    const fetched = await analyst.get(`/webhooks/${webhook.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.text).not.toContain(webhook.secret);
    expect((await analyst.get('/webhooks')).text).not.toContain(webhook.secret);

    const updated = await touchCase('signed-delivery');
    const [delivery] = await inbox.waitFor(1);
    const event = verifiedEvent(delivery!, webhook.secret);
    expect(event.id).toMatch(/^evt_/);
    expect(event.type).toBe('case.updated');
    expect(event.tenant_id).toBe(sandbox.tenants[0]);
    expect(Date.parse(event.created_at)).not.toBeNaN();
    expect(event.data).toEqual(updated.body);
    expect(delivery!.headers['webhook-id']).toBe(event.id);
    await analyst.delete(`/webhooks/${webhook.id}`);
  });

  it('delivers only the subscribed events, and nothing from another tenant', async () => {
    const inbox = await receiver();
    const webhook = await subscribe(inbox.url, ['case.comment_added']);
    await touchCase('not-subscribed');
    await analyst.post(`/cases/${caseId}/comments`, { body: 'Subscribed event.' });
    const admin = apiFor(sandbox, 'admin');
    const other = sandbox.tenants[1] as string;
    const foreignCase = (
      await admin.get('/cases?limit=1', { headers: { 'X-SenseOn-Tenant': other } })
    ).body.data[0];
    await admin.post(
      `/cases/${foreignCase.id}/comments`,
      { body: 'Other tenant.' },
      { headers: { 'X-SenseOn-Tenant': other } },
    );
    const [delivery] = await inbox.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.received).toHaveLength(1);
    expect(verifiedEvent(delivery!, webhook.secret).type).toBe('case.comment_added');
    await analyst.delete(`/webhooks/${webhook.id}`);
  });

  it('retries on the scaled schedule until the receiver acknowledges', async () => {
    // Fail twice, then accept.
    const inbox = await receiver((_r, index) => (index < 2 ? 500 : 200));
    const webhook = await subscribe(inbox.url);
    await touchCase('retried');
    const attempts = await inbox.waitFor(3, 5_000);
    const ids = new Set(attempts.map((a) => a.headers['webhook-id']));
    expect(ids.size).toBe(1); // the same event every time
    const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0] * 0.001 - 5);
    expect(gaps[1]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[1] * 0.001 - 5);
    const log = await eventually(async () => {
      const res = await analyst.get(`/webhooks/${webhook.id}/deliveries`);
      return res.body.data[0]?.status === 'succeeded' ? res.body.data[0] : undefined;
    });
    expect(log).toMatchObject({ attempts: 3, last_status_code: 200, event_type: 'case.updated' });
    await analyst.delete(`/webhooks/${webhook.id}`);
  });

  it('marks a delivery failed when the schedule is used up, and replays it on request', async () => {
    let accept = false;
    const inbox = await receiver(() => (accept ? 200 : 503));
    const webhook = await subscribe(inbox.url);
    await touchCase('given-up');
    const failed = await eventually(
      async () => {
        // Jump over the long waits (1 h, 6 h scaled) instead of sleeping through them.
        sandbox.clock.advance(60_000);
        const res = await analyst.get(`/webhooks/${webhook.id}/deliveries`);
        return res.body.data[0]?.status === 'failed' ? res.body.data[0] : undefined;
      },
      10_000,
      'the delivery to fail',
    );
    expect(failed.attempts).toBe(RETRY_DELAYS_MS.length + 1);
    expect(failed.last_status_code).toBe(503);
    expect(inbox.received).toHaveLength(RETRY_DELAYS_MS.length + 1);

    accept = true;
    const replay = await analyst.post(`/webhooks/${webhook.id}/deliveries/${failed.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body.id).not.toBe(failed.id);
    expect(replay.body.event_id).toBe(failed.event_id);
    await inbox.waitFor(RETRY_DELAYS_MS.length + 2);
    const replayed = inbox.received[inbox.received.length - 1]!;
    expect(verifiedEvent(replayed, webhook.secret).id).toBe(failed.event_id);
    await analyst.delete(`/webhooks/${webhook.id}`);
  });

  it('disables the subscription when the receiver answers 410 Gone', async () => {
    const inbox = await receiver(() => 410);
    const webhook = await subscribe(inbox.url);
    await touchCase('gone');
    await inbox.waitFor(1);
    const disabled = await eventually(async () => {
      const res = await analyst.get(`/webhooks/${webhook.id}`);
      return res.body.status === 'disabled' ? res.body : undefined;
    });
    expect(disabled.disabled_reason).toMatch(/410/);
    await touchCase('after-gone');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(inbox.received).toHaveLength(1);
    const test = await analyst.post(`/webhooks/${webhook.id}/test`);
    expect(test.status).toBe(409);
  });

  it('sends a test event on request', async () => {
    const inbox = await receiver();
    const webhook = await subscribe(inbox.url, ['observation.created']);
    const res = await analyst.post(`/webhooks/${webhook.id}/test`);
    expect(res.status).toBe(202);
    expect(res.body.delivery_id).toMatch(/^dlv_/);
    const [delivery] = await inbox.waitFor(1);
    const event = verifiedEvent(delivery!, webhook.secret);
    expect(event).toMatchObject({ id: res.body.event_id, type: 'observation.created', test: true });
    expect(event.data.id).toMatch(/^obs_/);
    await analyst.delete(`/webhooks/${webhook.id}`);
  });

  it('answers 404 for unknown or deleted subscriptions, and validates the URL', async () => {
    const inbox = await receiver();
    const webhook = await subscribe(inbox.url);
    expect((await analyst.delete(`/webhooks/${webhook.id}`)).status).toBe(204);
    expect((await analyst.get(`/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await analyst.get('/webhooks/wh_nothere')).body.error.code).toBe('NOT_FOUND');
    const bad = await analyst.post('/webhooks', {
      url: 'ftp://example.com',
      events: ['case.updated'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('url');
    const badEvent = await analyst.post('/webhooks', { url: inbox.url, events: ['case.deleted'] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.error.details[0].field).toBe('events.0');
  });
});
