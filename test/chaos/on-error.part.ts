/**
 * Row "wait for the decision": in the real n8n, a SenseOn node waiting for the decision under
 * each On Error setting (Stop Workflow, Continue, Continue (using error output)) gets three items
 * whose requests fail, a request that fails, a forged approval then a rejection (the e2e run's checks,
 * test/e2e/n8n-server-on-error.ts), and here also an approval that expires. Then every execution
 * of those workflows is read back: nothing may ever have left by Approved.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import {
  executionOf,
  postToWebhook,
  ran,
  startedWith,
  workflowFrom,
} from '../e2e/n8n-server-helpers';
import { onErrorChecks } from '../e2e/n8n-server-on-error';
import { isolatableDevice, pendingIsolation, resumed } from '../e2e/n8n-server-ours';
import type { Page } from '../e2e/sandbox-api';
import type { ChaosContext } from './context';
import { n8nStage } from './n8n-stage';
import type { ChaosPart } from './parts';
import type { ChaosRow } from './table';

const SETTINGS = [
  { onError: 'stopWorkflow', source: 'e2e/on-error-stop.json', path: 'e2e-on-error-stop' },
  {
    onError: 'continueRegularOutput',
    source: 'e2e/on-error-continue.json',
    path: 'e2e-on-error-continue',
  },
  {
    onError: 'continueErrorOutput',
    source: 'e2e/on-error-error-output.json',
    path: 'e2e-on-error-error-output',
  },
];

/** Past the default approval window (3,600 s), so the pending isolation expires. */
const PAST_EXPIRY_MS = 3_601_000;

/** The items the waiting node put on each output (Approved, Not Approved, Error), over its runs. */
function outputsOf(execution: N8nExecution): number[] {
  const runs = execution.data?.resultData.runData['Isolate Device'] ?? [];
  const counts = [0, 0, 0];
  for (const run of runs) {
    (run.data?.main ?? []).forEach((items, output) => {
      counts[output] = (counts[output] ?? 0) + (items?.length ?? 0);
    });
  }
  return counts;
}

export const onErrorPart: ChaosPart = {
  name: 'on-error',
  rows: ['3 wait for the decision: every On Error setting'],
  async run(ctx: ChaosContext): Promise<ChaosRow[]> {
    const stage = await n8nStage(ctx);
    const { scope, checks } = stage;
    const { api, analyst } = scope;
    const before = { passed: checks.passed, failed: checks.failed };

    // The e2e run's checks: 3 items at once whose requests fail, failed (unknown device), forged + rejected.
    await onErrorChecks(scope);

    // Expired: the approval window passes with nobody deciding.
    const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
    for (const { onError, source, path } of SETTINGS) {
      const id = workflowFrom(scope.ctx.imported, source).workflow.id!;
      await checks.check(
        `On Error ${onError}: an expired approval never leaves by Approved`,
        async () => {
          await api.publish(id);
          try {
            const device = await isolatableDevice(scope);
            const tag = `chaos-expiry-${onError}-${Date.now()}`;
            await postToWebhook(scope.n8nUrl, path, {
              tag,
              isolations: [
                { case_id: caseId, device_id: device.id, justification: 'Chaos: let it expire.' },
              ],
            });
            const waiting = await executionOf(
              api,
              id,
              startedWith('Isolations Requested', 'tag', tag),
              tag,
            );
            if (waiting.status !== 'waiting')
              throw new Error(`execution ${waiting.id} is ${waiting.status}`);
            const action = await pendingIsolation(analyst, caseId, device.id);
            await stage.command('advanceClock', { ms: PAST_EXPIRY_MS });
            const done = await resumed(api, id, waiting.id);
            const [approved = 0, notApproved = 0, error = 0] = outputsOf(done);
            if (approved > 0 || ran(done, 'Approved Path'))
              throw new Error(`${action.id} expired and left by Approved`);
            if (notApproved + error !== 1)
              throw new Error(`the expiry gave ${notApproved} Not Approved, ${error} Error items`);
            return `${action.id} expired: Not Approved ${notApproved}, Error ${error}`;
          } finally {
            await api.unpublish(id);
          }
        },
      );
    }

    // Every execution of the three workflows, read back.
    let executions = 0;
    let offApproved = 0;
    let stopped = 0;
    let approved = 0;
    const all: N8nExecution[] = [];
    for (const { source } of SETTINGS) {
      const id = workflowFrom(scope.ctx.imported, source).workflow.id!;
      for (const execution of await api.executions(id)) {
        all.push(execution);
        executions++;
        const [onApproved = 0, notApproved = 0, error = 0] = outputsOf(execution);
        approved += onApproved + (ran(execution, 'Approved Path') ? 1 : 0);
        offApproved += notApproved + error;
        if (execution.status === 'error') stopped++;
      }
    }
    ctx.output('on-error-n8n-executions', all);
    const passed = checks.passed - before.passed;
    const failed = checks.failed - before.failed;
    return [
      {
        row: '3 wait for the decision: every On Error setting',
        fault:
          'Stop Workflow, Continue, Continue (using error output): 3 items at once whose requests all fail, a failed request (unknown device), a forged approval then a rejection, an approval left to expire',
        promise: 'nothing refused, failed, rejected or expired ever leaves by Approved',
        figure:
          `${passed + failed} scenarios (${passed} passed, ${failed} failed); ${executions} executions: ` +
          `${offApproved} items on Not Approved or Error, ${stopped} stopped with the error, ${approved} on Approved`,
        kept: failed === 0 && passed >= 18 && approved === 0 && executions >= 12,
      },
    ];
  },
};
