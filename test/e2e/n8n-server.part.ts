/**
 * n8n as a server (`n8n start`), the way a SOC runs it: the SenseOn Trigger subscribes in
 * SenseOn when its workflow is published and runs on signed events; the approval workflow waits
 * on its resume URL until a second person decides in SenseOn, then goes down the Approved or
 * Not Approved output; unpublishing deletes the subscription. n8n is stopped by its PID.
 */
import { N8nApi, type N8nExecution, type N8nOwner } from '../../scripts/n8n/lib/n8n-api';
import { n8nEnv } from '../../scripts/n8n/lib/n8n-env';
import { startN8nServer, type RunningN8n } from '../../scripts/n8n/lib/n8n-server';
import { freePort, stopService, waitFor } from '../../scripts/n8n/lib/processes';
import { editorScreenshotCheck } from './n8n-editor';
import { logFile, type E2eContext, type ImportedWorkflow } from './context';
import type { RunData } from './n8n-run-data';
import { expect } from './report';
import {
  SandboxApi,
  type Page,
  type SandboxAction,
  type SandboxDevice,
  type SandboxWebhook,
} from './sandbox-api';

export const OWNER: N8nOwner = {
  email: 'soc-lead@example.com',
  firstName: 'Sam',
  lastName: 'Lead',
  password: 'E2e-Owner-Passw0rd',
};

function workflowFrom(ctx: E2eContext, source: string): ImportedWorkflow {
  const found = ctx.imported.find((w) => w.source === source);
  if (!found) throw new Error(`${source} was not imported`);
  return found;
}

/** Waits for an execution of `workflowId` that `accept` likes; returns it with its data. */
async function executionOf(
  api: N8nApi,
  workflowId: string,
  accept: (e: N8nExecution) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<N8nExecution> {
  let found: N8nExecution | undefined;
  await waitFor(
    what,
    async () => {
      found = (await api.executions(workflowId)).find(accept);
      return found !== undefined;
    },
    timeoutMs,
    500,
  );
  return found!;
}

function ran(execution: N8nExecution, node: string): boolean {
  return (execution.data?.resultData.runData[node]?.length ?? 0) > 0;
}

function firstItem(
  runData: RunData | undefined,
  node: string,
): Record<string, unknown> | undefined {
  return runData?.[node]?.[0]?.data?.main[0]?.[0]?.json;
}

export async function n8nServerPart(ctx: E2eContext): Promise<void> {
  const { checks } = ctx;
  const host = ctx.host!;
  const sandbox = ctx.sandbox!;
  expect(ctx.imported.length > 0, 'nothing was imported by the CLI part');
  const analyst = new SandboxApi(sandbox.url, sandbox.tokens.analyst);
  const approver = new SandboxApi(sandbox.url, sandbox.tokens.approver);

  const port = await freePort();
  const env = n8nEnv(host, {
    userFolder: ctx.userFolder,
    encryptionKey: ctx.encryptionKey,
    port,
    brokerPort: await freePort(),
    logLevel: 'info',
  });
  const n8n: RunningN8n = await checks.must(`n8n start on 127.0.0.1:${port} is ready`, () =>
    startN8nServer(host, env, port, logFile('n8n')),
  );
  try {
    const api = new N8nApi(n8n.url);
    await checks.must(
      'owner set up (POST /rest/owner/setup) and a public-API key minted',
      async () => {
        await api.setupOwner(OWNER);
        await api.createApiKey('senseon-e2e');
      },
    );

    await triggerChecks(ctx, api, analyst, n8n);
    await approvalChecks(ctx, api, analyst, approver);
    await editorScreenshotCheck(ctx, n8n, OWNER);
    await unpublishChecks(ctx, api, analyst, n8n);
  } finally {
    await checks.check('n8n stops by its PID', async () => {
      await stopService(n8n.service);
      const code = await Promise.race([
        n8n.service.exited,
        new Promise((r) => setTimeout(r, 1000)),
      ]);
      const stillThere = await fetch(`${n8n.url}/healthz`).then(
        () => true,
        () => false,
      );
      expect(!stillThere, `n8n (pid ${n8n.service.pid}) still answers after being stopped`);
      return `pid ${n8n.service.pid}, exit ${String(code)}`;
    });
  }
}

async function triggerChecks(
  ctx: E2eContext,
  api: N8nApi,
  analyst: SandboxApi,
  n8n: RunningN8n,
): Promise<void> {
  const { checks } = ctx;
  const trigger = workflowFrom(ctx, 'e2e/trigger.json');
  const id = trigger.workflow.id!;
  await checks.must(
    'publishing the SenseOn Trigger workflow subscribes it in the sandbox',
    async () => {
      await api.publish(id);
      // n8n 2.x applies a publication from an outbox, a moment after the API call answers.
      let ours: SandboxWebhook[] = [];
      await waitFor(
        'a subscription pointing at n8n (GET /webhooks)',
        async () => {
          const hooks = await analyst.get<Page<SandboxWebhook>>('/webhooks');
          ours = hooks.data.filter((h) => h.url.startsWith(n8n.url));
          return ours.length > 0;
        },
        30_000,
        500,
      );
      expect(ours.length === 1, `${ours.length} subscriptions point at n8n`);
      const events = [...ours[0]!.events].sort().join(',');
      expect(events === 'case.comment_added,case.updated', `subscribed to ${events}`);
      return `${ours[0]!.id} → ${ours[0]!.url.replace(n8n.url, '')}`;
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
            const event = firstItem(execution.data?.resultData.runData, 'Event Seen');
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
}

async function approvalChecks(
  ctx: E2eContext,
  api: N8nApi,
  analyst: SandboxApi,
  approver: SandboxApi,
): Promise<void> {
  const { checks } = ctx;
  const approval = workflowFrom(ctx, 'e2e/approval.json');
  const id = approval.workflow.id!;
  await checks.must('publishing the approval workflow', () => api.publish(id));

  // Two devices that can be isolated, whose approval needs no crown-jewel step-up, and that no
  // earlier request (the CLI part's) is already waiting to isolate.
  const pendingTargets = new Set(
    (
      await analyst.get<Page<SandboxAction>>('/actions?status=pending_approval&limit=1000')
    ).data.map((a) => a.target.device_id),
  );
  const devices = (
    await analyst.get<Page<SandboxDevice>>('/devices?status=online&limit=100')
  ).data.filter((d) => d.criticality !== 'crown_jewel' && !pendingTargets.has(d.id));
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=1')).data[0]!.id;
  expect(devices.length >= 2, `only ${devices.length} online devices to isolate`);

  for (const [index, decision] of (['approve', 'reject'] as const).entries()) {
    const device = devices[index]!;
    const since = Date.now();
    const execution = await checks.check(
      `isolating ${device.hostname}: the execution waits for a human decision`,
      async () => {
        // The webhook is live once n8n has applied the publication (a moment after the API
        // call); until then it answers 404 and starts nothing, so asking again is safe.
        let status = 0;
        await waitFor(
          "the approval workflow's webhook",
          async () => {
            const started = await fetch(`${api.url}/webhook/e2e-isolation-request`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                case_id: caseId,
                device_id: device.id,
                justification: `E2E: ${decision} the isolation of ${device.hostname}.`,
              }),
            });
            status = started.status;
            return status !== 404;
          },
          30_000,
          500,
        ).catch(() => undefined);
        expect(status >= 200 && status < 300, `the workflow's webhook answered ${status}`);
        const mine = (e: N8nExecution) => Date.parse(e.startedAt) >= since - 1000;
        const waiting = await executionOf(
          api,
          id,
          (e) => mine(e) && e.status !== 'running' && e.status !== 'new',
          'the execution to start and pause',
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
    const action = await checks.check(
      `the sandbox holds the request pending approval (requested by the analyst's automation)`,
      async () => {
        const pending = await analyst.get<Page<SandboxAction>>(
          `/actions?status=pending_approval&case_id=${caseId}&limit=100`,
        );
        const found = pending.data.find(
          (a) => a.type === 'isolate_device' && a.target.device_id === device.id,
        );
        expect(found, `no pending isolate_device for ${device.id}`);
        return found;
      },
    );
    if (!action) continue;
    const outcome = decision === 'approve' ? 'Approved' : 'Not Approved';
    await checks.check(
      `a second person (approver token) ${decision}s ${action.id}; n8n resumes on "${outcome}"`,
      async () => {
        if (decision === 'approve') {
          await approver.post(`/actions/${action.id}/approve`, {
            approver: 'Jane Approver',
            comment: 'Four eyes: confirmed from the end-to-end run.',
          });
        } else {
          await approver.post(`/actions/${action.id}/reject`, {
            approver: 'Jane Approver',
            reason: 'Not enough evidence yet (end-to-end run).',
          });
        }
        const done = await executionOf(
          api,
          id,
          (e) => e.id === execution.id && e.status !== 'waiting' && e.status !== 'running',
          `execution ${execution.id} to resume and finish`,
        );
        expect(done.status === 'success', `execution ${done.id} ended ${done.status}`);
        const path = decision === 'approve' ? 'Approved Path' : 'Not Approved Path';
        const other = decision === 'approve' ? 'Not Approved Path' : 'Approved Path';
        expect(ran(done, path), `"${path}" did not run`);
        expect(!ran(done, other), `"${other}" ran too`);
        const item = firstItem(done.data?.resultData.runData, path);
        expect(item?.action_id === action.id, `"${path}" got ${JSON.stringify(item)}`);
        return `execution ${done.id}: ${path}, action ${String(item?.action_status)}`;
      },
    );
  }
}

async function unpublishChecks(
  ctx: E2eContext,
  api: N8nApi,
  analyst: SandboxApi,
  n8n: RunningN8n,
): Promise<void> {
  const id = workflowFrom(ctx, 'e2e/trigger.json').workflow.id!;
  await ctx.checks.check(
    'unpublishing the trigger workflow deletes its subscription (GET /webhooks)',
    async () => {
      await api.unpublish(id);
      let left: SandboxWebhook[] = [];
      let total = 0;
      await waitFor(
        'the subscription to be deleted',
        async () => {
          const hooks = await analyst.get<Page<SandboxWebhook>>('/webhooks');
          total = hooks.data.length;
          left = hooks.data.filter((h) => h.url.startsWith(n8n.url));
          return left.length === 0;
        },
        30_000,
        500,
      ).catch(() => {
        throw new Error(`still subscribed: ${left.map((h) => `${h.id} ${h.url}`).join(', ')}`);
      });
      return `${total} subscriptions left, none for n8n`;
    },
  );
}
