/**
 * Issue 12, in a real n8n: a SenseOn node waiting for the decision, under each On Error
 * setting, never sends a failed, refused, forged or rejected item down Approved. n8n sends a
 * failed item to a node's first output under "Continue" and "Continue (using error output)",
 * and a waiting node's first output is Approved, so each workflow here connects all its
 * outputs and the execution's run data is read for which ones got items.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import {
  executionOf,
  expectSucceeded,
  postToWebhook,
  ran,
  startedWith,
  workflowFrom,
} from './n8n-server-helpers';
import {
  isolatableDevice,
  pendingIsolation,
  decide,
  resumed,
  type ServerScope,
} from './n8n-server-ours';
import { expect } from './report';
import type { Page } from './sandbox-api';

type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

const SETTINGS: { onError: OnError; source: string; path: string }[] = [
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

interface Isolation {
  case_id: string;
  device_id: string;
  justification: string;
}

/** The items the waiting node put on each of its outputs (Approved, Not Approved, Error). */
function outputsOf(execution: N8nExecution): Record<string, unknown>[][] {
  const runs = execution.data?.resultData.runData['Isolate Device'] ?? [];
  const main = runs[runs.length - 1]?.data?.main ?? [];
  return main.map((items) => (items ?? []).map((item) => item.json));
}

function describeOutputs(execution: N8nExecution): string {
  const [approved = [], notApproved = [], error = []] = outputsOf(execution);
  return `Approved ${approved.length}, Not Approved ${notApproved.length}, Error ${error.length}`;
}

/** Approved got nothing: neither the node's first output nor the node behind it. */
function expectNothingApproved(execution: N8nExecution): void {
  const approved = outputsOf(execution)[0] ?? [];
  expect(approved.length === 0, `Approved output got ${JSON.stringify(approved)}`);
  expect(!ran(execution, 'Approved Path'), '"Approved Path" ran');
}

/** Under Stop Workflow the execution fails; otherwise it succeeds with `failed` items off Approved. */
function expectFailedOffApproved(
  execution: N8nExecution,
  onError: OnError,
  failed: number,
  errorPattern: RegExp,
): string {
  expectNothingApproved(execution);
  if (onError === 'stopWorkflow') {
    const error = execution.data?.resultData.error?.message ?? '';
    expect(execution.status === 'error', `execution ${execution.id} ended ${execution.status}`);
    expect(errorPattern.test(error), `the execution failed with "${error}"`);
    expect(!ran(execution, 'Not Approved Path'), '"Not Approved Path" ran');
    return `execution ${execution.id} failed: ${error.slice(0, 80)}`;
  }
  expectSucceeded(execution);
  const [, notApproved = [], errorOutput = []] = outputsOf(execution);
  const offApproved = [...notApproved, ...errorOutput];
  expect(
    offApproved.length === failed,
    `${offApproved.length} items off Approved, expected ${failed} (${describeOutputs(execution)})`,
  );
  for (const item of offApproved) {
    expect(
      errorPattern.test(String(item.error)),
      `an item without the error: ${JSON.stringify(item)}`,
    );
  }
  return `execution ${execution.id}: ${describeOutputs(execution)}`;
}

let runCounter = 0;

/** POSTs the isolations to the workflow's webhook and waits for its execution to settle. */
async function start(
  scope: ServerScope,
  workflowId: string,
  path: string,
  isolations: Isolation[],
): Promise<N8nExecution> {
  const tag = `on-error-${Date.now()}-${runCounter++}`;
  await postToWebhook(scope.n8nUrl, path, { tag, isolations });
  return executionOf(
    scope.api,
    workflowId,
    startedWith('Isolations Requested', 'tag', tag),
    `the execution of ${tag}`,
  );
}

export async function onErrorChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst, approver } = scope;
  const { checks } = ctx;
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;

  for (const { onError, source, path } of SETTINGS) {
    const id = workflowFrom(ctx.imported, source).workflow.id!;
    const published = await checks.check(`On Error ${onError}: publishing ${source}`, () =>
      api.publish(id),
    );
    if (published === undefined) continue;

    await checks.check(
      `On Error ${onError}: 3 items into a waiting Isolate Device whose requests all fail (unknown devices), none on Approved`,
      async () => {
        const unknown = [1, 2, 3].map((n) => `dev_doesnotexist${n}`);
        const execution = await start(
          scope,
          id,
          path,
          unknown.map((device_id) => ({
            case_id: caseId,
            device_id,
            justification: `E2E ${onError}: 3 at once, none known.`,
          })),
        );
        // Stop Workflow stops at the first; the others leave every one off Approved.
        return expectFailedOffApproved(execution, onError, 3, /dev_doesnotexist\d/);
      },
    );

    await checks.check(
      `On Error ${onError}: a request that fails (unknown device) never leaves on Approved`,
      async () => {
        const execution = await start(scope, id, path, [
          {
            case_id: caseId,
            device_id: 'dev_doesnotexist',
            justification: `E2E ${onError}: unknown device.`,
          },
        ]);
        return expectFailedOffApproved(execution, onError, 1, /dev_doesnotexist/);
      },
    );

    await checks.check(
      `On Error ${onError}: a forged approval is ignored, the rejection resumes on Not Approved only`,
      async () => {
        const device = await isolatableDevice(scope);
        const execution = await start(scope, id, path, [
          { case_id: caseId, device_id: device.id, justification: `E2E ${onError}: reject this.` },
        ]);
        expect(
          execution.status === 'waiting',
          `execution ${execution.id} is ${execution.status}: ${execution.data?.resultData.error?.message}`,
        );
        const action = await pendingIsolation(analyst, caseId, device.id);
        expect(typeof action.callback_url === 'string', `${action.id} has no callback URL`);
        // Anyone holding the resume URL can POST to it: an unsigned "approved" must change nothing.
        const forged = await fetch(action.callback_url!, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': 'evt_forged_e2e',
            'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
            'webhook-signature': 'v1,Zm9yZ2VkIHNpZ25hdHVyZQ==',
          },
          body: JSON.stringify({
            id: 'evt_forged_e2e',
            type: 'action.approved',
            created_at: new Date().toISOString(),
            data: { ...action, status: 'approved' },
          }),
        });
        // The node asks SenseOn, which still holds the action pending: ignored, still waiting.
        const forgedAnswer = (await forged.json().catch(() => ({}))) as { ignored?: string };
        expect(
          forged.status === 200 && /still pending/.test(forgedAnswer.ignored ?? ''),
          `the forged approval was answered ${forged.status} ${JSON.stringify(forgedAnswer)}`,
        );
        const still = await api.execution(execution.id);
        expect(
          still.status === 'waiting',
          `after the forged approval the execution is ${still.status}`,
        );

        await decide(approver, action.id, 'reject');
        const done = await resumed(api, id, execution.id);
        expectSucceeded(done);
        expectNothingApproved(done);
        const [, notApproved = []] = outputsOf(done);
        expect(
          notApproved.length === 1 && notApproved[0]!.decision === 'rejected',
          `Not Approved got ${JSON.stringify(notApproved)}`,
        );
        expect(ran(done, 'Not Approved Path'), '"Not Approved Path" did not run');
        return `execution ${done.id}: forged ignored (SenseOn: pending), then ${describeOutputs(done)}`;
      },
    );
    await checks.check(`On Error ${onError}: unpublishing ${source}`, () => api.unpublish(id));
  }
}
