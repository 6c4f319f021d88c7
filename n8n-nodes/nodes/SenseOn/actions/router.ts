import {
  Action,
  readOperationInput,
  runOperation,
  type CatalogVersion,
  type OperationContext,
  type OperationOutput,
} from '@senseon/client';
import {
  NodeOperationError,
  WAIT_INDEFINITELY,
  type IExecuteFunctions,
  type INodeExecutionData,
} from 'n8n-workflow';
import { decisionOf, NOT_APPROVED_OUTPUT, withoutSecrets } from '../approval/decision';
import { rememberPendingDecisions, type FailedRequest } from '../approval/pending-decision';
import { resultWaitMs } from '../approval/result-wait';
import { routeDecisions, type ItemAction } from '../approval/route-decisions';
import { expiresInFor, leaveOnNotApprovedAtLimit, waitLimit } from '../approval/wait-limit';
import { errorItemJson, toNodeError } from '../errors/node-error';
import { senseOnClient } from '../transport/client';
import { fieldNamer, findNodeOperation, offeredToAgents, type NodeOperation } from './operations';
import { canWaitForDecision, hasReturnAll } from './platform-properties';
import { readInput } from './read-input';
import { hasSimplify, simplifyRecord } from './simplify';
import { isToolCall } from './tool-call';
import { staticDataTraceWitness } from './trace-witness';

function asItems(result: OperationOutput | OperationOutput[], itemIndex: number, simple: boolean) {
  const records = Array.isArray(result) ? result : [result];
  return records.map((record): INodeExecutionData => ({
    json: simple ? simplifyRecord(withoutSecrets(record)) : withoutSecrets(record),
    pairedItem: { item: itemIndex },
  }));
}

/** The client for the node's credential; a bad base URL is reported like any input error. */
async function clientFor(context: IExecuteFunctions) {
  try {
    return await senseOnClient(context);
  } catch (error) {
    throw toNodeError(context.getNode(), error, undefined, (path) =>
      path === 'baseUrl' ? 'Base URL (in the SenseOn credential)' : path,
    );
  }
}

/**
 * Runs the node's operation for every input item, the same way the Zapier app does, as the
 * node's version has it (a workflow saved with version 1 runs version 1's fields).
 */
export async function runNodeOperation(
  context: IExecuteFunctions,
  version: CatalogVersion,
): Promise<INodeExecutionData[][]> {
  const items = context.getInputData();
  const op = findNodeOperation(
    context.getNodeParameter('resource', 0) as string,
    context.getNodeParameter('operation', 0) as string,
    version,
  );
  const asTool = isToolCall(context);
  if (asTool && !offeredToAgents(op)) {
    // The tool does not offer deciding; a workflow saved otherwise still never decides as agent.
    throw new NodeOperationError(
      context.getNode(),
      `An AI agent cannot ${op.operation} a response action: deciding is a person's`,
      {
        description:
          'Approve or reject the action in SenseOn, or from a workflow step a person triggers, not from an AI agent tool.',
      },
    );
  }
  const waiting =
    canWaitForDecision(op) &&
    !asTool &&
    context.getNodeParameter('waitForDecision', 0, false) === true;
  if (waiting) return await requestAndWait(context, op, items, version);

  const client = await clientFor(context);
  const output: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      const ctx: OperationContext = {
        // An AI agent's requests always wait for a human (SenseOn's Guardrails policy).
        origin: asTool ? 'agent' : 'automation',
        returnAll:
          hasReturnAll(op) && context.getNodeParameter('returnAll', itemIndex, false) === true,
        traceWitness: staticDataTraceWitness(context),
      };
      const input = readInput(context, op, itemIndex, version);
      // Run Script waits for its result within the operation; Wait for the Result off: not.
      if (version >= 4) resultWaitMs(context, op, input);
      const result = await runOperation(op.spec, client, input, ctx);
      const simple =
        hasSimplify(op, version) && context.getNodeParameter('simplify', itemIndex, true) === true;
      output.push(...asItems(result, itemIndex, simple));
    } catch (error) {
      if (!context.continueOnFail()) {
        throw toNodeError(context.getNode(), error, itemIndex, fieldNamer(op));
      }
      output.push({ json: errorItemJson(error, fieldNamer(op)), pairedItem: { item: itemIndex } });
    }
  }
  return [output];
}

/**
 * What a waiting node does with a failure (a refusal, a failed request, anything thrown): with
 * the node's On Error at "Stop Workflow" it throws; otherwise each failed item leaves as an
 * error item on Not Approved. It is never left to n8n: for a node that throws under "Continue"
 * or "Continue (using error output)", n8n passes the node's input items through its first
 * output, which here is Approved. Under "Continue (using error output)" n8n then moves the
 * items that are no more than an error (json of only `error`, `message`, `details`) from Not
 * Approved to the Error output; it moves nothing onto Approved.
 */
function failWaiting(
  context: IExecuteFunctions,
  op: NodeOperation,
  error: unknown,
  itemIndexes: number[],
): INodeExecutionData[][] {
  if (!context.continueOnFail()) {
    throw toNodeError(context.getNode(), error, itemIndexes[0], fieldNamer(op));
  }
  const outputs: INodeExecutionData[][] = [[], []];
  for (const item of itemIndexes) {
    outputs[NOT_APPROVED_OUTPUT]!.push({
      json: errorItemJson(error, fieldNamer(op)),
      pairedItem: { item },
    });
  }
  return outputs;
}

/**
 * The most items one run may wait on. Each decision's callback asks SenseOn for the actions
 * still open (and the last one for all of them) within the 10 s SenseOn gives a delivery; more
 * items belong in batches (Loop Over Items), each its own execution.
 */
export const MAX_WAITING_ITEMS = 50;

/**
 * Requests one action per input item, each with this execution's resume URL as its callback and
 * its own `Idempotency-Key` (the core gives every write one and keeps it across retries, so a
 * retried request never asks twice), then puts the execution to wait once, with the list of
 * {action id, item index} saved in the node's context. `receiveDecision` resumes it when SenseOn's
 * API says every action is decided, each item on its own decision. Every item's input is read
 * before anything is requested, so a missing field stops the run with nothing requested.
 *
 * The approval request's own expiry (default 1 hour) ends the wait: SenseOn then sends
 * `action.expired`, which leaves on Not Approved, and an expired action never runs. With Limit
 * Wait Time (node version 4) the wait has an n8n deadline too; n8n would resume it through the
 * first output, Approved, so `leaveOnNotApprovedAtLimit` makes every undecided item leave on Not
 * Approved. A request that fails stops the node under "Stop Workflow" (naming the requests this
 * run already made, which stay pending in SenseOn for a person to decide or to expire); otherwise
 * its item leaves on Not Approved with the rest. Every failure goes through `failWaiting`.
 */
async function requestAndWait(
  context: IExecuteFunctions,
  op: NodeOperation,
  items: INodeExecutionData[],
  version: CatalogVersion,
): Promise<INodeExecutionData[][]> {
  const everyItem = items.map((_, index) => index);
  if (items.length > MAX_WAITING_ITEMS) {
    // Nothing is requested for any of them.
    const refusal = new NodeOperationError(
      context.getNode(),
      `"Wait for the Decision" waits on at most ${MAX_WAITING_ITEMS} items in one run, and ${items.length} arrived`,
      {
        description: `Put a Loop Over Items node (batch size ${MAX_WAITING_ITEMS} or less) before this node, or turn the wait off.`,
      },
    );
    return failWaiting(context, op, refusal, everyItem);
  }
  const now = Date.now();
  let limit: Date | undefined;
  let client: Awaited<ReturnType<typeof clientFor>>;
  let callbackUrl: string;
  try {
    limit = version >= 4 ? waitLimit(context, now) : undefined;
    client = await clientFor(context);
    callbackUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0));
  } catch (error) {
    return failWaiting(context, op, error, everyItem);
  }

  const failures: FailedRequest[] = [];
  const fail = (error: unknown, itemIndex: number, requested: ItemAction[] = []) => {
    if (!context.continueOnFail())
      throw stopWithRequestsMade(context, op, error, itemIndex, requested);
    failures.push({ itemIndex, error: errorItemJson(error, fieldNamer(op)) });
  };

  // Every item's input first: a field left empty stops the run before anything is requested.
  const inputs: { itemIndex: number; input: Record<string, unknown> }[] = [];
  let resultWait = 0;
  for (const itemIndex of everyItem) {
    try {
      const input = readInput(context, op, itemIndex, version);
      readOperationInput(op.spec.fields, input);
      // Wait for the Result is a node setting (item 0): the same for every item.
      if (version >= 4) resultWait = resultWaitMs(context, op, input);
      // The request closes by the time the wait's limit ends the wait, whatever expiry was asked.
      if (limit) {
        const asked = typeof input.expires_in === 'number' ? input.expires_in : undefined;
        input.expires_in = expiresInFor(limit, now, asked);
      }
      inputs.push({ itemIndex, input });
    } catch (error) {
      fail(error, itemIndex);
    }
  }

  const requested: ItemAction[] = [];
  for (const { itemIndex, input } of inputs) {
    try {
      const result = await runOperation(op.spec, client, input, {
        origin: 'automation',
        callbackUrl,
      });
      requested.push({ action: Action.parse(result), itemIndex });
    } catch (error) {
      // A failed request is never an approval.
      fail(error, itemIndex, requested);
    }
  }

  const pending = requested.filter(({ action }) => decisionOf(action) === null);
  const decidedNow = requested.filter(({ action }) => decisionOf(action) !== null);
  // Those known now: no approval needed or already decided, and failed requests.
  const known = routeDecisions(decidedNow, failures)!;
  if (pending.length === 0) return known;
  // The actions' callback secrets are not kept: see receiveDecision for why none is needed.
  rememberPendingDecisions(context, {
    requests: requested.map(({ action, itemIndex }) => ({ actionId: action.id, itemIndex })),
    failures,
    resultWaitMs: resultWait,
    waitLimitAt: limit?.getTime(),
  });
  if (limit) leaveOnNotApprovedAtLimit(context, limit, pending, known);
  try {
    await context.putExecutionToWait(limit ?? WAIT_INDEFINITELY);
  } catch (error) {
    return failWaiting(context, op, error, everyItem);
  }
  return [[], []];
}

/**
 * The error a waiting node stops with when one item's request fails under "Stop Workflow". The
 * requests it already made are not withdrawn (withdrawing is rejecting, which an automation's
 * token may not do), so the error names them: they stay pending in SenseOn until a person
 * decides or they expire, and nothing runs without that person.
 */
function stopWithRequestsMade(
  context: IExecuteFunctions,
  op: NodeOperation,
  error: unknown,
  itemIndex: number,
  requested: ItemAction[],
) {
  const nodeError = toNodeError(context.getNode(), error, itemIndex, fieldNamer(op));
  const open = requested.filter(({ action }) => decisionOf(action) === null);
  if (open.length > 0) {
    const list = open.map(({ action, itemIndex: item }) => `${action.id} (item ${item})`);
    const note = `This run already requested ${list.join(', ')}: pending approval in SenseOn until someone decides or the request expires.`;
    nodeError.description = [nodeError.description, note].filter(Boolean).join(' ');
  }
  return nodeError;
}
