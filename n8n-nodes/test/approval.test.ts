import { signWebhook, type Case, type Device } from '@senseon/client';
import { sleep, WAIT_INDEFINITELY, type IDataObject, type INodeParameters } from 'n8n-workflow';
import type { PendingDecisions } from '../nodes/SenseOn/approval/pending-decision';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { eventually } from './harness/eventually';
import { newExecution, runExecute, type ExecutionRecord } from './harness/execute-context';
import { byId } from './harness/parameters';
import { startReceiver, type Receiver } from './harness/receiver';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { runWebhook, type WebhookRun } from './harness/webhook-context';

/**
 * "Wait for the Decision": the node requests the action with the execution's resume URL as its
 * callback, waits, and the sandbox's real signed callback resumes it on Approved or Not Approved.
 */
describe('SenseOn node: waiting for the decision', () => {
  const node = new SenseOn().getNodeType();
  let sb: TestSandbox;
  let receiver: Receiver;
  let cases: Case[];
  let devices: Device[];
  /** Waiting executions by id, as n8n keeps them; a finished one answers 409 like n8n does. */
  const executions = new Map<string, ExecutionRecord & { finished?: boolean }>();
  const resumes = new Map<string, WebhookRun[]>();
  let withGetContext = false;

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
        withGetContext,
      });
      resumes.set(execution.id, [...(resumes.get(execution.id) ?? []), run]);
      if (run.workflowData) execution.finished = true;
      return { status: run.status, body: run.body };
    });
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
    devices = await sb.client('admin').devices.list({ limit: 100 }).collect();
  });
  afterAll(async () => {
    await receiver.close();
    await sb.close();
  });

  /** Each test isolates its own device, so no two wait on the same one. */
  let nextDevice = 0;
  function freshDevice(): Device {
    const candidates = devices.filter(
      (d) => d.status === 'online' && d.criticality !== 'crown_jewel',
    );
    return candidates[nextDevice++]!;
  }

  /** The action's callback secret, read underneath the API: what the old node kept. */
  function callbackSecretOf(actionId: string): string {
    const row = sb.sandbox.db
      .prepare('SELECT callback_secret FROM actions WHERE id = ?')
      .get(actionId) as { callback_secret: string };
    return row.callback_secret;
  }

  async function isolateAndWait(executionId: string, extra: INodeParameters = {}) {
    const device = freshDevice();
    const execution = newExecution(executionId, `${receiver.url}/webhook-waiting`);
    executions.set(executionId, execution);
    const run = await runExecute({
      nodeType: node,
      parameters: {
        resource: 'device',
        operation: 'isolate',
        case_id: byId(cases[0]!.id),
        device_id: byId(device.id),
        justification: 'Ransomware precursor seen on this host.',
        waitForDecision: true,
        ...extra,
      },
      credentials: sb.credential('analyst'),
      execution,
    });
    const saved = execution.nodeContext.senseonPendingDecisions as unknown as PendingDecisions;
    const pending = saved.requests[0]!;
    return { run, pending, execution, device };
  }

  const resumedWith = (executionId: string) =>
    eventually(`execution ${executionId} to resume`, () =>
      resumes.get(executionId)?.find((run) => run.workflowData !== undefined),
    );

  it('waits without a deadline of its own, then an approval resumes it on Approved', async () => {
    const { run, pending, execution } = await isolateAndWait('exec-approved');
    expect(run.output).toEqual([[], []]);
    expect(execution.waitTill).toEqual(WAIT_INDEFINITELY);
    expect(pending.actionId).toMatch(/^act_/);
    // n8n saves the node context with the execution, for anyone who may view it: no secret.
    expect(Object.keys(pending).sort()).toEqual(['actionId', 'itemIndex']);
    const secret = callbackSecretOf(pending.actionId);
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(execution)).not.toContain(secret);
    expect(JSON.stringify(execution)).not.toContain('whsec_');
    // The callback URL the action was requested with is this execution's resume URL.
    const action = await sb.client('admin').actions.retrieve(pending.actionId);
    expect(action.callback_url).toBe(execution.resumeUrl);

    await sb.client('approver').actions.approve(pending.actionId, { approver: 'Shift lead' });
    const resumed = await resumedWith('exec-approved');
    expect(resumed.status).toBe(200);
    const [approved, notApproved] = resumed.workflowData!;
    expect(notApproved).toEqual([]);
    expect(approved).toHaveLength(1);
    expect(approved![0]!.pairedItem).toEqual({ item: 0 });
    expect(approved![0]!.json).toMatchObject({
      id: pending.actionId,
      decision: 'approved',
      decided_by: expect.objectContaining({ principal: expect.any(String) }),
    });
    expect(approved![0]!.json).not.toHaveProperty('callback_secret');
    expect(JSON.stringify(resumed.workflowData)).not.toContain(secret);

    // The step asked SenseOn for the decision only: once the action has run, no "completed"
    // callback comes to a resume URL whose execution has moved on (n8n would answer it 409 on
    // every retry, and the delivery would end failed).
    expect(action.callback_events).toEqual([
      'action.approved',
      'action.rejected',
      'action.expired',
    ]);
    await eventually('the action to complete', async () =>
      (await sb.client('admin').actions.retrieve(pending.actionId)).status === 'completed'
        ? true
        : undefined,
    );
    // Long enough for a completion callback to be delivered, had one been queued.
    await sleep(300);
    expect(
      receiver.received.filter((r) => r.path === '/webhook-waiting/exec-approved'),
    ).toHaveLength(1);
    expect(resumes.get('exec-approved')!.filter((r) => r.workflowData)).toHaveLength(1);
  });

  it('a rejection resumes it on Not Approved', async () => {
    const { pending } = await isolateAndWait('exec-rejected');
    await sb.client('approver').actions.reject(pending.actionId, { reason: 'False positive.' });
    const resumed = await resumedWith('exec-rejected');
    const [approved, notApproved] = resumed.workflowData!;
    expect(approved).toEqual([]);
    expect(notApproved![0]!.json).toMatchObject({
      id: pending.actionId,
      status: 'rejected',
      decision: 'rejected',
    });
    expect(notApproved![0]!.pairedItem).toEqual({ item: 0 });
  });

  it('an approval request that expires ends the wait on Not Approved', async () => {
    const { pending } = await isolateAndWait('exec-expired', { options: { expires_in: 60 } });
    sb.sandbox.clock.advance(61_000);
    // Reads see expiry the moment it is due; the expiry sends the signed callback.
    await sb.client('admin').actions.retrieve(pending.actionId);
    const resumed = await resumedWith('exec-expired');
    expect(resumed.workflowData![0]).toEqual([]);
    expect(resumed.workflowData![1]![0]!.json).toMatchObject({
      status: 'expired',
      decision: 'expired',
    });
  });

  /** How long the approval request stays open, by the action's own times. */
  async function openFor(actionId: string): Promise<number> {
    const action = await sb.client('admin').actions.retrieve(actionId);
    return (Date.parse(action.expires_at!) - Date.parse(action.created_at)) / 1000;
  }

  it('Limit Wait Time waits until the limit, saved to leave on Not Approved, and the request expires then', async () => {
    const before = Date.now();
    const { pending, execution, run } = await isolateAndWait('exec-limited', {
      limitWaitTime: true,
      limitType: 'afterTimeInterval',
      resumeAmount: 2,
      resumeUnit: 'minutes',
    });
    expect(run.output).toEqual([[], []]);
    const waitTill = execution.waitTill!.getTime();
    expect(waitTill).toBeGreaterThanOrEqual(before + 120_000);
    expect(waitTill).toBeLessThanOrEqual(Date.now() + 120_000);
    // Nobody can approve once the workflow has left: the request closes with the wait.
    expect(await openFor(pending.actionId)).toBeCloseTo(120, -1);
    // What n8n passes on when the time runs out (it does not run the node again): Not Approved.
    const saved = execution.executeData!;
    expect(saved.metadata).toMatchObject({ forwardAllOutputs: true });
    const [approved, notApproved] = saved.data.main as IDataObject[][];
    expect(approved).toEqual([]);
    expect(notApproved).toHaveLength(1);
    expect(notApproved![0]!).toMatchObject({
      json: { id: pending.actionId, status: 'pending_approval', decision: 'wait_limit_reached' },
      pairedItem: { item: 0 },
    });
    expect(JSON.stringify(saved)).not.toContain(callbackSecretOf(pending.actionId));
  });

  it('Limit Wait Time shortens a longer expiry the user set to the limit, and keeps a shorter one', async () => {
    const longer = await isolateAndWait('exec-limited-own-expiry', {
      limitWaitTime: true,
      resumeAmount: 1,
      resumeUnit: 'minutes',
      options: { expires_in: 7200 },
    });
    expect(longer.execution.waitTill).toBeInstanceOf(Date);
    // 7200 s asked, but the workflow leaves after 60 s: the request must not outlive it.
    expect(await openFor(longer.pending.actionId)).toBeLessThanOrEqual(60);
    expect(await openFor(longer.pending.actionId)).toBeGreaterThanOrEqual(59);
    const shorter = await isolateAndWait('exec-limited-short-expiry', {
      limitWaitTime: true,
      resumeAmount: 2,
      resumeUnit: 'hours',
      options: { expires_in: 600 },
    });
    expect(await openFor(shorter.pending.actionId)).toBe(600);
  });

  it('Limit Wait Time less than a minute away is refused: a request stays open at least 60 s', async () => {
    const execution = newExecution('exec-limit-too-soon');
    const before = (await sb.client('admin').actions.list({ limit: 1000 }).collect()).length;
    await expect(
      runExecute({
        nodeType: node,
        parameters: {
          resource: 'device',
          operation: 'isolate',
          case_id: byId(cases[0]!.id),
          device_id: byId(freshDevice().id),
          justification: 'x',
          waitForDecision: true,
          limitWaitTime: true,
          limitType: 'atSpecifiedTime',
          maxDateAndTime: new Date(Date.now() + 30_000).toISOString(),
        },
        credentials: sb.credential('analyst'),
        execution,
      }),
    ).rejects.toThrow(/Max Date and Time .* is less than a minute away/);
    expect(execution.waitTill).toBeUndefined();
    expect((await sb.client('admin').actions.list({ limit: 1000 }).collect()).length).toBe(before);
  });

  it('Limit Wait Time at a time already passed is refused before anything is requested', async () => {
    const execution = newExecution('exec-limit-past');
    const before = (await sb.client('admin').actions.list({ limit: 1000 }).collect()).length;
    await expect(
      runExecute({
        nodeType: node,
        parameters: {
          resource: 'device',
          operation: 'isolate',
          case_id: byId(cases[0]!.id),
          device_id: byId(freshDevice().id),
          justification: 'x',
          waitForDecision: true,
          limitWaitTime: true,
          limitType: 'atSpecifiedTime',
          maxDateAndTime: '2020-01-01T00:00:00Z',
        },
        credentials: sb.credential('analyst'),
        execution,
      }),
    ).rejects.toThrow(/Max Date and Time .* has already passed/);
    expect(execution.waitTill).toBeUndefined();
    expect((await sb.client('admin').actions.list({ limit: 1000 }).collect()).length).toBe(before);
  });

  it('a forged "approved", even correctly signed, resumes nothing while SenseOn says pending', async () => {
    const { pending, execution } = await isolateAndWait('exec-forged');
    const action = await sb.client('admin').actions.retrieve(pending.actionId);
    const body = JSON.stringify({
      id: 'evt_forged1',
      type: 'action.approved',
      created_at: new Date().toISOString(),
      tenant_id: action.tenant_id,
      data: { ...action, status: 'approved', decided_by: { principal: 'mallory' } },
    });
    const now = Math.floor(Date.now() / 1000);
    const post = async (headers: Record<string, string>, payload = body) => {
      const response = await fetch(execution.resumeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const signed = (secret: string, timestamp: number, payload = body) => ({
      'webhook-id': 'evt_forged1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: 'evt_forged1', timestamp, body: payload, secret }),
    });

    // Unsigned; signed with a made-up secret; signed with the real secret (as whoever read it
    // from an old execution could); replayed an hour old. SenseOn says pending each time.
    const attempts = [
      await post({}),
      await post(signed('whsec_' + Buffer.from('not the secret').toString('base64'), now)),
      await post(signed(callbackSecretOf(pending.actionId), now)),
      await post(signed(callbackSecretOf(pending.actionId), now - 3600)),
    ];
    for (const attempt of attempts) {
      expect(attempt).toEqual({
        status: 200,
        body: { ignored: 'the response action is still pending' },
      });
    }
    const foreignBody = body.replace(pending.actionId, 'act_someotheraction');
    const foreign = await post({}, foreignBody);
    expect(foreign).toEqual({
      status: 200,
      body: { ignored: 'not a response action this step waits for' },
    });
    expect(resumes.get('exec-forged')!.some((r) => r.workflowData)).toBe(false);
    expect((await sb.client('admin').actions.retrieve(pending.actionId)).status).toBe(
      'pending_approval',
    );

    // SenseOn's own approval then resumes it, with SenseOn's record, not the forged body.
    await sb.client('approver').actions.approve(pending.actionId, {});
    const resumed = await resumedWith('exec-forged');
    expect(resumed.workflowData![1]).toEqual([]);
    const approved = resumed.workflowData![0]![0]!.json;
    expect(approved).toMatchObject({ id: pending.actionId, decision: 'approved' });
    expect(JSON.stringify(approved)).not.toContain('mallory');
  });

  it('a rejected action stays Not Approved whatever a callback claims', async () => {
    const { pending, execution } = await isolateAndWait('exec-claims-approved');
    // The stand-in n8n turns the real callback away, so only the claim below reaches the node.
    executions.get('exec-claims-approved')!.finished = true;
    await sb.client('approver').actions.reject(pending.actionId, { reason: 'No.' });
    const action = await sb.client('admin').actions.retrieve(pending.actionId);
    const claim = JSON.stringify({
      type: 'action.approved',
      data: { ...action, status: 'approved' },
    });
    const run = await runWebhook({
      nodeType: node,
      request: {
        method: 'POST',
        path: '/webhook-waiting/exec-claims-approved',
        headers: { 'content-type': 'application/json' },
        rawBody: Buffer.from(claim),
      },
      credentials: sb.credential('analyst'),
      nodeContext: execution.nodeContext,
    });
    expect(run.workflowData![0]).toEqual([]);
    expect(run.workflowData![1]![0]!.json).toMatchObject({
      status: 'rejected',
      decision: 'rejected',
    });
  });

  it('an approved action that then failed leaves on Not Approved, decision "failed"', async () => {
    const { pending, execution, device } = await isolateAndWait('exec-action-failed');
    executions.get('exec-action-failed')!.finished = true;
    // The host goes offline before the approval: its agent cannot apply the isolation.
    sb.sandbox.services.repos.devices.save({ ...device, status: 'offline' });
    await sb.client('approver').actions.approve(pending.actionId, { approver: 'Shift lead' });
    await eventually('the action to fail', async () =>
      (await sb.client('admin').actions.retrieve(pending.actionId)).status === 'failed'
        ? true
        : undefined,
    );
    const run = await runWebhook({
      nodeType: node,
      request: {
        method: 'POST',
        path: '/webhook-waiting/exec-action-failed',
        headers: { 'content-type': 'application/json' },
        rawBody: Buffer.from(
          JSON.stringify({ data: { id: pending.actionId, status: 'approved' } }),
        ),
      },
      credentials: sb.credential('analyst'),
      nodeContext: execution.nodeContext,
    });
    expect(run.workflowData![0]).toEqual([]);
    expect(run.workflowData![1]![0]!.json).toMatchObject({
      status: 'failed',
      decision: 'failed',
      decided_by: expect.objectContaining({ principal: expect.any(String) }),
    });
  });

  it('when SenseOn cannot be asked, answers 5xx and resumes nothing', async () => {
    const { pending, execution } = await isolateAndWait('exec-unreachable');
    const run = await runWebhook({
      nodeType: node,
      request: {
        method: 'POST',
        path: '/webhook-waiting/exec-unreachable',
        headers: { 'content-type': 'application/json' },
        rawBody: Buffer.from(
          JSON.stringify({ data: { id: pending.actionId, status: 'approved' } }),
        ),
      },
      // Nothing listens on port 9 of this host.
      credentials: { ...sb.credential('analyst'), baseUrl: 'http://127.0.0.1:9/v1' },
      nodeContext: execution.nodeContext,
    });
    expect(run.status).toBeGreaterThanOrEqual(500);
    expect(run.workflowData).toBeUndefined();
    const refused = await runWebhook({
      nodeType: node,
      request: {
        method: 'POST',
        path: '/webhook-waiting/exec-unreachable',
        headers: { 'content-type': 'application/json' },
        rawBody: Buffer.from(
          JSON.stringify({ data: { id: pending.actionId, status: 'approved' } }),
        ),
      },
      credentials: { ...sb.credential('analyst'), token: 'sk_not_a_real_token' },
      nodeContext: execution.nodeContext,
    });
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.workflowData).toBeUndefined();
  });

  it('reads the pending decision through getContext where n8n offers it', async () => {
    withGetContext = true;
    try {
      const { pending } = await isolateAndWait('exec-getcontext');
      await sb.client('approver').actions.reject(pending.actionId, { reason: 'Not needed.' });
      const resumed = await resumedWith('exec-getcontext');
      expect(resumed.workflowData![1]![0]!.json).toMatchObject({ decision: 'rejected' });
    } finally {
      withGetContext = false;
    }
  });

  it('continues at once on Approved when the action needs no approval', async () => {
    const execution = newExecution('exec-no-approval', `${receiver.url}/webhook-waiting`);
    const { output } = await runExecute({
      nodeType: node,
      parameters: {
        resource: 'responseAction',
        operation: 'request',
        case_id: byId(cases[0]!.id),
        type: 'add_ioc',
        ioc_type: 'url',
        ioc_value: 'https://evil.example/payload',
        justification: 'Payload URL.',
        waitForDecision: true,
      },
      credentials: sb.credential('analyst'),
      execution,
    });
    expect(execution.waitTill).toBeUndefined();
    expect(output[1]).toEqual([]);
    expect(output[0]![0]!.json).toMatchObject({ type: 'add_ioc', decision: 'not_required' });
  });

  it('with continue on fail, a failed request leaves on Not Approved, never Approved', async () => {
    const { output, execution } = await runExecute({
      nodeType: node,
      parameters: {
        resource: 'device',
        operation: 'isolate',
        case_id: byId('case_doesnotexist'),
        device_id: byId(devices[0]!.id),
        justification: 'x',
        waitForDecision: true,
      },
      credentials: sb.credential('analyst'),
      continueOnFail: true,
      execution: newExecution('exec-failed', `${receiver.url}/webhook-waiting`),
    });
    expect(execution.waitTill).toBeUndefined();
    expect(output[0]).toEqual([]);
    expect(output[1]![0]!.pairedItem).toEqual({ item: 0 });
    expect((output[1]![0]!.json as IDataObject).error).toEqual(
      expect.stringContaining('case_doesnotexist'),
    );
  });
});
