import {
  isRunning,
  summarizeDecision,
  type Action,
  type Decision,
  type SenseOnClient,
} from '@senseon/client';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { NodeOperation } from '../actions/operations';
import { withoutSecrets } from './decision';

/**
 * "Wait for the Result" of Run Script (node version 4): a script's point is what it answers on
 * each device (exit code, output), which comes some seconds after the approval. With it on, the
 * Approved item carries those results, or, when the limit comes first, the action as it stands
 * (still running) and says so: never a result the devices did not give.
 */

/** The catalog field that bounds the wait, in seconds (under Options). */
const LIMIT_FIELD = 'result_timeout_seconds';
/** The default of that field, for a node whose Options leave it out. */
const DEFAULT_LIMIT_SECONDS = 30;
/** The longest the resume webhook keeps polling, whatever the field says. */
export const MAX_RESULT_WAIT_MS = 15 * 60_000;
/** Time between polls of the action. */
const POLL_INTERVAL_MS = 1_000;
/** A wait that could end past Limit Wait Time stops this long before it. */
const LIMIT_MARGIN_MS = 5_000;

/** Operations that answer with a result worth waiting for: the ones with that field. */
export function waitsForResult(op: NodeOperation): boolean {
  return op.spec.fields.some((field) => field.name === LIMIT_FIELD);
}

export function waitForResultProperty(show: {
  resource: string[];
  operation: string[];
}): INodeProperties {
  return {
    displayName: 'Wait for the Result',
    name: 'waitForResult',
    type: 'boolean',
    default: true,
    description:
      "Whether to wait for each device's exit code and output before continuing: at once when the run needs no approval, after the approval when it does. The wait lasts up to Wait for the Result Up To (Options, default 30 seconds, at most 15 minutes); if the result is not in by then, the action continues as it stands (still running), never as a success.",
    // An agent's run always waits for a human, which its tool call cannot do.
    displayOptions: { show: { ...show, '@tool': [false] } },
  };
}

/**
 * How long to wait for the result, in ms (0: not at all), from Wait for the Result and its
 * limit as `readInput` read it. The input's limit is set to match, since the operation itself
 * waits when no approval is needed.
 */
export function resultWaitMs(
  context: IExecuteFunctions,
  op: NodeOperation,
  input: Record<string, unknown>,
): number {
  if (!waitsForResult(op)) return 0;
  if (context.getNodeParameter('waitForResult', 0, true) !== true) {
    input[LIMIT_FIELD] = 0;
    return 0;
  }
  const seconds = typeof input[LIMIT_FIELD] === 'number' ? input[LIMIT_FIELD] : undefined;
  const limitSeconds = seconds ?? DEFAULT_LIMIT_SECONDS;
  input[LIMIT_FIELD] = limitSeconds;
  return Math.min(MAX_RESULT_WAIT_MS, Math.max(0, limitSeconds * 1000));
}

/**
 * How long the resume webhook may poll: the wait asked for, ending before Limit Wait Time's
 * deadline if there is one (n8n's timer must not resume the execution while the webhook does).
 */
export function resultPollBudgetMs(wanted: number, now: number, waitLimitAt?: number): number {
  const beforeLimit = waitLimitAt === undefined ? wanted : waitLimitAt - LIMIT_MARGIN_MS - now;
  return Math.max(0, Math.min(wanted, beforeLimit, MAX_RESULT_WAIT_MS));
}

/** Polls an approved action until each device has answered or the budget is spent. */
export async function actionWithResult(
  client: SenseOnClient,
  action: Action,
  budgetMs: number,
): Promise<Action> {
  return await client.actions.waitForResult(action, {
    timeoutMs: budgetMs,
    pollIntervalMs: POLL_INTERVAL_MS,
  });
}

/** The Approved item after waiting for the result; says so when it was not in by the limit. */
export function resultItem(action: Action, decision: Decision, budgetMs: number): IDataObject {
  const late = isRunning(action)
    ? ` Its result was not in within the ${Math.round(budgetMs / 1000)} s wait; get it later with Response Action → Get and ID ${action.id}.`
    : '';
  return {
    ...withoutSecrets(action as unknown as Record<string, unknown>),
    decision,
    summary: `${summarizeDecision(action, decision)}${late}`,
  };
}
