/**
 * Our server-side workflows (test/e2e/workflows): the SenseOn Trigger on case updates and
 * comments, as version 1 (the event itself) and version 2 (the Updated Case feed's items), and
 * a webhook-started isolation that waits for a human decision.
 */
import type { N8nApi, N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { waitFor } from '../../scripts/n8n/lib/processes';
import type { E2eContext } from './context';
import {
  awaitSubscriptions,
  executionOf,
  expectSucceeded,
  firstItem,
  postToWebhook,
  ran,
  startedWith,
  webhookIdOf,
  workflowFrom,
} from './n8n-server-helpers';
import { expect } from './report';
import type { Page, SandboxAction, SandboxApi, SandboxDevice } from './sandbox-api';

export const SENSEON_TRIGGER = 'n8n-nodes-senseon.senseOnTrigger';

export interface ServerScope {
  ctx: E2eContext;
  api: N8nApi;
  n8nUrl: string;
  analyst: SandboxApi;
  approver: SandboxApi;
  /** Devices already used for an isolation in this run. */
  usedDevices: Set<string>;
}

/** A device that can be isolated now, with no crown-jewel step-up, not used before in this run. */
export async function isolatableDevice(scope: ServerScope): Promise<SandboxDevice> {
  const pending = await scope.analyst.get<Page<SandboxAction>>(
    '/actions?status=pending_approval&limit=1000',
  );
  for (const action of pending.data) {
    if (action.target.device_id) scope.usedDevices.add(action.target.device_id);
  }
  const devices = await scope.analyst.get<Page<SandboxDevice>>('/devices?status=online&limit=1000');
  const device = devices.data.find(
    (d) => d.criticality !== 'crown_jewel' && !scope.usedDevices.has(d.id),
  );
  expect(device, 'no online device left to isolate');
  scope.usedDevices.add(device.id);
  return device;
}

/** Waits for the pending isolate_device request for `deviceId` on `caseId`. */
export async function pendingIsolation(
  analyst: SandboxApi,
  caseId: string,
  deviceId: string,
): Promise<SandboxAction> {
  let found: SandboxAction | undefined;
  await waitFor(
    `a pending isolate_device for ${deviceId}`,
    async () => {
      const pending = await analyst.get<Page<SandboxAction>>(
        `/actions?status=pending_approval&case_id=${caseId}&limit=100`,
      );
      found = pending.data.find(
        (a) => a.type === 'isolate_device' && a.target.device_id === deviceId,
      );
      return found !== undefined;
    },
    15_000,
    300,
  );
  return found!;
}

/** The approver (a second principal) approves or rejects in SenseOn. */
export async function decide(
  approver: SandboxApi,
  actionId: string,
  decision: 'approve' | 'reject',
): Promise<void> {
  if (decision === 'approve') {
    await approver.post(`/actions/${actionId}/approve`, {
      approver: 'Jane Approver',
      comment: 'Four eyes: confirmed from the end-to-end run.',
    });
  } else {
    await approver.post(`/actions/${actionId}/reject`, {
      approver: 'Jane Approver',
      reason: 'Not enough evidence yet (end-to-end run).',
    });
  }
}

/** Waits for a waiting execution to resume and finish. */
export function resumed(
  api: N8nApi,
  workflowId: string,
  executionId: string,
): Promise<N8nExecution> {
  return executionOf(
    api,
    workflowId,
    (e) => e.id === executionId && !['waiting', 'running', 'new'].includes(e.status),
    `execution ${executionId} to resume and finish`,
  );
}

export async function triggerChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const { checks } = ctx;
  const trigger = workflowFrom(ctx.imported, 'e2e/trigger.json');
  const id = trigger.workflow.id!;
  const webhookId = webhookIdOf(trigger, SENSEON_TRIGGER);
  const triggerV2 = workflowFrom(ctx.imported, 'e2e/trigger-v2.json');
  const idV2 = triggerV2.workflow.id!;
  await checks.must(
    'publishing the SenseOn Trigger workflow subscribes it in the sandbox',
    async () => {
      await api.publish(id);
      // n8n 2.x applies a publication from an outbox, a moment after the API call answers.
      const [hook] = await awaitSubscriptions(analyst, webhookId, 1);
      const events = [...hook!.events].sort().join(',');
      expect(events === 'case.comment_added,case.updated', `subscribed to ${events}`);
      return `${hook!.id} → ${hook!.url.replace(scope.n8nUrl, '')}`;
    },
  );

  const publishedV2 = await checks.check(
    'publishing the SenseOn Trigger v2 workflow subscribes it in the sandbox',
    async () => {
      await api.publish(idV2);
      const [hook] = await awaitSubscriptions(analyst, webhookIdOf(triggerV2, SENSEON_TRIGGER), 1);
      return `${hook!.id} → ${hook!.url.replace(scope.n8nUrl, '')}`;
    },
  );

  const cases = await analyst.get<Page<{ id: string }>>('/cases?limit=3');
  const caseId = cases.data[2]?.id ?? cases.data[0]!.id;
  await checks.check(
    'a case update and a comment in SenseOn each start one n8n execution',
    async () => {
      await analyst.patch(`/cases/${caseId}`, { assignee: 'n8n-e2e', tags: ['e2e-trigger'] });
      await analyst.post(`/cases/${caseId}/comments`, { body: 'Comment from the end-to-end run.' });
      const seen = new Map<string, N8nExecution>();
      await waitFor(
        'executions for case.updated and case.comment_added',
        async () => {
          for (const execution of await api.executions(id, 'success')) {
            const event = firstItem(execution, 'Event Seen');
            const data = event?.data as { id?: string; case_id?: string } | undefined;
            if (data?.id === caseId || data?.case_id === caseId)
              seen.set(String(event?.type), execution);
          }
          return seen.has('case.updated') && seen.has('case.comment_added');
        },
        60_000,
        1000,
      );
      return [...seen].map(([type, e]) => `${type} → execution ${e.id}`).join(', ');
    },
  );
  if (publishedV2 === undefined) return;
  await checks.check(
    'v2: the same update starts with the Updated Case item: what changed, from the event, keyed by its event id',
    async () => {
      const items = new Map<string, Record<string, unknown>>();
      await waitFor(
        'v2 executions for the update and the comment',
        async () => {
          for (const execution of await api.executions(idV2, 'success')) {
            const item = firstItem(execution, 'Item Seen') as Record<string, unknown> | undefined;
            if (item?.case_id === caseId) items.set(String(item.change), item);
          }
          return items.has('comment') && [...items.keys()].some((k) => k.includes('assignee'));
        },
        60_000,
        1000,
      );
      const update = [...items.values()].find((i) => String(i.change).includes('assignee'))!;
      const changes = update.changes as Record<string, { to?: unknown }> | null;
      expect(changes?.assignee?.to === 'n8n-e2e', `changes: ${JSON.stringify(changes)}`);
      expect(update.changed_by === 'analyst', `changed_by: ${String(update.changed_by)}`);
      // Each update is its own item, keyed by its event (the key the poll gives too).
      const comment = items.get('comment')!;
      expect(
        /^evt_/.test(String(update.id)) && update.id !== comment.id,
        `id ${String(update.id)} (comment ${String(comment.id)}) is not the feed's key, an event id per update`,
      );
      return `${String(update.id)}: ${String(update.change)}; comment item too`;
    },
  );
}

export async function approvalChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst, approver } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, 'e2e/approval.json').workflow.id!;
  await checks.must('publishing the approval workflow', () => api.publish(id));
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;

  for (const decision of ['approve', 'reject'] as const) {
    const device = await isolatableDevice(scope);
    const execution = await checks.check(
      `isolating ${device.hostname}: the execution waits for a human decision`,
      async () => {
        await postToWebhook(scope.n8nUrl, 'e2e-isolation-request', {
          case_id: caseId,
          device_id: device.id,
          justification: `E2E: ${decision} the isolation of ${device.hostname}.`,
        });
        const waiting = await executionOf(
          api,
          id,
          startedWith('Isolation Requested', 'device_id', device.id),
          'the execution to pause',
        );
        const error = waiting.data?.resultData.error?.message;
        expect(
          waiting.status === 'waiting',
          `execution ${waiting.id} is ${waiting.status}: ${error}`,
        );
        return waiting;
      },
    );
    if (!execution) continue;
    const action = await checks.check('the sandbox holds the request, pending approval', () =>
      pendingIsolation(analyst, caseId, device.id),
    );
    if (!action) continue;
    const outcome = decision === 'approve' ? 'Approved' : 'Not Approved';
    await checks.check(
      `a second person (approver token) ${decision}s ${action.id}; n8n resumes on "${outcome}"`,
      async () => {
        await decide(approver, action.id, decision);
        const done = await resumed(api, id, execution.id);
        expectSucceeded(done);
        const path = decision === 'approve' ? 'Approved Path' : 'Not Approved Path';
        const other = decision === 'approve' ? 'Not Approved Path' : 'Approved Path';
        expect(ran(done, path), `"${path}" did not run`);
        expect(!ran(done, other), `"${other}" ran too`);
        const item = firstItem(done, path);
        expect(item?.action_id === action.id, `"${path}" got ${JSON.stringify(item)}`);
        return `execution ${done.id}: ${path}, action ${String(item?.action_status)}`;
      },
    );
  }
}

export async function unpublishTriggerCheck(scope: ServerScope): Promise<void> {
  const triggerV2 = workflowFrom(scope.ctx.imported, 'e2e/trigger-v2.json');
  await scope.ctx.checks.check('unpublishing the SenseOn Trigger v2 workflow', async () => {
    await scope.api.unpublish(triggerV2.workflow.id!);
    await awaitSubscriptions(scope.analyst, webhookIdOf(triggerV2, SENSEON_TRIGGER), 0);
    return 'gone';
  });
  const trigger = workflowFrom(scope.ctx.imported, 'e2e/trigger.json');
  const webhookId = webhookIdOf(trigger, SENSEON_TRIGGER);
  await scope.ctx.checks.check(
    'unpublishing the SenseOn Trigger workflow deletes its subscription (GET /webhooks)',
    async () => {
      await scope.api.unpublish(trigger.workflow.id!);
      await awaitSubscriptions(scope.analyst, webhookId, 0);
      return 'gone';
    },
  );
}
