import type { Case, Device } from '@senseon/client';
import { WAIT_INDEFINITELY, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { APPROVED_OUTPUT, NOT_APPROVED_OUTPUT } from '../nodes/SenseOn/approval/decision';
import type { PendingDecisions } from '../nodes/SenseOn/approval/pending-decision';
import { MAX_WAITING_ITEMS } from '../nodes/SenseOn/actions/router';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { sandboxCredential } from './harness/credentials';
import { eventually } from './harness/eventually';
import { newExecution, runExecute, type ExecutionRecord } from './harness/execute-context';
import type { SentRequest } from './harness/http';
import { byId } from './harness/parameters';
import { startReceiver, type Receiver } from './harness/receiver';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { runWebhook, type WebhookRun } from './harness/webhook-context';

/**
 * "Wait for the Decision" with several items in one run: one action per item, one wait, one
 * callback per decision, one resume once every action is decided, each item on its own
 * decision. The stand-in for n8n below resumes an execution at most once, as n8n does; the
 * proof in a real n8n is the e2e check (test/e2e/n8n-server-several-waits.ts).
 */
describe('SenseOn node: several items waiting in one run', () => {
  const node = new SenseOn().getNodeType();
  let sb: TestSandbox;
  let receiver: Receiver;
  let cases: Case[];
  let isolatable: Device[];
  const executions = new Map<string, ExecutionRecord & { finished?: boolean }>();
  /** Every call of the node's webhook per execution, in order. */
  const calls = new Map<string, WebhookRun[]>();

  beforeAll(async () => {
    sb = await startTestSandbox();
    receiver = await startReceiver(async (request) => {
      const executionId = /^\/webhook-waiting\/(.+)$/.exec(request.path)?.[1];
      const execution = executionId ? executions.get(executionId) : undefined;
      if (!execution) return { status: 404, body: { error: 'no such execution' } };
      if (execution.finished) return { status: 409, body: { error: 'finished already' } };
      const run = await runWebhook({
        nodeType: node,
        request,
        credentials: sb.credential('analyst'),
        nodeContext: execution.nodeContext,
      });
      calls.set(execution.id, [...(calls.get(execution.id) ?? []), run]);
      if (run.workflowData) execution.finished = true;
      return { status: run.status, body: run.body };
    });
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
    const devices = await sb.client('admin').devices.list({ limit: 100 }).collect();
    isolatable = devices.filter((d) => d.status === 'online' && d.criticality !== 'crown_jewel');
  });
  afterAll(async () => {
    await receiver.close();
    await sb.close();
  });

  let nextDevice = 0;
  function freshDevices(count: number): Device[] {
    const chosen = isolatable.slice(nextDevice, nextDevice + count);
    nextDevice += count;
    if (chosen.length < count) throw new Error('the sandbox has no more devices to isolate');
    return chosen;
  }

  const isolate = (extra: INodeParameters = {}): INodeParameters => ({
    resource: 'device',
    operation: 'isolate',
    case_id: byId(cases[0]!.id),
    device_id: byId(''),
    justification: 'Ransomware spreading: isolate every host that ran the dropper.',
    waitForDecision: true,
    ...extra,
  });

  async function isolateAll(
    executionId: string,
    deviceIds: string[],
    options: { extra?: INodeParameters; continueOnFail?: boolean; baseUrl?: string } = {},
  ) {
    const execution = newExecution(executionId, `${receiver.url}/webhook-waiting`);
    executions.set(executionId, execution);
    const run = await runExecute({
      nodeType: node,
      parameters: isolate(options.extra),
      itemParameters: deviceIds.map((id) => ({ device_id: byId(id) })),
      items: deviceIds.map((id) => ({ json: { host: id } })),
      credentials: options.baseUrl
        ? sandboxCredential(options.baseUrl, sb.sandbox.tokens.analyst!)
        : sb.credential('analyst'),
      continueOnFail: options.continueOnFail,
      execution,
    });
    const saved = execution.nodeContext.senseonPendingDecisions as unknown as
      PendingDecisions | undefined;
    return { run, execution, saved };
  }

  /** Waits until the execution's webhook has been called `count` times. */
  const callbacksAnswered = (executionId: string, count: number) =>
    eventually(`${count} callback(s) of ${executionId}`, () =>
      (calls.get(executionId)?.length ?? 0) >= count ? calls.get(executionId)! : undefined,
    );

  const actionsPosted = (run: { sent: SentRequest[] }) =>
    run.sent.filter((r) => r.method === 'POST' && /\/cases\/[^/]+\/actions$/.test(r.url));

  it('requests one action per item, waits once, and resumes once, each item on its own decision', async () => {
    const devices = freshDevices(3);
    const { run, execution, saved } = await isolateAll(
      'exec-three',
      devices.map((d) => d.id),
    );
    expect(run.output).toEqual([[], []]);
    expect(execution.waitTill).toEqual(WAIT_INDEFINITELY);
    // One request per item, each with its own Idempotency-Key.
    const posts = actionsPosted(run);
    expect(posts).toHaveLength(3);
    const keys = posts.map((p) => p.headers['Idempotency-Key']);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // The saved list: {action id, item index} per item, nothing else.
    expect(saved!.failures).toEqual([]);
    expect(saved!.requests.map((r) => r.itemIndex)).toEqual([0, 1, 2]);
    for (const request of saved!.requests) {
      expect(Object.keys(request).sort()).toEqual(['actionId', 'itemIndex']);
    }
    expect(JSON.stringify(execution.nodeContext)).not.toContain('whsec_');
    const [first, second, third] = saved!.requests.map((r) => r.actionId);
    for (const [n, actionId] of [first, second, third].entries()) {
      const action = await sb.client('admin').actions.retrieve(actionId!);
      expect(action).toMatchObject({
        status: 'pending_approval',
        target: { device_id: devices[n]!.id },
        callback_url: execution.resumeUrl,
      });
    }

    // Two decisions: each callback is answered, the execution keeps waiting.
    await sb.client('approver').actions.approve(first!, { approver: 'Shift lead' });
    const afterFirst = await callbacksAnswered('exec-three', 1);
    expect(afterFirst[0]).toMatchObject({
      status: 200,
      body: { waiting: 'other response actions of this step are still pending' },
    });
    expect(afterFirst[0]!.workflowData).toBeUndefined();
    await sb.client('approver').actions.reject(second!, { reason: 'That host is a honeypot.' });
    const afterSecond = await callbacksAnswered('exec-three', 2);
    expect(afterSecond[1]!.workflowData).toBeUndefined();

    // The last decision resumes it.
    await sb.client('approver').actions.approve(third!, { approver: 'Shift lead' });
    const all = await callbacksAnswered('exec-three', 3);
    const resumed = all[2]!;
    expect(resumed.status).toBe(200);
    const approved = resumed.workflowData![APPROVED_OUTPUT]!;
    const notApproved = resumed.workflowData![NOT_APPROVED_OUTPUT]!;
    expect(approved.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
    expect(approved.map((i) => (i.json as IDataObject).id)).toEqual([first, third]);
    for (const item of approved) expect(item.json).toMatchObject({ decision: 'approved' });
    expect(notApproved).toHaveLength(1);
    expect(notApproved[0]).toMatchObject({
      json: { id: second, decision: 'rejected', status: 'rejected' },
      pairedItem: { item: 1 },
    });
    expect(JSON.stringify(resumed.workflowData)).not.toContain('whsec_');
    expect(resumed.body).toMatchObject({
      received: true,
      decisions: [
        { item: 0, action_id: first, decision: 'approved' },
        { item: 1, action_id: second, decision: 'rejected' },
        { item: 2, action_id: third, decision: 'approved' },
      ],
    });
    expect(all.filter((c) => c.workflowData)).toHaveLength(1);
  });

  it('a callback repeated before the last decision changes nothing; after it, every item is read again from SenseOn', async () => {
    const devices = freshDevices(2);
    const { saved, execution } = await isolateAll(
      'exec-repeat',
      devices.map((d) => d.id),
    );
    const [first, second] = saved!.requests.map((r) => r.actionId);
    // The execution stands aside while the decisions land (n8n answers 409 while it runs).
    executions.get('exec-repeat')!.finished = true;
    await sb.client('approver').actions.reject(first!, { reason: 'No.' });
    const call = (actionId: string) =>
      runWebhook({
        nodeType: node,
        request: {
          method: 'POST',
          path: '/webhook-waiting/exec-repeat',
          headers: { 'content-type': 'application/json' },
          rawBody: Buffer.from(JSON.stringify({ data: { id: actionId, status: 'approved' } })),
        },
        credentials: sb.credential('analyst'),
        nodeContext: execution.nodeContext,
      });
    // The rejected one's callback, twice; and a claim for the pending one.
    for (const claim of [first!, first!]) {
      const early = await call(claim);
      expect(early.workflowData).toBeUndefined();
      expect(early.body).toEqual({
        waiting: 'other response actions of this step are still pending',
      });
    }
    const forged = await call(second!);
    expect(forged.body).toEqual({ ignored: 'the response action is still pending' });
    expect(forged.workflowData).toBeUndefined();
    // The second decision: any of the two callbacks now resumes with both decisions.
    await sb.client('approver').actions.approve(second!, {});
    const late = await call(first!);
    expect(late.workflowData![APPROVED_OUTPUT]!.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
    expect(late.workflowData![NOT_APPROVED_OUTPUT]!.map((i) => i.pairedItem)).toEqual([
      { item: 0 },
    ]);
  });

  it('an approval request that expires ends its item on Not Approved, the approved one on Approved', async () => {
    const devices = freshDevices(3);
    const { saved } = await isolateAll(
      'exec-some-expire',
      devices.map((d) => d.id),
      { extra: { options: { expires_in: 60 } } },
    );
    const [first] = saved!.requests.map((r) => r.actionId);
    await sb.client('approver').actions.approve(first!, {});
    await callbacksAnswered('exec-some-expire', 1);
    sb.sandbox.clock.advance(61_000);
    // Reads see expiry the moment it is due; each expiry sends its signed callback.
    await sb.client('admin').actions.list({ limit: 1 }).collect();
    const resumed = await eventually('the execution to resume', () =>
      calls.get('exec-some-expire')?.find((c) => c.workflowData),
    );
    expect(resumed.workflowData![APPROVED_OUTPUT]!.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
    const notApproved = resumed.workflowData![NOT_APPROVED_OUTPUT]!;
    expect(notApproved.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
    for (const item of notApproved) expect(item.json).toMatchObject({ decision: 'expired' });
  });

  it('Limit Wait Time: what n8n passes on at the limit is every item on Not Approved', async () => {
    const devices = freshDevices(3);
    const { execution, saved } = await isolateAll(
      'exec-several-limited',
      devices.map((d) => d.id),
      {
        extra: {
          limitWaitTime: true,
          limitType: 'afterTimeInterval',
          resumeAmount: 5,
          resumeUnit: 'minutes',
        },
      },
    );
    expect(execution.waitTill).toBeInstanceOf(Date);
    const savedData = execution.executeData!;
    expect(savedData.metadata).toMatchObject({ forwardAllOutputs: true });
    const [approved, notApproved] = savedData.data.main as IDataObject[][];
    expect(approved).toEqual([]);
    expect(notApproved!.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
    expect(notApproved!.map((i) => (i.json as IDataObject).id)).toEqual(
      saved!.requests.map((r) => r.actionId),
    );
    for (const item of notApproved!) {
      expect(item.json).toMatchObject({ decision: 'wait_limit_reached' });
    }
  });

  it('under Continue, a failed request leaves on Not Approved with the others when they resume', async () => {
    const [a, b] = freshDevices(2);
    const { execution, saved } = await isolateAll(
      'exec-one-fails',
      [a!.id, 'dev_doesnotexist', b!.id],
      { continueOnFail: true },
    );
    expect(execution.waitTill).toEqual(WAIT_INDEFINITELY);
    expect(saved!.requests.map((r) => r.itemIndex)).toEqual([0, 2]);
    expect(saved!.failures.map((f) => f.itemIndex)).toEqual([1]);
    const [first, third] = saved!.requests.map((r) => r.actionId);
    await sb.client('approver').actions.approve(first!, {});
    await callbacksAnswered('exec-one-fails', 1);
    await sb.client('approver').actions.approve(third!, {});
    const resumed = await eventually('the execution to resume', () =>
      calls.get('exec-one-fails')?.find((c) => c.workflowData),
    );
    expect(resumed.workflowData![APPROVED_OUTPUT]!.map((i) => i.pairedItem)).toEqual([
      { item: 0 },
      { item: 2 },
    ]);
    const [failed] = resumed.workflowData![NOT_APPROVED_OUTPUT]!;
    expect(failed!.pairedItem).toEqual({ item: 1 });
    expect(String((failed!.json as IDataObject).error)).toContain('dev_doesnotexist');
  });

  it('under Continue, when every request fails there is nothing to wait for', async () => {
    const { run, execution } = await isolateAll(
      'exec-all-fail',
      ['dev_doesnotexist1', 'dev_doesnotexist2'],
      { continueOnFail: true },
    );
    expect(execution.waitTill).toBeUndefined();
    expect(run.output[APPROVED_OUTPUT]).toEqual([]);
    expect(run.output[NOT_APPROVED_OUTPUT]!.map((i) => i.pairedItem)).toEqual([
      { item: 0 },
      { item: 1 },
    ]);
  });

  it('under Stop Workflow, a failed request stops the node and names the requests already made', async () => {
    const [a] = freshDevices(1);
    const execution = newExecution('exec-stops', `${receiver.url}/webhook-waiting`);
    const failure = await runExecute({
      nodeType: node,
      parameters: isolate(),
      itemParameters: [{ device_id: byId(a!.id) }, { device_id: byId('dev_doesnotexist') }],
      items: [{ json: {} }, { json: {} }],
      credentials: sb.credential('analyst'),
      execution,
    }).then(
      () => undefined,
      (error: unknown) => error as { message: string; description?: string },
    );
    expect(failure?.message).toMatch(/dev_doesnotexist.*\[item 1\]/);
    const [made] = (
      await sb.client('admin').actions.list({ status: 'pending_approval', limit: 100 }).collect()
    ).filter((x) => x.target.device_id === a!.id);
    expect(failure?.description).toContain(`${made!.id} (item 0)`);
    expect(execution.waitTill).toBeUndefined();
  });

  it('under Stop Workflow, an item with a required field empty stops the run before anything is requested', async () => {
    const [a, b] = freshDevices(2);
    const before = (await sb.client('admin').actions.list({ limit: 1000 }).collect()).length;
    await expect(
      runExecute({
        nodeType: node,
        parameters: isolate(),
        itemParameters: [{ device_id: byId(a!.id) }, { device_id: byId(b!.id), justification: '' }],
        items: [{ json: {} }, { json: {} }],
        credentials: sb.credential('analyst'),
        execution: newExecution('exec-empty-field'),
      }),
    ).rejects.toThrow(/Justification.*\[item 1\]/);
    expect((await sb.client('admin').actions.list({ limit: 1000 }).collect()).length).toBe(before);
  });

  it(`refuses more than ${MAX_WAITING_ITEMS} items in one run before anything is requested`, async () => {
    const items = Array.from({ length: MAX_WAITING_ITEMS + 1 }, (_, n) => ({ json: { n } }));
    const { run, execution } = await (async () => {
      const record = newExecution('exec-too-many');
      return runExecute({
        nodeType: node,
        parameters: isolate({ device_id: byId(isolatable[0]!.id) }),
        items,
        credentials: sb.credential('analyst'),
        continueOnFail: true,
        execution: record,
      }).then((r) => ({ run: r, execution: record }));
    })();
    expect(actionsPosted(run)).toEqual([]);
    expect(execution.waitTill).toBeUndefined();
    expect(run.output[APPROVED_OUTPUT]).toEqual([]);
    expect(run.output[NOT_APPROVED_OUTPUT]).toHaveLength(MAX_WAITING_ITEMS + 1);
    expect(String((run.output[NOT_APPROVED_OUTPUT]![0]!.json as IDataObject).error)).toMatch(
      new RegExp(`at most ${MAX_WAITING_ITEMS} items in one run, and ${MAX_WAITING_ITEMS + 1}`),
    );
  });

  it('a request whose answer is lost is sent again with the same key: one action, not two', async () => {
    const devices = freshDevices(2);
    let posts = 0;
    // A proxy in front of the sandbox that loses SenseOn's answer to the second request.
    const proxy = await startReceiver(async (request) => {
      const headers = { ...request.headers };
      delete headers.host;
      delete headers['content-length'];
      const answer = await fetch(`${new URL(sb.sandbox.url).origin}${request.path}`, {
        method: request.method,
        headers,
        body: request.rawBody.length > 0 ? request.rawBody : undefined,
      });
      const text = await answer.text();
      const isRequest = request.method === 'POST' && request.path.endsWith('/actions');
      if (isRequest && ++posts === 2) return { status: 502, body: { error: 'lost on the way' } };
      return { status: answer.status, body: text ? JSON.parse(text) : {} };
    });
    try {
      const base = new URL(sb.sandbox.url).pathname.replace(/\/$/, '');
      const { run, saved } = await isolateAll(
        'exec-lost-answer',
        devices.map((d) => d.id),
        { baseUrl: proxy.url + base },
      );
      const sent = actionsPosted(run).map((p) => p.headers['Idempotency-Key']);
      expect(sent).toHaveLength(3);
      expect(sent[1]).toBe(sent[2]);
      expect(sent[0]).not.toBe(sent[1]);
      const actions = (await sb.client('admin').actions.list({ limit: 1000 }).collect()).filter(
        (a) => devices.some((d) => d.id === a.target.device_id),
      );
      expect(actions).toHaveLength(2);
      expect(saved!.requests.map((r) => r.actionId).sort()).toEqual(
        actions.map((a) => a.id).sort(),
      );
    } finally {
      await proxy.close();
    }
  });

  it('an execution that started waiting under the one-item node still resumes', async () => {
    const [device] = freshDevices(1);
    const action = await sb.client('analyst').actions.request(cases[0]!.id, {
      type: 'isolate_device',
      target: { device_id: device!.id },
      justification: 'Saved by an earlier version of the node.',
    });
    await sb.client('approver').actions.approve(action.id, {});
    const run = await runWebhook({
      nodeType: node,
      request: {
        method: 'POST',
        path: '/webhook-waiting/exec-old',
        headers: { 'content-type': 'application/json' },
        rawBody: Buffer.from(JSON.stringify({ data: { id: action.id } })),
      },
      credentials: sb.credential('analyst'),
      nodeContext: { senseonPendingDecision: { actionId: action.id, itemIndex: 0 } },
    });
    expect(run.workflowData![APPROVED_OUTPUT]![0]).toMatchObject({
      json: { id: action.id, decision: 'approved' },
      pairedItem: { item: 0 },
    });
  });
});
