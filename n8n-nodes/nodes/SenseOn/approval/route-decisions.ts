import type { Action, Decision } from '@senseon/client';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { confirmedOutput, decidedItem, NOT_APPROVED_OUTPUT } from './decision';
import type { FailedRequest } from './pending-decision';

/** An input item's action as SenseOn's API last answered it. */
export interface ItemAction {
  action: Action;
  itemIndex: number;
}

/**
 * The outputs of a waiting node once every item's action is decided: each item by its own
 * decision, Approved only for an action a person approved (or that needed no approval), every
 * other decision (rejected, expired, cancelled, failed) and every failed request on Not
 * Approved, in item order on each output. Null while any action is still pending: the node then
 * leaves nothing, since n8n resumes an execution once. `itemOf` builds a decided item's JSON
 * (Run Script's result wait adds what it saw of the result).
 */
export function routeDecisions(
  decided: ItemAction[],
  failures: FailedRequest[],
  itemOf: (action: Action, decision: Decision) => IDataObject = decidedItem,
): INodeExecutionData[][] | null {
  const outputs: { item: INodeExecutionData; itemIndex: number }[][] = [[], []];
  for (const { action, itemIndex } of decided) {
    const confirmed = confirmedOutput(action);
    if (confirmed === null) return null;
    outputs[confirmed.output]!.push({
      item: { json: itemOf(action, confirmed.decision), pairedItem: { item: itemIndex } },
      itemIndex,
    });
  }
  for (const { itemIndex, error } of failures) {
    outputs[NOT_APPROVED_OUTPUT]!.push({
      item: { json: error, pairedItem: { item: itemIndex } },
      itemIndex,
    });
  }
  return outputs.map((output) =>
    output.sort((a, b) => a.itemIndex - b.itemIndex).map(({ item }) => item),
  );
}
