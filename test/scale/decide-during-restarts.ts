import { restartN8nProcess } from '../../scripts/scale/queue-mode';
import { decide } from '../e2e/n8n-server-ours';
import type { SandboxAction } from '../e2e/sandbox-api';
import type { Cluster } from './context';
import { inParallel } from './sandbox-state';

export type Decision = 'approve' | 'reject';

/** Even positions approved, odd rejected: every run of figure 2 gets both decisions. */
export function alternateDecisions(pending: SandboxAction[]): Map<string, Decision> {
  return new Map(pending.map((a, n) => [a.id, n % 2 === 0 ? 'approve' : 'reject']));
}

/**
 * The approver token decides every action while both workers are stopped and replaced (started
 * again without the old process's n8n event log, as a container platform replaces a worker; see
 * `restartN8nProcess`): SenseOn's callbacks resume executions that then wait in Redis for a
 * worker.
 */
export async function decideDuringWorkerRestarts(
  cluster: Cluster,
  decisions: Map<string, Decision>,
): Promise<void> {
  const restarts = Promise.all(
    cluster.workers.map(async (worker, n) => {
      cluster.workers[n] = await restartN8nProcess(cluster.deployment, worker, { replaced: true });
    }),
  );
  await inParallel([...decisions], 4, ([actionId, decision]) =>
    decide(cluster.approver, actionId, decision),
  );
  await restarts;
}
