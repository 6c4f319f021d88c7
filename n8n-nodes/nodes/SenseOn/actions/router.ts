import {
  Action,
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
import {
  APPROVED_OUTPUT,
  decidedItem,
  decisionOf,
  isApproved,
  NOT_APPROVED_OUTPUT,
  withoutSecrets,
} from '../approval/decision';
import { rememberPendingDecision } from '../approval/pending-decision';
import { resultWaitMs } from '../approval/result-wait';
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
 * Requests the action with this execution's resume URL as its callback, then puts the
 * execution to wait; `receiveDecision` resumes it once SenseOn's API confirms the decision. The
 * approval request's own expiry (default 1 hour) ends the wait: SenseOn then sends
 * `action.expired`, which leaves on Not Approved, and an expired action never runs. With Limit
 * Wait Time (node version 4) the wait has an n8n deadline too; n8n would resume it through the
 * first output, Approved, so `leaveOnNotApprovedAtLimit` makes it leave on Not Approved. Every
 * failure goes through `failWaiting`.
 */
async function requestAndWait(
  context: IExecuteFunctions,
  op: NodeOperation,
  items: INodeExecutionData[],
  version: CatalogVersion,
): Promise<INodeExecutionData[][]> {
  if (items.length > 1) {
    // Nothing is requested for any of them: which item the one decision would be for is unknown.
    const refusal = new NodeOperationError(
      context.getNode(),
      `"Wait for the Decision" handles one item at a time, and ${items.length} arrived`,
      {
        description:
          'An execution can wait for one decision. Put a Loop Over Items node (batch size 1) before this node, or turn the wait off.',
      },
    );
    return failWaiting(
      context,
      op,
      refusal,
      items.map((_, index) => index),
    );
  }
  const outputs: INodeExecutionData[][] = [[], []];
  const itemIndex = 0;
  try {
    const now = Date.now();
    const limit = version >= 4 ? waitLimit(context, now) : undefined;
    const client = await clientFor(context);
    const callbackUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex));
    const input = readInput(context, op, itemIndex, version);
    const resultWait = version >= 4 ? resultWaitMs(context, op, input) : 0;
    // The request closes by the time the wait's limit ends the wait, whatever expiry was asked.
    if (limit) {
      const asked = typeof input.expires_in === 'number' ? input.expires_in : undefined;
      input.expires_in = expiresInFor(limit, now, asked);
    }
    const result = await runOperation(op.spec, client, input, {
      origin: 'automation',
      callbackUrl,
    });
    const action = Action.parse(result);
    const decision = decisionOf(action);
    if (decision !== null) {
      // Nothing to wait for: no approval needed, or already decided.
      const output = isApproved(decision) ? APPROVED_OUTPUT : NOT_APPROVED_OUTPUT;
      outputs[output]!.push({
        json: decidedItem(action, decision),
        pairedItem: { item: itemIndex },
      });
      return outputs;
    }
    // The action's callback secret is not kept: see receiveDecision for why none is needed.
    rememberPendingDecision(context, {
      actionId: action.id,
      itemIndex,
      resultWaitMs: resultWait,
      waitLimitAt: limit?.getTime(),
    });
    if (limit) leaveOnNotApprovedAtLimit(context, action, limit, itemIndex);
    await context.putExecutionToWait(limit ?? WAIT_INDEFINITELY);
    return outputs;
  } catch (error) {
    // A failed request is never an approval.
    return failWaiting(context, op, error, [itemIndex]);
  }
}
