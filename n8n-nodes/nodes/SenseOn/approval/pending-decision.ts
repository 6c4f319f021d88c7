import type { IContextObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the node must still know when the decision arrives: which action it waits for, the
 * secret that signs that action's callbacks (SenseOn shows it once, in the answer to the
 * request), and the input item it belongs to.
 *
 * It lives in the node's execution context: n8n saves that with the waiting execution (unlike
 * workflow static data, which a waiting execution keeps only as it was when the run started).
 */
export interface PendingDecision {
  actionId: string;
  callbackSecret: string;
  itemIndex: number;
}

const CONTEXT_KEY = 'senseonPendingDecision';

export function rememberPendingDecision(context: IExecuteFunctions, pending: PendingDecision) {
  context.getContext('node')[CONTEXT_KEY] = pending;
}

function isPendingDecision(value: unknown): value is PendingDecision {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PendingDecision>;
  return (
    typeof candidate.actionId === 'string' &&
    typeof candidate.callbackSecret === 'string' &&
    typeof candidate.itemIndex === 'number'
  );
}

type WebhookWithContext = IWebhookFunctions & { getContext?: (type: 'node') => IContextObject };

/**
 * Reads the pending decision back in the resume webhook. Newer n8n gives webhook contexts
 * `getContext`; before that the same node context is reachable through n8n's expression
 * `$node["<name>"].context`, evaluated over the waiting execution's saved data.
 */
export function readPendingDecision(context: IWebhookFunctions): PendingDecision | undefined {
  const withContext = context as WebhookWithContext;
  if (typeof withContext.getContext === 'function') {
    const stored = withContext.getContext('node')[CONTEXT_KEY];
    if (isPendingDecision(stored)) return stored;
  }
  const node = JSON.stringify(context.getNode().name);
  const stored = context.evaluateExpression(
    `{{ $node[${node}].context[${JSON.stringify(CONTEXT_KEY)}] }}`,
  );
  return isPendingDecision(stored) ? stored : undefined;
}
