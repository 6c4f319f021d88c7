/**
 * Run Script's "Wait for the Result" in a real n8n, through the example users import
 * (script-kill-process.json): the run waits for the approval, the approval resumes it, and the
 * resume webhook answers SenseOn, then waits for the devices' result before n8n goes on. The
 * case comment the workflow writes must carry the device's exit code and output, which exist
 * only once the script has run, so a resume without the result cannot pass.
 */
import {
  executionOf,
  expectSucceeded,
  firstItem,
  postToWebhook,
  ran,
  startedWith,
  workflowFrom,
} from './n8n-server-helpers';
import { waitFor } from '../../scripts/n8n/lib/processes';
import { decide, isolatableDevice, resumed, type ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page, SandboxAction } from './sandbox-api';

export const SCRIPT_EXAMPLE = 'examples/script-kill-process.json';
const RUN_NODE = 'Run Kill Process (wait for approval and result)';
const COMMENT_NODE = "Comment: each device's result";

type RunScriptAction = SandboxAction & { target: { device_ids?: string[] } };

export async function scriptResultChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst, approver } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, SCRIPT_EXAMPLE).workflow.id!;
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
  const device = await isolatableDevice(scope);
  const started = await checks.check(
    `${SCRIPT_EXAMPLE}: Kill process on ${device.hostname} waits for a human decision`,
    async () => {
      await postToWebhook(scope.n8nUrl, 'senseon-kill-process', {
        case_id: caseId,
        device_ids: device.id,
        process_name: 'mshta.exe',
      });
      const waiting = await executionOf(
        api,
        id,
        startedWith('Kill Requested', 'device_ids', device.id),
        'the run to pause',
      );
      const error = waiting.data?.resultData.error?.message;
      expect(
        waiting.status === 'waiting',
        `execution ${waiting.id} is ${waiting.status}: ${error}`,
      );
      return waiting;
    },
  );
  if (!started) return;
  await checks.check(
    `${SCRIPT_EXAMPLE}: the approver approves; n8n goes on with each device's exit code and output`,
    async () => {
      let action: RunScriptAction | undefined;
      await waitFor(
        `a pending run_script for ${device.id}`,
        async () => {
          const pending = await analyst.get<Page<RunScriptAction>>(
            `/actions?status=pending_approval&type=run_script&case_id=${caseId}&limit=100`,
          );
          action = pending.data.find((a) => a.target.device_ids?.includes(device.id));
          return action !== undefined;
        },
        15_000,
        300,
      );
      await decide(approver, action!.id, 'approve');
      const done = await resumed(api, id, started.id);
      expectSucceeded(done);
      const item = firstItem(done, RUN_NODE) as
        { status?: string; result?: { devices?: { exit_code?: number }[] } } | undefined;
      expect(item?.status === 'completed', `Run Script handed on ${JSON.stringify(item)}`);
      expect(
        item?.result?.devices?.[0]?.exit_code === 0,
        `no exit code in ${JSON.stringify(item)}`,
      );
      expect(ran(done, COMMENT_NODE), `"${COMMENT_NODE}" did not run`);
      const comments = await analyst.get<Page<{ body: string }>>(
        `/cases/${caseId}/comments?limit=1000`,
      );
      const comment = comments.data.find(
        (c) => c.body.includes(device.id) && c.body.includes('exit 0'),
      );
      expect(comment, `no comment on ${caseId} carries ${device.id}'s exit code`);
      return `execution ${done.id}: ${action!.id} completed; comment "${comment!.body.slice(0, 100)}"`;
    },
  );
}
