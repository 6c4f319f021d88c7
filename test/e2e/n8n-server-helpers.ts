import type { N8nApi, N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { waitFor } from '../../scripts/n8n/lib/processes';
import type { ImportedWorkflow } from './context';
import type { Json } from './n8n-run-data';
import { expect } from './report';
import type { Page, SandboxApi, SandboxWebhook } from './sandbox-api';

export function workflowFrom(imported: ImportedWorkflow[], source: string): ImportedWorkflow {
  const found = imported.find((w) => w.source === source);
  if (!found) throw new Error(`${source} was not imported`);
  return found;
}

/** Waits for an execution of `workflowId` that `accept` likes; returns it with its data. */
export async function executionOf(
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

/** An execution that is no longer running (finished, failed, or waiting). */
export function settled(e: N8nExecution): boolean {
  return e.status !== 'running' && e.status !== 'new';
}

/** A settled execution whose `node` received a webhook body with `field` equal to `value`. */
export function startedWith(
  node: string,
  field: string,
  value: string,
): (e: N8nExecution) => boolean {
  return (e) => {
    const body = firstItem(e, node)?.body as Record<string, unknown> | undefined;
    return settled(e) && body?.[field] === value;
  };
}

export function ran(execution: N8nExecution, node: string): boolean {
  return (execution.data?.resultData.runData[node]?.length ?? 0) > 0;
}

/** The first item a node put on its first output (its last run), if any. */
export function firstItem(execution: N8nExecution, node: string, output = 0): Json | undefined {
  const runs = execution.data?.resultData.runData[node];
  return runs?.[runs.length - 1]?.data?.main[output]?.[0]?.json;
}

export function expectSucceeded(execution: N8nExecution): void {
  const error = execution.data?.resultData.error?.message;
  expect(
    execution.status === 'success',
    `execution ${execution.id} ended ${execution.status}: ${error}`,
  );
}

/**
 * POSTs to a production webhook of a published workflow. n8n applies a publication a moment
 * after the API call; until then the webhook answers 404 and starts nothing, so asking again is
 * safe.
 */
export async function postToWebhook(n8nUrl: string, path: string, body: unknown): Promise<void> {
  let status = 0;
  await waitFor(
    `n8n's webhook /webhook/${path}`,
    async () => {
      const response = await fetch(`${n8nUrl}/webhook/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      status = response.status;
      return status !== 404;
    },
    30_000,
    500,
  ).catch(() => undefined);
  expect(status >= 200 && status < 300, `POST /webhook/${path} answered ${status}`);
}

/** The sandbox's subscriptions whose URL is this trigger node's n8n webhook. */
export async function subscriptionsOf(
  sandbox: SandboxApi,
  webhookId: string,
): Promise<SandboxWebhook[]> {
  const hooks = await sandbox.get<Page<SandboxWebhook>>('/webhooks?limit=1000');
  return hooks.data.filter((h) => h.url.includes(`/webhook/${webhookId}/`));
}

/** Waits until the trigger node's subscription count is `count` (after publish or unpublish). */
export async function awaitSubscriptions(
  sandbox: SandboxApi,
  webhookId: string,
  count: number,
): Promise<SandboxWebhook[]> {
  let found: SandboxWebhook[] = [];
  await waitFor(
    `${count} subscription(s) for webhook ${webhookId} (GET /webhooks)`,
    async () => {
      found = await subscriptionsOf(sandbox, webhookId);
      return found.length === count;
    },
    30_000,
    500,
  ).catch(() => {
    throw new Error(`expected ${count} subscription(s) for ${webhookId}, found ${found.length}`);
  });
  return found;
}

/** The webhookId of a workflow's first node of `type`. */
export function webhookIdOf(workflow: ImportedWorkflow, type: string): string {
  const node = workflow.workflow.nodes.find((n) => n.type === type);
  const id = node?.webhookId;
  expect(typeof id === 'string', `${workflow.source} has no ${type} with a webhookId`);
  return id;
}
