/**
 * "Wait for the Decision" with Limit Wait Time (SenseOn node version 4) in a real n8n: nobody
 * decides and the item leaves on Not Approved, never Approved. The workflow asks for an hour's
 * expiry, but the node shortens it to the limit (a minute), so the request can never be approved
 * after the workflow has left: whichever ends the wait first, n8n's own wait timer (its
 * WaitTracker: `wait_limit_reached`) or SenseOn's expiry callback (`expired`), the item is on Not
 * Approved and the request is expired in SenseOn.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import {
  executionOf,
  expectSucceeded,
  firstItem,
  postToWebhook,
  ran,
  startedWith,
  workflowFrom,
} from './n8n-server-helpers';
import { isolatableDevice, type ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page } from './sandbox-api';

const WORKFLOW = 'e2e/approval-limit.json';
/** The workflow's limit (1 minute), the WaitTracker's 60 s poll and slack. */
const LIMIT_TIMEOUT_MS = 180_000;

/**
 * Starts the limited wait and returns the check that it ended on Not Approved, to run after the
 * other checks so the minute's wait overlaps them.
 */
export async function startWaitLimitCheck(scope: ServerScope): Promise<() => Promise<void>> {
  const { ctx, api, analyst } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, WORKFLOW).workflow.id!;
  const none = async () => {};
  const published = await checks.check('publishing the Limit Wait Time workflow', async () => {
    await api.publish(id);
    return id;
  });
  if (!published) return none;
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
  const device = await isolatableDevice(scope);
  const started = Date.now();
  const waiting = await checks.check(
    `Limit Wait Time (1 minute): isolating ${device.hostname} waits, with a date to stop at`,
    async () => {
      await postToWebhook(scope.n8nUrl, 'e2e-isolation-request-limited', {
        case_id: caseId,
        device_id: device.id,
        justification: `E2E: nobody decides on ${device.hostname}; the wait's limit ends it.`,
      });
      const execution = await executionOf(
        api,
        id,
        startedWith('Isolation Requested', 'device_id', device.id),
        'the limited execution to pause',
      );
      expect(
        execution.status === 'waiting',
        `execution ${execution.id} is ${execution.status}: ${execution.data?.resultData.error?.message}`,
      );
      return execution;
    },
  );
  if (!waiting) return none;
  return async () => {
    await checks.check(
      'Limit Wait Time: the wait ends at the limit, on "Not Approved" only, and the request expired with it',
      async () => {
        const done: N8nExecution = await executionOf(
          api,
          id,
          (e) => e.id === waiting.id && !['waiting', 'running', 'new'].includes(e.status),
          `execution ${waiting.id} to reach its limit and finish`,
          Math.max(10_000, LIMIT_TIMEOUT_MS - (Date.now() - started)),
        );
        expectSucceeded(done);
        expect(ran(done, 'Not Approved Path'), '"Not Approved Path" did not run');
        expect(!ran(done, 'Approved Path'), '"Approved Path" ran');
        const item = firstItem(done, 'Not Approved Path');
        expect(
          item?.decision === 'wait_limit_reached' || item?.decision === 'expired',
          `"Not Approved Path" got ${JSON.stringify(item)}`,
        );
        const action = await analyst.get<{
          id: string;
          status: string;
          created_at: string;
          expires_at: string;
        }>(`/actions/${String(item?.action_id)}`);
        // The hour asked for was shortened to the limit: nobody can approve it any more.
        const openFor = (Date.parse(action.expires_at) - Date.parse(action.created_at)) / 1000;
        expect(openFor <= 60, `action ${action.id} stayed open ${openFor} s, past the 60 s limit`);
        expect(action.status === 'expired', `action ${action.id} is ${action.status}`);
        const seconds = Math.round((Date.now() - started) / 1000);
        return `execution ${done.id}: Not Approved Path after ~${seconds} s, decision ${String(item?.decision)}; ${action.id} ${action.status}`;
      },
    );
  };
}
