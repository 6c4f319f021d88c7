/**
 * Several items waiting in one execution, in a real n8n: three isolations go into one waiting
 * SenseOn node (one run, three items), SenseOn calls the execution's one resume URL once per
 * decision, a second person approves two and rejects one, and the execution resumes once, with
 * exactly two items on Approved and one on Not Approved, each on its own decision. Every request
 * and decision is in the case's DecisionTrace.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  executionOf,
  expectSucceeded,
  postToWebhook,
  startedWith,
  workflowFrom,
} from './n8n-server-helpers';
import { decide, isolatableDevice, resumed, type ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page, SandboxAction, SandboxApi } from './sandbox-api';

const WORKFLOW = 'e2e/approval-several.json';
const NODE = 'Isolate Device';

interface TraceEntry {
  event: string;
  details: { action_id?: string };
}

/** Every entry of the case's DecisionTrace, oldest first. */
async function traceOf(analyst: SandboxApi, caseId: string): Promise<TraceEntry[]> {
  const entries: TraceEntry[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<TraceEntry> = await analyst.get(`/cases/${caseId}/trace?limit=1000${query}`);
    entries.push(...page.data);
    cursor = page.pagination.next_cursor;
  } while (cursor);
  return entries;
}

/** What the waiting node put on each output (Approved, Not Approved) when it resumed. */
function nodeOutputs(execution: N8nExecution): Record<string, unknown>[][] {
  const runs = execution.data?.resultData.runData[NODE] ?? [];
  const main = runs[runs.length - 1]?.data?.main ?? [];
  return [0, 1].map((output) => (main[output] ?? []).map((item) => item.json));
}

/** The items a node after the waiting one got, over all its runs. */
function itemsOf(execution: N8nExecution, node: string): Record<string, unknown>[] {
  const runs = execution.data?.resultData.runData[node] ?? [];
  return runs.flatMap((run) => (run.data?.main[0] ?? []).map((item) => item.json));
}

/** POSTs a callback for `action` to its resume URL, as SenseOn does (the node reads only the id). */
async function callBack(
  action: SandboxAction,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(action.callback_url!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'action.approved', data: { id: action.id } }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

export async function severalWaitsCheck(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst, approver } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, WORKFLOW).workflow.id!;
  const published = await checks.check('publishing the several-items approval workflow', () =>
    api.publish(id),
  );
  if (published === undefined) return;
  try {
    const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
    const devices = [
      await isolatableDevice(scope),
      await isolatableDevice(scope),
      await isolatableDevice(scope),
    ];
    const tag = `several-${Date.now()}`;
    const waiting = await checks.check(
      `3 isolations (${devices.map((d) => d.hostname).join(', ')}) in one run: the execution waits once, 3 requests pending`,
      async () => {
        await postToWebhook(scope.n8nUrl, 'e2e-isolation-request-several', {
          tag,
          isolations: devices.map((d) => ({
            case_id: caseId,
            device_id: d.id,
            justification: `E2E ${tag}: isolate ${d.hostname}.`,
          })),
        });
        const execution = await executionOf(
          api,
          id,
          startedWith('Isolations Requested', 'tag', tag),
          'the execution to pause',
        );
        expect(
          execution.status === 'waiting',
          `execution ${execution.id} is ${execution.status}: ${execution.data?.resultData.error?.message}`,
        );
        const pending = (
          await analyst.get<Page<SandboxAction>>(
            `/actions?status=pending_approval&case_id=${caseId}&limit=1000`,
          )
        ).data;
        // In item order: the decisions below are per device.
        const actions = devices.map((d) => pending.find((a) => a.target.device_id === d.id));
        expect(
          actions.every((a) => a !== undefined),
          `pending: ${actions.map((a) => a?.id ?? 'none').join(', ')}`,
        );
        for (const action of actions) {
          expect(
            action!.callback_url?.includes(`/webhook-waiting/${execution.id}`) === true,
            `${action!.id} calls back ${action!.callback_url}, not execution ${execution.id}`,
          );
        }
        return { execution, actions: actions as SandboxAction[] };
      },
    );
    if (!waiting) return;
    const { execution, actions } = waiting;
    const decisions = ['approve', 'reject', 'approve'] as const;

    await checks.check(
      'a second person approves items 0 and 2 and rejects item 1; the execution resumes once: 2 on Approved, 1 on Not Approved',
      async () => {
        // The first two decisions, each given time for SenseOn's callback to reach n8n (the
        // sandbox delivers at once): each is answered, and the execution keeps waiting.
        for (const n of [0, 1]) {
          await decide(approver, actions[n]!.id, decisions[n]!);
          await sleep(1500);
        }
        // A callback for a decided action, sent again now that two of three are decided (as
        // SenseOn's retry or a duplicate would): n8n runs the node's webhook, which asks SenseOn,
        // finds the third pending, and keeps the execution waiting.
        const early = await callBack(actions[0]!);
        expect(
          early.status === 200 && /still pending/.test(String(early.body.waiting)),
          `a callback after 2 of 3 decisions was answered ${early.status} ${JSON.stringify(early.body)}`,
        );
        const between = await api.execution(execution.id);
        expect(
          between.status === 'waiting',
          `after 2 of 3 decisions the execution is ${between.status}`,
        );
        await decide(approver, actions[2]!.id, decisions[2]!);
        const done = await resumed(api, id, execution.id);
        expectSucceeded(done);
        const [approved, notApproved] = nodeOutputs(done);
        const ids = (items: Record<string, unknown>[] | undefined) =>
          (items ?? []).map((i) => String(i.id)).join(',');
        expect(
          ids(approved) === `${actions[0]!.id},${actions[2]!.id}`,
          `Approved got ${ids(approved)}`,
        );
        expect(ids(notApproved) === actions[1]!.id, `Not Approved got ${ids(notApproved)}`);
        expect(
          approved!.every((i) => i.decision === 'approved') &&
            notApproved![0]!.decision === 'rejected',
          `decisions: ${JSON.stringify([...approved!, ...notApproved!].map((i) => i.decision))}`,
        );
        const onApproved = itemsOf(done, 'Approved Path');
        const onNotApproved = itemsOf(done, 'Not Approved Path');
        expect(
          onApproved.length === 2 && onNotApproved.length === 1,
          `Approved Path got ${onApproved.length} items, Not Approved Path ${onNotApproved.length}`,
        );
        // Once resumed, no callback resumes it again: n8n refuses (409).
        const late = await callBack(actions[1]!);
        expect(late.status === 409, `a callback after the resume was answered ${late.status}`);
        const executions = (await api.executions(id)).filter(
          startedWith('Isolations Requested', 'tag', tag),
        );
        expect(executions.length === 1, `${executions.length} executions for ${tag}`);
        return `execution ${done.id}: Approved ${ids(approved)}; Not Approved ${ids(notApproved)}`;
      },
    );

    await checks.check(
      'the DecisionTrace holds each of the 3 requests and its decision',
      async () => {
        const trace = await traceOf(analyst, caseId);
        const missing: string[] = [];
        actions.forEach((action, n) => {
          const decided = decisions[n] === 'approve' ? 'action.approved' : 'action.rejected';
          for (const event of ['action.requested', decided]) {
            const found = trace.some((e) => e.event === event && e.details.action_id === action.id);
            if (!found) missing.push(`${action.id} ${event}`);
          }
        });
        expect(missing.length === 0, `not in the trace: ${missing.join(', ')}`);
        return `${actions.length} requests, 2 approvals and 1 rejection in case ${caseId}'s trace`;
      },
    );
  } finally {
    await checks.check('unpublishing the several-items approval workflow', () => api.unpublish(id));
  }
}
