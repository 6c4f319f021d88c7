import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from '../../src';
import { apiFor, eventually, startTestSandbox, type Api } from '../helpers/sandbox';

/*
 * A claim made under a delivery attempt (`attempt_id`, from `X-SenseOn-Delivery-Attempt`) is
 * given back when the receiver answers that attempt 5xx: the receiver started nothing (n8n
 * answers 500 when it cannot start the workflow its trigger returned), so the retry must be first
 * again, or the event is lost. A claim made under another copy, or answered by a timeout, stays.
 */

interface Received {
  attemptId: string;
  eventId: string;
  first: boolean;
  answered: number;
}

let sandbox: RunningSandbox;
let analyst: Api;
let receiver: Server;
let receiverUrl: string;
let webhookId: string;
/** How the receiver answers each copy, given what its claim said; set per test. */
let answerFor: (copy: { first: boolean; seen: number }) => number;
const received: Received[] = [];

async function claimAndAnswer(request: IncomingMessage): Promise<number> {
  for await (const chunk of request) void chunk; // the body is not needed here
  const eventId = String(request.headers['webhook-id']);
  const attemptId = String(request.headers['x-senseon-delivery-attempt']);
  const claim = await analyst.post(`/webhooks/${webhookId}/claims`, {
    event_id: eventId,
    attempt_id: attemptId,
  });
  const first = claim.body.first === true;
  const seen = received.filter((r) => r.eventId === eventId).length;
  const answered = answerFor({ first, seen });
  received.push({ attemptId, eventId, first, answered });
  return answered;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  receiver = createServer((request, response) => {
    void claimAndAnswer(request).then(
      (status) => response.writeHead(status).end(),
      () => response.writeHead(599).end(),
    );
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  webhookId = (await analyst.post('/webhooks', { url: receiverUrl, events: ['case.updated'] })).body
    .id as string;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  sandbox.setFaults(null);
});

async function updateOneCase(tag: string): Promise<string> {
  const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id as string;
  await analyst.patch(`/cases/${caseId}`, { tags: [tag] });
  return eventually(() => received.find((r) => r.attemptId)?.eventId, 10_000, 'the first delivery');
}

async function settledDelivery(eventId: string) {
  return eventually(
    async () => {
      const page = await analyst.get(`/webhooks/${webhookId}/deliveries?limit=20`);
      const delivery = page.body.data.find((d: { event_id: string }) => d.event_id === eventId);
      return delivery && delivery.status !== 'pending' ? delivery : undefined;
    },
    15_000,
    'the delivery to settle',
  );
}

describe('claims made under a delivery attempt', () => {
  it('are given back when the receiver answers that attempt 5xx, so the retry is first', async () => {
    // The first claimed copy fails to start (500); the retry is answered 200.
    answerFor = ({ seen }) => (seen === 0 ? 500 : 200);
    const eventId = await updateOneCase('claim-attempt-500');
    const delivery = await settledDelivery(eventId);
    expect(delivery.status).toBe('succeeded');
    const copies = received.filter((r) => r.eventId === eventId);
    expect(copies.map((c) => [c.first, c.answered])).toEqual([
      [true, 500],
      [true, 200],
    ]);
    expect(new Set(copies.map((c) => c.attemptId)).size).toBe(2);
  });

  it('are given back when the claiming copy failed even though its duplicate was answered 2xx', async () => {
    sandbox.setFaults({ webhookDuplicate: 1 });
    // Of the two copies sent at once, the one that claims fails; the other finds it claimed.
    answerFor = ({ first, seen }) => (first && seen < 2 ? 500 : 200);
    const eventId = await updateOneCase('claim-attempt-duplicate');
    sandbox.setFaults(null);
    const delivery = await settledDelivery(eventId);
    expect(delivery.status).toBe('succeeded');
    const copies = received.filter((r) => r.eventId === eventId);
    // Exactly one copy acted (first and answered 2xx): the retry after the failed claimer.
    expect(copies.filter((c) => c.first && c.answered === 200)).toHaveLength(1);
    expect(copies.filter((c) => c.first && c.answered === 500)).toHaveLength(1);
  });

  it('stay when another copy (not the claimer) answers 5xx', async () => {
    sandbox.setFaults({ webhookDuplicate: 1 });
    // The claimer acts and answers 200; the copy that found it claimed answers 500 (once).
    answerFor = ({ first, seen }) => (first || seen >= 2 ? 200 : 500);
    const eventId = await updateOneCase('claim-attempt-other-copy');
    sandbox.setFaults(null);
    await settledDelivery(eventId);
    const copies = received.filter((r) => r.eventId === eventId);
    expect(copies.filter((c) => c.first)).toHaveLength(1);
    const claim = await analyst.post(`/webhooks/${webhookId}/claims`, { event_id: eventId });
    expect(claim.body.first).toBe(false);
  });

  it('refuses a malformed attempt_id, naming it', async () => {
    const eventId = (await analyst.post(`/webhooks/${webhookId}/test`, {})).body.event_id as string;
    const answer = await analyst.post(`/webhooks/${webhookId}/claims`, {
      event_id: eventId,
      attempt_id: 'not an attempt',
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('attempt_id');
  });
});
