import { generateWebhookSecret, signWebhook } from '@senseon/client';
import type { IDataObject, INodeType, IWebhookFunctions } from 'n8n-workflow';
import {
  claimDelivery,
  REMEMBERED_DELIVERIES,
  releaseDelivery,
} from '../nodes/SenseOnTrigger/seen-deliveries';
import { SenseOnTrigger } from '../nodes/SenseOnTrigger/SenseOnTrigger.node';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { runWebhook } from './harness/webhook-context';

/*
 * SenseOn delivers at least once; a copy carries the first delivery's `webhook-id`. These are the
 * node's own checks; that n8n 2.40.7 starts one execution per event is proven in a real n8n by
 * test/e2e/n8n-server-duplicates.ts.
 */
describe('SenseOn Trigger: duplicate deliveries', () => {
  const trigger = new SenseOnTrigger();
  const secret = generateWebhookSecret();
  let sb: TestSandbox;

  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(async () => {
    await sb.close();
  });

  function signed(id: string, type: string, data: IDataObject) {
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
  function deliver(path: string, delivery: ReturnType<typeof signed>, typeVersion = 1) {
    return runWebhook({
      nodeType: trigger,
      credentials: sb.credential('analyst'),
      // A fresh copy each call: what `webhook()` writes there is not kept by n8n 2.40.7.
      staticData: { webhookId: 'wh_duplicates1', webhookSecret: secret },
      node: { typeVersion },
      request: { method: 'POST', path, ...delivery },
    });
  }

  it('drops a redelivery even though n8n does not save static data written in webhook()', async () => {
    const delivery = signed('evt_dupunsaved', 'case.created', { id: 'case_dupunsaved' });
    const first = await deliver('/dup/unsaved', delivery);
    expect(first.workflowData).toHaveLength(1);
    const again = await deliver('/dup/unsaved', delivery);
    // Still 2xx, so SenseOn stops retrying, and nothing starts.
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: true, duplicate: true });
    expect(again.workflowData).toBeUndefined();
  });

  it('drops a copy after n8n restarted: the id saved in static data outlives process memory', async () => {
    // Static data as n8n saves it after a production webhook call, shared by both processes.
    const staticData: IDataObject = { webhookId: 'wh_duplicates1', webhookSecret: secret };
    const delivery = signed('evt_duprestart', 'case.created', { id: 'case_duprestart' });
    const run = (nodeType: INodeType) =>
      runWebhook({
        nodeType,
        credentials: sb.credential('analyst'),
        staticData,
        request: { method: 'POST', path: '/dup/restart', ...delivery },
      });
    expect((await run(trigger)).workflowData).toHaveLength(1);
    let restarted: INodeType | undefined;
    // A fresh copy of the node's modules: what a restarted n8n loads, with empty memory.
    jest.isolateModules(() => {
      const fresh = jest.requireActual<
        typeof import('../nodes/SenseOnTrigger/SenseOnTrigger.node')
      >('../nodes/SenseOnTrigger/SenseOnTrigger.node');
      restarted = new fresh.SenseOnTrigger();
    });
    const again = await run(restarted!);
    expect(again.body).toMatchObject({ duplicate: true });
    expect(again.workflowData).toBeUndefined();
  });

  it('starts once when copies of a delivery arrive together', async () => {
    const delivery = signed('evt_duptogether', 'case.created', { id: 'case_duptogether' });
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => deliver('/dup/together', delivery)),
    );
    expect(runs.filter((run) => run.workflowData)).toHaveLength(1);
    expect(runs.every((run) => run.status === 200)).toBe(true);
  });

  it('never drops a first delivery: another trigger, or another event, starts', async () => {
    const delivery = signed('evt_dupshared', 'case.created', { id: 'case_dupshared' });
    expect((await deliver('/dup/one', delivery)).workflowData).toBeDefined();
    // The same event sent to a second workflow's trigger is that trigger's first delivery.
    expect((await deliver('/dup/two', delivery)).workflowData).toBeDefined();
    const other = signed('evt_dupother', 'case.created', { id: 'case_dupother' });
    expect((await deliver('/dup/one', other)).workflowData).toBeDefined();
  });

  it('keeps no claim for a delivery whose item could not be made, so the retry starts', async () => {
    // Version 2 reads the commented case; this one does not exist, so the delivery fails.
    const comment = signed('evt_dupretry', 'case.comment_added', {
      id: 'cmt_dupretry',
      case_id: 'case_doesnotexist',
      author: { principal: 'usr_dup', origin: 'human' },
      body: 'a comment on a case the sandbox does not have',
      created_at: new Date().toISOString(),
    });
    await expect(deliver('/dup/retry', comment, 2)).rejects.toThrow();
    // Had the failed attempt kept its claim, this retry would be answered as a duplicate.
    const retry = await deliver('/dup/retry', comment, 2).catch((error: unknown) => error);
    expect(retry).toBeInstanceOf(Error);
    expect((retry as Error).message).not.toMatch(/duplicate/);
  });

  it("uses n8n's database-backed helpers when a webhook context has them, scoped to the node", async () => {
    const recorded = new Set<string | number>();
    const calls: unknown[][] = [];
    const helpers = {
      checkProcessedAndRecord: async (
        items: (string | number)[],
        scope: string,
        options: IDataObject,
      ) => {
        calls.push(['check', items, scope, options]);
        const fresh = items.filter((item) => !recorded.has(item));
        fresh.forEach((item) => recorded.add(item));
        return { new: fresh, processed: items.filter((item) => !fresh.includes(item)) };
      },
      removeProcessed: async (items: (string | number)[], scope: string, options: IDataObject) => {
        calls.push(['remove', items, scope, options]);
        items.forEach((item) => recorded.delete(item));
      },
    };
    const context = {
      helpers,
      getWorkflow: () => ({ id: 'wf_helpers' }),
      getNode: () => ({ id: 'node-helpers' }),
    } as unknown as IWebhookFunctions;

    expect(await claimDelivery(context, 'evt_db')).toBe(true);
    expect(await claimDelivery(context, 'evt_db')).toBe(false);
    await releaseDelivery(context, 'evt_db');
    expect(await claimDelivery(context, 'evt_db')).toBe(true);
    const bounded = { mode: 'entries', maxEntries: REMEMBERED_DELIVERIES };
    expect(calls).toEqual([
      ['check', ['evt_db'], 'node', bounded],
      ['check', ['evt_db'], 'node', bounded],
      ['remove', ['evt_db'], 'node', bounded],
      ['check', ['evt_db'], 'node', bounded],
    ]);
  });
});
