import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api } from '../helpers/sandbox';

/*
 * POST /webhooks/{id}/claims: receipt state a receiver with many processes (n8n in queue mode)
 * keeps in SenseOn. Of all claims of one event for one subscription, exactly one is first.
 */
let sandbox: RunningSandbox;
let analyst: Api;
let webhookId: string;
let otherWebhookId: string;

const testEvent = async (id = webhookId): Promise<string> =>
  (await analyst.post(`/webhooks/${id}/test`, {})).body.event_id as string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  const subscribe = async () =>
    (
      await analyst.post('/webhooks', {
        url: 'http://127.0.0.1:9/claims',
        events: ['case.updated'],
      })
    ).body.id as string;
  webhookId = await subscribe();
  otherWebhookId = await subscribe();
});
afterAll(() => sandbox.close());

describe('event claims', () => {
  it('answers first: true once, then first: false with the first claim time', async () => {
    const eventId = await testEvent();
    const first = await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: eventId });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ webhook_id: webhookId, event_id: eventId, first: true });
    const again = await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: eventId });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ first: false, claimed_at: first.body.claimed_at });
  });

  it('gives exactly one first among 20 claims sent at once', async () => {
    const eventId = await testEvent();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        analyst.post(`/webhooks/${webhookId}/claims`, { event_id: eventId }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.first === true)).toHaveLength(1);
  });

  it('keeps claims per subscription: the same event is first for each', async () => {
    const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id as string;
    await analyst.patch(`/cases/${caseId}`, { tags: ['claims-shared'] });
    const [delivery] = (await analyst.get(`/webhooks/${otherWebhookId}/deliveries?limit=1`)).body
      .data;
    const eventId = delivery.event_id as string;
    for (const id of [webhookId, otherWebhookId]) {
      const claim = await analyst.post(`/webhooks/${id}/claims`, { event_id: eventId });
      expect(claim.body.first).toBe(true);
    }
  });

  it('after a release, the next claim is first again', async () => {
    const eventId = await testEvent();
    await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: eventId });
    const released = await analyst.delete(`/webhooks/${webhookId}/claims/${eventId}`);
    expect(released.status).toBe(204);
    const again = await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: eventId });
    expect(again.body.first).toBe(true);
  });

  it('refuses an event never sent to the subscription, naming event_id', async () => {
    const foreign = await testEvent(otherWebhookId);
    const answer = await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: foreign });
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('event_id');
  });

  it('refuses a malformed body with 400 naming the field', async () => {
    const answer = await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: 'nope' });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('event_id');
  });

  it('needs webhooks:manage', async () => {
    const eventId = await testEvent();
    const answer = await apiFor(sandbox, 'readonly').post(`/webhooks/${webhookId}/claims`, {
      event_id: eventId,
    });
    expect(answer.status).toBe(403);
  });
});
