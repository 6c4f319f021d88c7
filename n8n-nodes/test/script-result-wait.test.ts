import type { Case, Device } from '@senseon/client';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { PendingDecisions } from '../nodes/SenseOn/approval/pending-decision';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { MAX_RESULT_WAIT_MS, resultPollBudgetMs } from '../nodes/SenseOn/approval/result-wait';
import { eventually } from './harness/eventually';
import { newExecution, runExecute, type ExecutionRecord } from './harness/execute-context';
import { byId } from './harness/parameters';
import { startReceiver, type Receiver } from './harness/receiver';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { startWebhook, type WebhookRun } from './harness/webhook-context';

/** A resume of the waiting node, and when its items were ready. */
type Resume = WebhookRun & { resumedAt: number };

/**
 * Run Script's "Wait for the Result" after the approval: the sandbox's real callback resumes the
 * node, which answers SenseOn at once, polls the action, and hands on each device's exit code
 * and output; or, when the limit comes first, the action as it stands, never a success.
 */
function scriptWaits(sandboxOptions: { actionExecutionMs?: number }) {
  const node = new SenseOn().getNodeType();
  const state = {
    sb: undefined as unknown as TestSandbox,
    receiver: undefined as unknown as Receiver,
    caseRecord: undefined as unknown as Case,
    devices: [] as Device[],
    executions: new Map<string, ExecutionRecord & { finished?: boolean }>(),
    resumes: new Map<string, Resume[]>(),
    /** What the node answered each delivery, and when, against when its items were ready. */
    answers: [] as { executionId: string; status: number; answeredAt: number }[],
    nextDevice: 0,
  };

  beforeAll(async () => {
    state.sb = await startTestSandbox(sandboxOptions);
    state.receiver = await startReceiver(async (request) => {
      const executionId = /^\/webhook-waiting\/(.+)$/.exec(request.path)?.[1];
      const execution = executionId ? state.executions.get(executionId) : undefined;
      if (!execution) return { status: 404, body: { error: 'no such execution' } };
      if (execution.finished) return { status: 409, body: { error: 'finished already' } };
      const { answered, done } = startWebhook({
        nodeType: node,
        request,
        credentials: state.sb.credential('analyst'),
        nodeContext: execution.nodeContext,
      });
      void done.then(
        (run) => {
          const runs = state.resumes.get(execution.id) ?? [];
          state.resumes.set(execution.id, [...runs, { ...run, resumedAt: Date.now() }]);
          if (run.workflowData) execution.finished = true;
        },
        () => {},
      );
      const answer = await answered;
      state.answers.push({
        executionId: execution.id,
        status: answer.status,
        answeredAt: Date.now(),
      });
      return answer;
    });
    const admin = state.sb.client('admin');
    state.caseRecord = (
      await admin.cases.list({ limit: 1, status: ['open', 'investigating'] }).collect()
    )[0]!;
    state.devices = (await admin.devices.list({ limit: 200 }).collect()).filter(
      (d) => d.status === 'online',
    );
  });
  afterAll(async () => {
    await state.receiver.close();
    await state.sb.close();
  });

  /** Requests a containment script (it needs an approval) and waits for the decision. */
  async function runAndWait(
    executionId: string,
    extra: INodeParameters = {},
    processName = 'mshta.exe',
  ) {
    const device = state.devices[state.nextDevice++]!;
    const execution = newExecution(executionId, `${state.receiver.url}/webhook-waiting`);
    state.executions.set(executionId, execution);
    const { options, ...rest } = extra;
    await runExecute({
      nodeType: node,
      parameters: {
        resource: 'script',
        operation: 'run',
        case_id: byId(state.caseRecord.id),
        script_id: 'scr_killprocess',
        device_ids: device.id,
        justification: 'Kill the dropper on this host.',
        waitForDecision: true,
        ...rest,
        options: {
          parameters: JSON.stringify({ process_name: processName }),
          ...(options as IDataObject | undefined),
        },
      },
      credentials: state.sb.credential('analyst'),
      execution,
    });
    const saved = execution.nodeContext.senseonPendingDecisions as unknown as PendingDecisions;
    // One item, so one request: the test reads it with the run's result wait beside it.
    const pending = { ...saved.requests[0]!, resultWaitMs: saved.resultWaitMs };
    return { pending, execution, device };
  }

  const resumedWith = (executionId: string) =>
    eventually(
      `execution ${executionId} to resume`,
      () => state.resumes.get(executionId)?.find((run) => run.workflowData !== undefined),
      20_000,
    );

  return { state, runAndWait, resumedWith, node };
}

describe('SenseOn node: Run Script waits for the result after the approval', () => {
  const { state, runAndWait, resumedWith, node } = scriptWaits({});

  it('hands on, on Approved, each device’s exit code and output (on by default)', async () => {
    const { pending, device } = await runAndWait('exec-script-approved');
    expect(pending.actionId).toMatch(/^act_/);
    expect(pending.resultWaitMs).toBe(30_000);
    await state.sb.client('approver').actions.approve(pending.actionId, { approver: 'Shift lead' });
    const resumed = await resumedWith('exec-script-approved');
    // SenseOn was answered with a 2xx, so it does not deliver the decision again.
    expect(resumed.status).toBe(200);
    const [approved, notApproved] = resumed.workflowData!;
    expect(notApproved).toEqual([]);
    expect(approved).toHaveLength(1);
    const item = approved![0]!.json;
    expect(item).toMatchObject({
      id: pending.actionId,
      decision: 'approved',
      status: 'completed',
      decided_by: expect.objectContaining({ principal: expect.any(String) }),
    });
    const result = item.result as { devices: IDataObject[] };
    expect(result.devices).toEqual([
      expect.objectContaining({
        device_id: device.id,
        exit_code: 0,
        stdout_excerpt: expect.stringContaining('Terminated mshta.exe'),
      }),
    ]);
    expect(String(item.summary)).toMatch(/^Approved\. .* completed: Kill process ran on 1 of 1/);
    expect(JSON.stringify(resumed.workflowData)).not.toContain('whsec_');
  });

  it('a run that fails on a device leaves on Not Approved with that device’s exit code', async () => {
    const { pending } = await runAndWait('exec-script-failed', {}, 'senseon-agent.exe');
    await state.sb.client('approver').actions.approve(pending.actionId, { approver: 'Shift lead' });
    const resumed = await resumedWith('exec-script-failed');
    const [approved, notApproved] = resumed.workflowData!;
    expect(approved).toEqual([]);
    expect(notApproved![0]!.json).toMatchObject({ status: 'failed', decision: 'failed' });
    const result = notApproved![0]!.json.result as { devices: IDataObject[] };
    expect(result.devices[0]).toMatchObject({ exit_code: 5 });
  });

  it('with Wait for the Result off, a run needing no approval answers at once, without result', async () => {
    const { output } = await runExecute({
      nodeType: node,
      parameters: {
        resource: 'script',
        operation: 'run',
        case_id: byId(state.caseRecord.id),
        script_id: 'scr_persistence',
        device_ids: state.devices.find((d) => d.os.type === 'linux')!.id,
        justification: 'Collect persistence entries.',
        waitForResult: false,
      },
      credentials: state.sb.credential('analyst'),
    });
    const action = output[0]![0]!.json;
    expect(action).toMatchObject({ requires_approval: false, result: null });
    expect(['approved', 'executing']).toContain(action.status);
  });
});

describe('SenseOn node: Run Script whose result is not in by the limit', () => {
  // The devices take a minute to answer; the node waits 2 seconds.
  const { state, runAndWait, resumedWith } = scriptWaits({ actionExecutionMs: 60_000 });

  it('answers SenseOn at once, then hands on the action still running, saying so', async () => {
    const { pending } = await runAndWait('exec-script-slow', {
      options: { result_timeout_seconds: 2 },
    });
    expect(pending.resultWaitMs).toBe(2_000);
    const approvedAt = Date.now();
    await state.sb.client('approver').actions.approve(pending.actionId, { approver: 'Shift lead' });
    const resumed = await resumedWith('exec-script-slow');
    const { resumedAt } = resumed;
    // Polled once a second for up to 2 s (the client never polls past the limit), not longer.
    expect(resumedAt - approvedAt).toBeGreaterThanOrEqual(900);
    expect(resumedAt - approvedAt).toBeLessThan(15_000);
    // SenseOn's delivery was answered before the wait for the result ended.
    const answer = state.answers.find((a) => a.executionId === 'exec-script-slow')!;
    expect(answer.status).toBe(200);
    expect(answer.answeredAt).toBeLessThan(resumedAt - 500);
    const [approved] = resumed.workflowData!;
    const item = approved![0]!.json;
    expect(item).toMatchObject({ id: pending.actionId, decision: 'approved', result: null });
    expect(['approved', 'executing']).toContain(item.status);
    expect(String(item.summary)).toContain(
      `Its result was not in within the 2 s wait; get it later with Response Action → Get and ID ${pending.actionId}`,
    );
  });

  // Here the devices take a minute, so a status past `executing` cannot race the check.
  it('with Wait for the Result off, Approved carries the decision only, at once', async () => {
    const { pending } = await runAndWait('exec-script-nowait', { waitForResult: false });
    expect(pending.resultWaitMs).toBeUndefined();
    await state.sb.client('approver').actions.approve(pending.actionId, { approver: 'Shift lead' });
    const resumed = await resumedWith('exec-script-nowait');
    const item = resumed.workflowData![0]![0]!.json;
    expect(item).toMatchObject({ decision: 'approved', result: null });
    expect(['approved', 'executing']).toContain(item.status);
  });
});

describe('resultPollBudgetMs', () => {
  const now = 1_000_000;
  it('is the wait asked for, at most 15 minutes', () => {
    expect(resultPollBudgetMs(30_000, now)).toBe(30_000);
    expect(resultPollBudgetMs(3_600_000, now)).toBe(MAX_RESULT_WAIT_MS);
  });
  it('ends 5 s before Limit Wait Time, so n8n’s timer never resumes the execution meanwhile', () => {
    expect(resultPollBudgetMs(30_000, now, now + 20_000)).toBe(15_000);
    expect(resultPollBudgetMs(30_000, now, now + 3_000)).toBe(0);
  });
});
