/**
 * Figure 2, second part: several items waiting in one node run, in queue mode. Each of
 * SEVERAL_RUNS executions sends ITEMS_EACH isolations into one waiting SenseOn node; SenseOn then
 * calls that execution's one resume URL once per decision, through the balancer (so the calls of
 * one execution reach different processes), while both workers restart. Each execution must
 * resume once, when its last action is decided, with every item on its own decision.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { waitFor } from '../../scripts/n8n/lib/processes';
import { settled } from '../e2e/n8n-server-helpers';
import type { Page, SandboxAction, SandboxDevice } from '../e2e/sandbox-api';
import type { Cluster, FigureRow } from './context';
import { alternateDecisions, decideDuringWorkerRestarts } from './decide-during-restarts';

export const SEVERAL_RUNS = 2;
export const ITEMS_EACH = 3;
const FILE = 'approval-several.json';
const NODE = 'Isolate Device';

/** The action ids a node after the waiting one got, over all its runs. */
function actionIdsOn(execution: N8nExecution, node: string): string[] {
  const runs = execution.data?.resultData.runData[node] ?? [];
  return runs.flatMap((run) =>
    (run.data?.main[0] ?? []).map((item) => String(item.json.action_id ?? '')),
  );
}

const sorted = (ids: string[]) => [...ids].sort().join(',');

export async function severalItemsWaitFigure(cluster: Cluster): Promise<FigureRow[]> {
  const { api, analyst, balancer } = cluster;
  const figure = '2 approval waits';
  const workflowId = cluster.workflows.get(FILE)!;
  await api.publish(workflowId);
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
  const pendingBefore = new Set(
    (await analyst.get<Page<SandboxAction>>('/actions?status=pending_approval&limit=1000')).data
      .filter((a) => a.target.device_id)
      .map((a) => a.target.device_id!),
  );
  const devices = (
    await analyst.get<Page<SandboxDevice>>('/devices?status=online&limit=1000')
  ).data.filter((d) => d.criticality !== 'crown_jewel' && !pendingBefore.has(d.id));
  const needed = SEVERAL_RUNS * ITEMS_EACH;
  if (devices.length < needed)
    throw new Error(`only ${devices.length} devices can be isolated; ${needed} are needed`);
  const runs = Array.from({ length: SEVERAL_RUNS }, (_, r) =>
    devices.slice(r * ITEMS_EACH, (r + 1) * ITEMS_EACH),
  );
  const before = new Set((await api.allExecutions(workflowId, false)).map((e) => e.id));
  for (const run of runs) {
    await waitFor(
      'the several-isolations webhook to answer 2xx',
      async () => {
        const response = await fetch(`${balancer.url}/webhook/scale-isolation-request-several`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            isolations: run.map((device) => ({
              case_id: caseId,
              device_id: device.id,
              justification: `Scale run, several in one run: isolate ${device.hostname}.`,
            })),
          }),
        });
        return response.ok;
      },
      60_000,
      1000,
    );
  }
  const ours = async () => (await api.allExecutions(workflowId)).filter((e) => !before.has(e.id));
  let waiting = 0;
  await waitFor(
    `${SEVERAL_RUNS} executions waiting on ${ITEMS_EACH} items each`,
    async () => {
      waiting = (await ours()).filter((e) => e.status === 'waiting').length;
      return waiting >= SEVERAL_RUNS;
    },
    300_000,
    2000,
  );
  const chosen = new Set(runs.flat().map((d) => d.id));
  const pending = (
    await analyst.get<Page<SandboxAction>>(
      `/actions?status=pending_approval&case_id=${caseId}&limit=1000`,
    )
  ).data.filter((a) => chosen.has(a.target.device_id ?? ''));
  const decisions = alternateDecisions(pending);
  await decideDuringWorkerRestarts(cluster, decisions);
  let executions: N8nExecution[] = [];
  await waitFor(
    'every several-items execution to finish',
    async () => {
      executions = await ours();
      return (
        executions.length >= SEVERAL_RUNS &&
        executions.every((e) => settled(e) && e.status !== 'waiting')
      );
    },
    600_000,
    2000,
  );
  const approvedIds = [...decisions].filter(([, d]) => d === 'approve').map(([id]) => id);
  const rejectedIds = [...decisions].filter(([, d]) => d === 'reject').map(([id]) => id);
  let right = 0;
  const wrong: string[] = [];
  const seen: string[] = [];
  for (const execution of executions) {
    const approved = actionIdsOn(execution, 'Approved Path');
    const rejected = actionIdsOn(execution, 'Not Approved Path');
    seen.push(...approved, ...rejected);
    const resumedOnce = (execution.data?.resultData.runData[NODE]?.length ?? 0) <= 2;
    const ok =
      execution.status === 'success' &&
      resumedOnce &&
      approved.length + rejected.length === ITEMS_EACH &&
      approved.every((id) => approvedIds.includes(id)) &&
      rejected.every((id) => rejectedIds.includes(id));
    if (ok) right++;
    else
      wrong.push(
        `${execution.id} (${execution.status}: ${approved.length} approved, ${rejected.length} not)`,
      );
  }
  const everyItemOnce = sorted(seen) === sorted([...decisions.keys()]);
  await api.unpublish(workflowId);
  return [
    {
      figure,
      measure: `several items in one node run: ${SEVERAL_RUNS} executions × ${ITEMS_EACH} isolations, decided while both workers restarted`,
      value: `${waiting} waiting; ${approvedIds.length} approved, ${rejectedIds.length} rejected`,
      pass: waiting >= SEVERAL_RUNS && decisions.size === needed,
    },
    {
      figure,
      measure: 'several items: each execution resumed once, every item on its own decision',
      value: `${right} of ${executions.length}; every item once: ${everyItemOnce ? 'yes' : 'no'}${wrong.length ? `; wrong: ${wrong.join(', ')}` : ''}`,
      pass: right === SEVERAL_RUNS && executions.length === SEVERAL_RUNS && everyItemOnce,
    },
  ];
}
