import type { IContextObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the node must still know when the decision arrives: which action it waits for, the
 * input item it belongs to, and for Run Script how long to wait for the result after it.
 *
 * It lives in the node's execution context: n8n saves that with the waiting execution (unlike
 * workflow static data, which a waiting execution keeps only as it was when the run started).
 * Whoever may view the workflow's executions reads that context (the editor, n8n's public API),
 * so it holds nothing secret: not the action's callback secret, which SenseOn shows once in the
 * answer to the request. The resume webhook needs none: it asks SenseOn for the decision.
 */
export interface PendingDecision {
  actionId: string;
  itemIndex: number;
  /** Run Script's Wait for the Result: how long to poll for the result after an approval. */
  resultWaitMs?: number;
  /** Limit Wait Time's deadline (epoch ms): the result wait ends before n8n's timer fires. */
  waitLimitAt?: number;
}

const CONTEXT_KEY = 'senseonPendingDecision';

export function rememberPendingDecision(context: IExecuteFunctions, pending: PendingDecision) {
  // Built field by field, so nothing else the caller holds can ever be saved with it.
  const saved: PendingDecision = { actionId: pending.actionId, itemIndex: pending.itemIndex };
  if (pending.resultWaitMs) saved.resultWaitMs = pending.resultWaitMs;
  if (pending.waitLimitAt !== undefined) saved.waitLimitAt = pending.waitLimitAt;
  context.getContext('node')[CONTEXT_KEY] = saved;
}

function isPendingDecision(value: unknown): value is PendingDecision {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PendingDecision>;
  return typeof candidate.actionId === 'string' && typeof candidate.itemIndex === 'number';
}

type WebhookWithContext = IWebhookFunctions & { getContext?: (type: 'node') => IContextObject };

/**
 * Reads the pending decision back in the resume webhook. Newer n8n gives webhook contexts
 * `getContext`; before that the same node context is reachable through n8n's expression
 * `$node["<name>"].context`, evaluated over the waiting execution's saved data. An execution
 * that started waiting under an earlier version of this node also saved a `callbackSecret`;
 * only the action id and the item are read from it.
 */
export function readPendingDecision(context: IWebhookFunctions): PendingDecision | undefined {
  const withContext = context as WebhookWithContext;
  let stored: unknown;
  if (typeof withContext.getContext === 'function') {
    stored = withContext.getContext('node')[CONTEXT_KEY];
  }
  if (!isPendingDecision(stored)) {
    const node = JSON.stringify(context.getNode().name);
    stored = context.evaluateExpression(
      `{{ $node[${node}].context[${JSON.stringify(CONTEXT_KEY)}] }}`,
    );
  }
  if (!isPendingDecision(stored)) return undefined;
  const read: PendingDecision = { actionId: stored.actionId, itemIndex: stored.itemIndex };
  if (typeof stored.resultWaitMs === 'number') read.resultWaitMs = stored.resultWaitMs;
  if (typeof stored.waitLimitAt === 'number') read.waitLimitAt = stored.waitLimitAt;
  return read;
}
