import { NotFoundError, signWebhook, type Case } from '@senseon/client';
import type { IDataObject } from 'n8n-workflow';
import type { SubscriptionState } from '../nodes/SenseOnTrigger/subscription';
import { SenseOnTrigger } from '../nodes/SenseOnTrigger/SenseOnTrigger.node';
import { eventually } from './harness/eventually';
import { startReceiver, type ReceivedRequest, type Receiver } from './harness/receiver';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { hookContext } from './harness/trigger-contexts';
import { runWebhook, type WebhookRun } from './harness/webhook-context';

/** The webhook trigger's subscription lifecycle and delivery checks, against the sandbox. */
describe('SenseOn Trigger', () => {
  const trigger = new SenseOnTrigger();
  let sb: TestSandbox;
  let receiver: Receiver;
  let cases: Case[];
  /** Static data per trigger path, as n8n keeps it per workflow node. */
  const staticData = new Map<string, IDataObject>();
  const runs = new Map<string, WebhookRun[]>();

  beforeAll(async () => {
    sb = await startTestSandbox();
    receiver = await startReceiver(async (request) => {
      const data = staticData.get(request.path) ?? {};
      const run = await runWebhook({
        nodeType: trigger,
        request,
        credentials: sb.credential('analyst'),
        staticData: data,
        // Paths under /v2/ are a version 2 node; the rest version 1, as saved workflows are.
        ...(request.path.startsWith('/v2/') ? { node: { typeVersion: 2 } } : {}),
      });
      runs.set(request.path, [...(runs.get(request.path) ?? []), run]);
      return { status: run.status, body: run.body };
    });
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
  });
  afterAll(async () => {
    await receiver.close();
    await sb.close();
  });

  function lifecycle(path: string, events: string[]) {
    const data = staticData.get(path) ?? {};
    staticData.set(path, data);
    const context = hookContext({
      nodeType: trigger,
      parameters: { events },
      credentials: sb.credential('analyst'),
      staticData: data,
      webhookUrl: `${receiver.url}${path}`,
    });
    const methods = trigger.webhookMethods.default;
    return {
      state: data as SubscriptionState,
      checkExists: () => methods.checkExists.call(context),
      create: () => methods.create.call(context),
      delete: () => methods.delete.call(context),
    };
  }

  const started = (path: string) =>
    eventually(`a delivery to ${path} to start the workflow`, () =>
      runs.get(path)?.find((run) => run.workflowData !== undefined),
    );

  it('subscribes on activation, receives signed events, and unsubscribes on deactivation', async () => {
    const path = '/webhook/lifecycle';
    const hooks = lifecycle(path, ['case.updated', 'case.comment_added']);
    expect(await hooks.checkExists()).toBe(false);
    expect(await hooks.create()).toBe(true);
    const webhookId = hooks.state.webhookId!;
    expect(webhookId).toMatch(/^wh_/);
    expect(hooks.state.webhookSecret).toMatch(/^whsec_/);

    const subscription = await sb.client('admin').webhooks.retrieve(webhookId);
    expect(subscription).toMatchObject({ url: `${receiver.url}${path}`, status: 'active' });
    expect([...subscription.events].sort()).toEqual(['case.comment_added', 'case.updated']);
    expect(await hooks.checkExists()).toBe(true);

    await sb.client('analyst').cases.update(cases[0]!.id, { status: 'investigating' });
    const run = await started(path);
    const [item] = run.workflowData![0]!;
    expect(item!.json).toMatchObject({
      type: 'case.updated',
      data: expect.objectContaining({ id: cases[0]!.id, status: 'investigating' }),
    });
    expect(item!.json.summary).toEqual(expect.stringContaining(cases[0]!.id));

    expect(await hooks.delete()).toBe(true);
    await expect(sb.client('admin').webhooks.retrieve(webhookId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(hooks.state.webhookId).toBeUndefined();
    expect(hooks.state.webhookSecret).toBeUndefined();
    expect(await hooks.checkExists()).toBe(false);
    // Deleting again (already gone in SenseOn) still succeeds.
    expect(await hooks.delete()).toBe(true);
  });

  it('version 2: a case update starts with the feed item, saying what changed from the event', async () => {
    const path = '/v2/webhook/updated-case';
    const hooks = lifecycle(path, ['case.updated', 'case.comment_added']);
    await hooks.create();
    const analyst = sb.client('analyst');
    const updated = await analyst.cases.update(cases[4]!.id, {
      severity: cases[4]!.severity === 'low' ? 'high' : 'low',
    });
    const run = await started(path);
    expect(run.workflowData![0]![0]!.json).toEqual({
      // Each update is its own item, keyed by its event (the same key the poll gives).
      id: expect.stringMatching(/^evt_/),
      case_id: updated.id,
      change: 'severity',
      changes: { severity: { from: cases[4]!.severity, to: updated.severity } },
      changed_by: 'analyst',
      comment: null,
      updated_at: updated.updated_at,
      case: updated,
      summary: expect.stringContaining(`severity ${cases[4]!.severity} → ${updated.severity}`),
    });

    await analyst.cases.addComment(updated.id, { body: 'Severity checked.' });
    const commented = await eventually('the comment to start the workflow', () =>
      runs
        .get(path)
        ?.map((r) => r.workflowData?.[0]?.[0]?.json)
        .find((json) => json?.change === 'comment'),
    );
    expect(commented).toMatchObject({
      case_id: updated.id,
      comment: { body: 'Severity checked.', author: { principal: 'analyst' } },
      case: expect.objectContaining({ id: updated.id }),
    });
    await hooks.delete();
  });

  it('replaces a subscription whose events changed while the workflow was inactive', async () => {
    const path = '/webhook/changed';
    const before = lifecycle(path, ['case.created']);
    await before.create();
    const oldId = before.state.webhookId!;
    const after = lifecycle(path, ['case.created', 'action.approved']);
    expect(await after.checkExists()).toBe(false);
    await expect(sb.client('admin').webhooks.retrieve(oldId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await after.create()).toBe(true);
    expect(after.state.webhookId).not.toBe(oldId);
    await after.delete();
  });

  describe('deliveries', () => {
    const path = '/webhook/deliveries';
    let real: ReceivedRequest;
    let hooks: ReturnType<typeof lifecycle>;

    beforeAll(async () => {
      hooks = lifecycle(path, ['case.comment_added']);
      await hooks.create();
      await sb
        .client('analyst')
        .cases.addComment(cases[1]!.id, { body: 'Checked the proxy logs.' });
      await started(path);
      real = receiver.received.find((r) => r.path === path)!;
    });
    afterAll(() => hooks.delete());

    const deliver = (headers: Record<string, string>, body: string) =>
      fetch(`${receiver.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });

    it('starts the workflow for a correctly signed delivery', async () => {
      const run = runs.get(path)!.find((r) => r.workflowData)!;
      expect(run.status).toBe(200);
      expect(run.workflowData![0]![0]!.json).toMatchObject({
        type: 'case.comment_added',
        id: real.headers['webhook-id'],
      });
    });

    it('answers 401 to a tampered body and starts nothing', async () => {
      const before = runs.get(path)!.filter((r) => r.workflowData).length;
      const tampered = real.rawBody.toString('utf8').replace('proxy logs', 'proxy log5');
      const answer = await deliver(
        {
          'webhook-id': 'evt_tampered1',
          'webhook-timestamp': real.headers['webhook-timestamp']!,
          'webhook-signature': real.headers['webhook-signature']!,
        },
        tampered,
      );
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ reason: 'no_matching_signature' });
      expect(runs.get(path)!.filter((r) => r.workflowData)).toHaveLength(before);
    });

    it('answers 401 to a stale delivery, even correctly signed', async () => {
      const body = real.rawBody.toString('utf8');
      const timestamp = Math.floor(Date.now() / 1000) - 600;
      const id = 'evt_stale0001';
      const answer = await deliver(
        {
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook({
            id,
            timestamp,
            body,
            secret: hooks.state.webhookSecret!,
          }),
        },
        body,
      );
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ reason: 'timestamp_too_old' });
    });

    it('starts nothing for a delivery whose webhook-id was already seen', async () => {
      const before = runs.get(path)!.filter((r) => r.workflowData).length;
      // SenseOn's own replay of the delivery: the same event, so the same webhook-id.
      const deliveries = await sb.client('admin').webhooks.listDeliveries(hooks.state.webhookId!);
      await sb
        .client('admin')
        .webhooks.replayDelivery(hooks.state.webhookId!, deliveries.data[0]!.id);
      const duplicate = await eventually('the replayed delivery', () =>
        runs.get(path)!.find((r) => (r.body as IDataObject).duplicate === true),
      );
      expect(duplicate.status).toBe(200);
      expect(duplicate.workflowData).toBeUndefined();
      expect(runs.get(path)!.filter((r) => r.workflowData)).toHaveLength(before);
    });
  });
});
