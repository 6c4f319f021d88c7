/**
 * Issue 14 in a real n8n: a published workflow reads a device's raw telemetry, runs a hunt and
 * waits for it (Run Hunt and Wait for Results), then reads the hunt's status. The hunt must find
 * the process launch SenseOn drew an observation from, and its status must agree with the
 * events the node handed on.
 */
import {
  executionOf,
  expectSucceeded,
  postToWebhook,
  startedWith,
  workflowFrom,
} from './n8n-server-helpers';
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import type { ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page } from './sandbox-api';

const SOURCE = 'e2e/hunt.json';
const DAY = 86_400_000;

interface LaunchObservation {
  id: string;
  device_id: string;
  observed_at: string;
  ocsf: { process: { name: string } };
}

/** Every item a node put on its first output (its last run). */
function itemsOf(execution: N8nExecution, node: string): Record<string, unknown>[] {
  const runs = execution.data?.resultData.runData[node] ?? [];
  return (runs[runs.length - 1]?.data?.main[0] ?? []).map((item) => item.json);
}

export async function huntChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, SOURCE).workflow.id!;
  const published = await checks.check(`publishing ${SOURCE}`, () => api.publish(id));
  if (published === undefined) return;

  await checks.check(
    `${SOURCE}: Telemetry → Run Hunt and Wait for Results → Get Status find the launch an observation was drawn from`,
    async () => {
      const launch = (
        await analyst.get<Page<LaunchObservation>>('/observations?class_uid=1007&limit=1')
      ).data[0]!;
      const at = Date.parse(launch.observed_at);
      const tag = `hunt-${Date.now()}`;
      const query = `process.name = "${launch.ocsf.process.name}" AND NOT actor.user.name in ("svc_nobody")`;
      await postToWebhook(scope.n8nUrl, 'e2e-hunt', {
        tag,
        query,
        device_id: launch.device_id,
        observed_after: new Date(at - DAY).toISOString(),
        observed_before: new Date(at + 60_000).toISOString(),
      });
      const execution = await executionOf(
        api,
        id,
        startedWith('Hunt Requested', 'tag', tag),
        `the execution of ${tag}`,
        120_000,
      );
      expectSucceeded(execution);

      const telemetry = itemsOf(execution, 'Telemetry');
      expect(telemetry.length > 0, 'Telemetry handed on no events');
      expect(
        telemetry.every((e) => e.device_id === launch.device_id && e.class_uid === 1007),
        `Telemetry handed on events of another device or class: ${JSON.stringify(telemetry[0]).slice(0, 200)}`,
      );

      const hits = itemsOf(execution, 'Run Hunt');
      expect(
        hits.some((e) => e.observation_id === launch.id),
        `the hunt did not find ${launch.id} among ${hits.length} events`,
      );
      const status = itemsOf(execution, 'Hunt Status')[0] ?? {};
      expect(status.status === 'done', `the hunt is ${String(status.status)}`);
      expect(
        status.result_count === hits.length,
        `Get Status says ${String(status.result_count)} matches, Run Hunt handed on ${hits.length}`,
      );
      return `${telemetry.length} telemetry events; hunt ${String(status.id)} matched ${hits.length} of ${String(status.scanned_count)}`;
    },
  );
}
