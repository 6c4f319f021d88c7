import type {
  IContextObject,
  IDataObject,
  IExecuteFunctions,
  IWebhookFunctions,
} from 'n8n-workflow';

/**
 * What the node must still know when a decision arrives: which action each input item asked
 * for, the items whose request failed (under "Continue"), which leave on Not Approved with
 * the rest when the execution resumes, and for Run Script how long to wait for the results.
 *
 * It lives in the node's execution context: n8n saves that with the waiting execution (unlike
 * workflow static data, which a waiting execution keeps only as it was when the run started).
 * It is written once, by `execute()`, before the execution is put to wait, and only read after:
 * the resume webhook writes nothing (n8n does not save what a webhook changes in a waiting
 * execution unless it resumes it, and in queue mode the callbacks of one execution reach
 * different processes). Whoever may view the workflow's executions reads that context (the
 * editor, n8n's public API), so it holds nothing secret: not the actions' callback secrets,
 * which SenseOn shows once in the answer to each request. The resume webhook needs none: it
 * asks SenseOn for the decisions.
 */
export interface PendingDecision {
  actionId: string;
  itemIndex: number;
}

/** An input item whose request failed, kept as the error item it leaves as. */
export interface FailedRequest {
  itemIndex: number;
  error: IDataObject;
}

export interface PendingDecisions {
  /** One per input item that got an action, in item order. */
  requests: PendingDecision[];
  failures: FailedRequest[];
  /** Run Script's Wait for the Result: how long to poll for the results after the approvals. */
  resultWaitMs?: number;
  /** Limit Wait Time's deadline (epoch ms): the result wait ends before n8n's timer fires. */
  waitLimitAt?: number;
}

const CONTEXT_KEY = 'senseonPendingDecisions';
/** Where a node of this package before several items could wait kept its one pending decision. */
const SINGLE_CONTEXT_KEY = 'senseonPendingDecision';

export function rememberPendingDecisions(context: IExecuteFunctions, pending: PendingDecisions) {
  // Built field by field, so nothing else the caller holds can ever be saved with it.
  const saved: PendingDecisions = {
    requests: pending.requests.map(({ actionId, itemIndex }) => ({ actionId, itemIndex })),
    failures: pending.failures.map(({ itemIndex, error }) => ({ itemIndex, error })),
  };
  if (pending.resultWaitMs) saved.resultWaitMs = pending.resultWaitMs;
  if (pending.waitLimitAt !== undefined) saved.waitLimitAt = pending.waitLimitAt;
  context.getContext('node')[CONTEXT_KEY] = saved;
}

function isPendingDecision(value: unknown): value is PendingDecision {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PendingDecision>;
  return typeof candidate.actionId === 'string' && typeof candidate.itemIndex === 'number';
}

function isFailedRequest(value: unknown): value is FailedRequest {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<FailedRequest>;
  return (
    typeof candidate.itemIndex === 'number' &&
    !!candidate.error &&
    typeof candidate.error === 'object'
  );
}

function asPendingDecisions(value: unknown): PendingDecisions | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { requests, failures, resultWaitMs, waitLimitAt } = value as Record<string, unknown>;
  if (!Array.isArray(requests) || requests.length === 0) return undefined;
  if (!requests.every(isPendingDecision)) return undefined;
  const failed = Array.isArray(failures) ? failures : [];
  if (!failed.every(isFailedRequest)) return undefined;
  const read: PendingDecisions = {
    requests: requests.map(({ actionId, itemIndex }) => ({ actionId, itemIndex })),
    failures: failed.map(({ itemIndex, error }) => ({ itemIndex, error })),
  };
  if (typeof resultWaitMs === 'number') read.resultWaitMs = resultWaitMs;
  if (typeof waitLimitAt === 'number') read.waitLimitAt = waitLimitAt;
  return read;
}

type WebhookWithContext = IWebhookFunctions & { getContext?: (type: 'node') => IContextObject };

/** One key of the waiting node's saved context, however this n8n reaches it from a webhook. */
function savedContextValue(context: IWebhookFunctions, key: string): unknown {
  const withContext = context as WebhookWithContext;
  if (typeof withContext.getContext === 'function') {
    const value = withContext.getContext('node')[key];
    if (value !== undefined) return value;
  }
  const node = JSON.stringify(context.getNode().name);
  return context.evaluateExpression(`{{ $node[${node}].context[${JSON.stringify(key)}] }}`);
}

/**
 * Reads the pending decisions back in the resume webhook. Newer n8n gives webhook contexts
 * `getContext`; before that the same node context is reachable through n8n's expression
 * `$node["<name>"].context`, evaluated over the waiting execution's saved data. An execution
 * that started waiting under an earlier version of this node saved one pending decision (and,
 * earlier still, a `callbackSecret` beside it): it is read as a list of one, and only its action
 * id and item are read.
 */
export function readPendingDecisions(context: IWebhookFunctions): PendingDecisions | undefined {
  const several = asPendingDecisions(savedContextValue(context, CONTEXT_KEY));
  if (several) return several;
  const single = savedContextValue(context, SINGLE_CONTEXT_KEY);
  return isPendingDecision(single)
    ? { requests: [{ actionId: single.actionId, itemIndex: single.itemIndex }], failures: [] }
    : undefined;
}
