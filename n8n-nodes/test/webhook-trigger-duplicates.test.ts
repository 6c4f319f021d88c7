import { signWebhook, type WebhookCreated } from '@senseon/client';
import type { IDataObject, INodeType } from 'n8n-workflow';
import { SenseOnTrigger } from '../nodes/SenseOnTrigger/SenseOnTrigger.node';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { runWebhook } from './harness/webhook-context';

/*
 * SenseOn delivers at least once; a copy carries the first delivery's `webhook-id` (the event
 * id). The trigger claims each event in SenseOn (`POST /webhooks/{id}/claims`), so these checks
 * use real subscriptions and real events of a sandbox. That n8n 2.40.7 starts one execution per
 * event, in one process and in queue mode, is proven in a real n8n by
 * test/e2e/n8n-server-duplicates.ts and test/scale (figure 1).
 */
describe('SenseOn Trigger: duplicate deliveries', () => {
  const trigger = new SenseOnTrigger();
  let sb: TestSandbox;
  let subscription: WebhookCreated;

  /** A subscription whose deliveries go nowhere: the tests deliver its events themselves. */
  const subscribe = (events: ('case.created' | 'case.updated')[] = ['case.created']) =>
    sb.client('analyst').webhooks.create({ url: 'http://127.0.0.1:9/nowhere', events });

  beforeAll(async () => {
    sb = await startTestSandbox();
    subscription = await subscribe();
  });
  afterAll(async () => {
    await sb.close();
  });

  /** A real event of `hook` (a test event): its id is what SenseOn lets a receiver claim. */
  const newEvent = async (hook = subscription) =>
    (await sb.client('analyst').webhooks.test(hook.id)).event_id;

  function signed(id: string, type: string, data: IDataObject, secret = subscription.secret) {
    const body = JSON.stringify({
      id,
      type,
      created_at: new Date().toISOString(),
      tenant_id: 'ten_duplicates1',
      data,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      rawBody: Buffer.from(body),
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook({ id, timestamp, body, secret }),
      },
    };
  }

  /** One delivery to a trigger at `path`, with static data as n8n 2.40.7 gives it: never saved. */
  function deliver(
    path: string,
    delivery: ReturnType<typeof signed>,
    { typeVersion = 1, hook = subscription, nodeType = trigger as INodeType } = {},
  ) {
    return runWebhook({
      nodeType,
      credentials: sb.credential('analyst'),
      // A fresh copy each call: what `webhook()` writes there is not kept by n8n 2.40.7.
      staticData: { webhookId: hook.id, webhookSecret: hook.secret },
      node: { typeVersion },
      request: { method: 'POST', path, ...delivery },
    });
  }

  it('drops a redelivery even though n8n does not save static data written in webhook()', async () => {
    const id = await newEvent();
    const delivery = signed(id, 'case.created', { id: 'case_dupunsaved' });
    const first = await deliver('/dup/unsaved', delivery);
    expect(first.workflowData).toHaveLength(1);
    const again = await deliver('/dup/unsaved', delivery);
    // Still 2xx, so SenseOn stops retrying, and nothing starts.
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: true, duplicate: true });
    expect(again.workflowData).toBeUndefined();
  });

  it('drops a copy in another process (empty memory): the claim is kept in SenseOn', async () => {
    const id = await newEvent();
    const delivery = signed(id, 'case.created', { id: 'case_dupprocess' });
    expect((await deliver('/dup/process', delivery)).workflowData).toHaveLength(1);
    let other: INodeType | undefined;
    // A fresh copy of the node's modules: what another n8n process (or a restart) loads.
    jest.isolateModules(() => {
      const fresh = jest.requireActual<
        typeof import('../nodes/SenseOnTrigger/SenseOnTrigger.node')
      >('../nodes/SenseOnTrigger/SenseOnTrigger.node');
      other = new fresh.SenseOnTrigger();
    });
    const again = await deliver('/dup/process', delivery, { nodeType: other! });
    expect(again.body).toMatchObject({ duplicate: true });
    expect(again.workflowData).toBeUndefined();
  });

  it('starts once when copies of a delivery arrive together in several processes', async () => {
    const id = await newEvent();
    const delivery = signed(id, 'case.created', { id: 'case_duptogether' });
    const processes: INodeType[] = [trigger];
    for (let n = 0; n < 4; n++) {
      jest.isolateModules(() => {
        const fresh = jest.requireActual<
          typeof import('../nodes/SenseOnTrigger/SenseOnTrigger.node')
        >('../nodes/SenseOnTrigger/SenseOnTrigger.node');
        processes.push(new fresh.SenseOnTrigger());
      });
    }
    const runs = await Promise.all(
      processes.flatMap((nodeType) => [
        deliver('/dup/together', delivery, { nodeType }),
        deliver('/dup/together', delivery, { nodeType }),
      ]),
    );
    expect(runs.filter((run) => run.workflowData)).toHaveLength(1);
    expect(runs.every((run) => run.status === 200)).toBe(true);
  });

  it('never drops a first delivery: another subscription, or another event, starts', async () => {
    const second = await subscribe(['case.updated']);
    const third = await subscribe(['case.updated']);
    const [target] = (await sb.client('analyst').cases.list({ limit: 1 })).data;
    await sb.client('analyst').cases.update(target!.id, { tags: ['dup-shared'] });
    // One event, sent to both subscriptions: each trigger's first delivery of it.
    const deliveries = await sb.client('analyst').webhooks.listDeliveries(second.id);
    const shared = deliveries.data[0]!.event_id;
    const body = { id: target!.id };
    expect(
      (
        await deliver('/dup/two', signed(shared, 'case.updated', body, second.secret), {
          hook: second,
        })
      ).workflowData,
    ).toBeDefined();
    expect(
      (
        await deliver('/dup/three', signed(shared, 'case.updated', body, third.secret), {
          hook: third,
        })
      ).workflowData,
    ).toBeDefined();
    const other = await newEvent();
    expect(
      (await deliver('/dup/one', signed(other, 'case.created', { id: 'case_dupother' })))
        .workflowData,
    ).toBeDefined();
  });

  it('keeps no claim for a delivery whose item could not be made, so the retry starts', async () => {
    // Version 2 reads the commented case; this one does not exist, so the delivery fails.
    const id = await newEvent();
    const comment = signed(id, 'case.comment_added', {
      id: 'cmt_dupretry',
      case_id: 'case_doesnotexist',
      author: { principal: 'usr_dup', origin: 'human' },
      body: 'a comment on a case the sandbox does not have',
      created_at: new Date().toISOString(),
    });
    await expect(deliver('/dup/retry', comment, { typeVersion: 2 })).rejects.toThrow();
    // Had the failed attempt kept its claim, this retry would be answered as a duplicate.
    const retry = await deliver('/dup/retry', comment, { typeVersion: 2 }).catch(
      (error: unknown) => error,
    );
    expect(retry).toBeInstanceOf(Error);
    expect((retry as Error).message).not.toMatch(/duplicate/);
  });

  it('answers with an error (so SenseOn retries) when the event cannot be claimed', async () => {
    // A signed delivery of an event SenseOn never sent this subscription: the claim is refused.
    const delivery = signed('evt_neversent01', 'case.created', { id: 'case_neversent' });
    await expect(deliver('/dup/unknown', delivery)).rejects.toThrow(/event_id|not found/i);
  });
});
