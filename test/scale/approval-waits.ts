/**
 * Figure 2, approval waits in queue mode: 20 executions wait on isolations at once; a second
 * principal (the approver token) approves half and rejects half while both workers are stopped
 * and started again. SenseOn calls each resume URL (n8n's signed `/webhook-waiting/…`, through the
 * balancer); each execution must resume once, on the output that matches the decision. Then
 * several items waiting in one node run (`approval-several-waits.ts`).
 */
import { waitFor } from '../../scripts/n8n/lib/processes';
import { firstItem, settled } from '../e2e/n8n-server-helpers';
import type { Page, SandboxAction, SandboxDevice } from '../e2e/sandbox-api';
import type { Cluster, FigureRow } from './context';
import { alternateDecisions, decideDuringWorkerRestarts } from './decide-during-restarts';
import { severalItemsWaitFigure } from './approval-several-waits';
import { inParallel } from './sandbox-state';

export const WAITING = 20;
const FILE = 'approval-waits.json';
const ISOLATE = 'Isolate Device';

export async function approvalWaitsFigure(cluster: Cluster): Promise<FigureRow[]> {
  const { api, analyst, balancer } = cluster;
  const figure = '2 approval waits';
  const workflowId = cluster.workflows.get(FILE)!;
  await api.publish(workflowId);
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
  const devices = (
    await analyst.get<Page<SandboxDevice>>('/devices?status=online&limit=1000')
  ).data.filter((d) => d.criticality !== 'crown_jewel');
  if (devices.length < WAITING) throw new Error(`only ${devices.length} devices can be isolated`);
  const chosen = devices.slice(0, WAITING);
  // Through the balancer, as a SOC's own system would call the workflow's production webhook.
  await inParallel(chosen, 5, async (device) => {
    await waitFor(
      'the isolation request webhook to answer 2xx',
      async () => {
        const response = await fetch(`${balancer.url}/webhook/scale-isolation-request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            case_id: caseId,
            device_id: device.id,
            justification: `Scale run: isolate ${device.hostname}.`,
          }),
        });
        return response.ok;
      },
      60_000,
      1000,
    );
  });
  let waiting = 0;
  await waitFor(
    `${WAITING} executions waiting at once`,
    async () => {
      waiting = (await api.allExecutions(workflowId)).filter((e) => e.status === 'waiting').length;
      return waiting >= WAITING;
    },
    300_000,
    2000,
  );
  const pending = (
    await analyst.get<Page<SandboxAction>>(
      `/actions?status=pending_approval&case_id=${caseId}&limit=1000`,
    )
  ).data.filter((a) => chosen.some((d) => d.id === a.target.device_id));
  const decisions = alternateDecisions(pending);
  await decideDuringWorkerRestarts(cluster, decisions);
  let executions = await api.allExecutions(workflowId);
  await waitFor(
    'every approval execution to finish',
    async () => {
      executions = await api.allExecutions(workflowId);
      return (
        executions.length >= WAITING &&
        executions.every((e) => settled(e) && e.status !== 'waiting')
      );
    },
    600_000,
    2000,
  );
  let right = 0;
  const wrong: string[] = [];
  const perAction = new Map<string, number>();
  for (const execution of executions) {
    const runData = execution.data?.resultData.runData ?? {};
    const approved = firstItem(execution, 'Approved Path');
    const rejected = firstItem(execution, 'Not Approved Path');
    const actionId = String((approved ?? rejected)?.action_id ?? '');
    perAction.set(actionId, (perAction.get(actionId) ?? 0) + 1);
    const expected = decisions.get(actionId);
    const ranOnce =
      (runData['Approved Path']?.length ?? 0) + (runData['Not Approved Path']?.length ?? 0) === 1;
    const onRightOutput = expected === 'approve' ? approved !== undefined : rejected !== undefined;
    if (
      execution.status === 'success' &&
      ranOnce &&
      onRightOutput &&
      (runData[ISOLATE]?.length ?? 0) <= 2
    )
      right++;
    else wrong.push(`${execution.id} (${execution.status}, ${actionId || 'no action'})`);
  }
  // Executions that crashed before naming their action are counted as wrong, not as twice.
  const twice = [...perAction].filter(([id, count]) => id !== '' && count > 1).length;
  await api.unpublish(workflowId);
  const rows: FigureRow[] = [
    {
      figure,
      measure: 'executions waiting on an approval at once',
      value: `${waiting} of ${WAITING}`,
      pass: waiting >= WAITING,
    },
    {
      figure,
      measure: 'decided by the approver token while both workers restarted',
      value: `${[...decisions.values()].filter((d) => d === 'approve').length} approved, ${[...decisions.values()].filter((d) => d === 'reject').length} rejected`,
      pass: decisions.size === WAITING,
    },
    {
      figure,
      measure: 'resumed once, on the right output',
      value: `${right} of ${executions.length}; ${twice} resumed twice${wrong.length ? `; wrong: ${wrong.slice(0, 5).join(', ')}` : ''}`,
      pass: right === WAITING && executions.length === WAITING && twice === 0,
    },
  ];
  // Then several items in one node run, on the devices still online.
  return [...rows, ...(await severalItemsWaitFigure(cluster))];
}
