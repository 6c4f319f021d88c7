/**
 * Figure 3, the Poll Trigger in queue mode: only main (the leader) polls, and its cursor lives in
 * the workflow's static data. 1,000 new cases open, half before and half after main is stopped
 * and started again; every case must start the workflow once (0 lost, 0 doubled).
 */
import { waitFor } from '../../scripts/n8n/lib/processes';
import { N8nApi, type N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { restartN8nProcess } from '../../scripts/scale/queue-mode';
import type { Page, SandboxDevice } from '../e2e/sandbox-api';
import { OWNER, type Cluster, type FigureRow } from './context';

export const NEW_CASES = 1000;
/** The workflow polls every minute, the shortest interval n8n allows. */
const POLL_INTERVAL_MS = 60_000;
const FILE = 'poll-cursor.json';
const TRIGGER = 'SenseOn Poll Trigger';

/** Every case id the trigger emitted, one entry per emission. */
function emitted(executions: N8nExecution[]): string[] {
  return executions.flatMap((execution) => {
    const runs = execution.data?.resultData.runData[TRIGGER] ?? [];
    return runs.flatMap((run) => (run.data?.main[0] ?? []).map((item) => String(item.json.id)));
  });
}

async function openCases(cluster: Cluster, deviceId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) ids.push(await cluster.sandbox.openCase(deviceId));
  return ids;
}

export async function pollCursorFigure(cluster: Cluster): Promise<FigureRow[]> {
  const figure = '3 poll trigger across a main restart';
  const workflowId = cluster.workflows.get(FILE)!;
  await cluster.api.publish(workflowId);
  // The first poll after activation starts from now: let it happen before any case opens. It
  // emits nothing, so it leaves no execution to wait for: one poll interval and a margin. (n8n
  // 2.40.7 refuses to activate a poll more often than once a minute, even as a 6-field cron.)
  await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS + 10_000));
  const device = (await cluster.analyst.get<Page<SandboxDevice>>('/devices?status=online&limit=1'))
    .data[0]!;
  const opened = await openCases(cluster, device.id, NEW_CASES / 2);
  const restartStarted = Date.now();
  cluster.main = await restartN8nProcess(cluster.deployment, cluster.main);
  cluster.api = new N8nApi(cluster.main.url);
  await cluster.api.login(OWNER);
  await cluster.api.createApiKey('senseon-scale-after-restart');
  const restartSeconds = (Date.now() - restartStarted) / 1000;
  opened.push(...(await openCases(cluster, device.id, NEW_CASES / 2)));
  const wanted = new Set(opened);
  let ids: string[] = [];
  await waitFor(
    `${NEW_CASES} cases emitted`,
    async () => {
      ids = emitted(await cluster.api.allExecutions(workflowId));
      return ids.filter((id) => wanted.has(id)).length >= NEW_CASES;
    },
    300_000,
    5000,
  ).catch(() => undefined);
  // One more poll interval: a doubled emission would show up now.
  await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS + 5_000));
  const executions = await cluster.api.allExecutions(workflowId);
  ids = emitted(executions);
  await cluster.api.unpublish(workflowId);
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const lost = opened.filter((id) => !counts.has(id)).length;
  const doubled = [...counts].filter(([, count]) => count > 1).length;
  return [
    {
      figure,
      measure: `new cases (${NEW_CASES / 2} before, ${NEW_CASES / 2} after main restarted in ${restartSeconds.toFixed(0)} s)`,
      value: `${executions.length} executions emitted ${ids.length} items: ${lost} lost, ${doubled} doubled`,
      pass: lost === 0 && doubled === 0,
    },
  ];
}
