import type { CatalogVersion } from '@senseon/client';
import type { INodeProperties } from 'n8n-workflow';
import {
  nodeOperations,
  RESOURCES,
  approvalNote,
  operationAction,
  operationName,
  type NodeOperation,
} from './operations';
import {
  canWaitForDecision,
  hasReturnAll,
  returnAllProperty,
  waitProperties,
} from './platform-properties';
import { n8nDescription } from './n8n-copy';
import { renderField } from './render-field';

/** The resource selector. */
function resourceProperty(): INodeProperties {
  return {
    displayName: 'Resource',
    name: 'resource',
    type: 'options',
    noDataExpression: true,
    options: RESOURCES.map(({ name, value }) => ({ name, value })),
    default: 'case',
  };
}

/** One operation selector per resource, its options from the catalog. */
function operationProperty(resource: string, operations: NodeOperation[]): INodeProperties {
  const options = operations
    .map((op) => ({
      name: operationName(op),
      value: op.operation,
      description: n8nDescription(
        [op.spec.description, approvalNote(op)].filter(Boolean).join(' ').trim(),
      ),
      action: operationAction(op),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const firstOperation = operations[0]?.operation ?? '';
  return {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { resource: [resource] } },
    options,
    default: firstOperation,
  };
}

/** The catalog fields of one operation, then the n8n-only properties it needs. */
function operationProperties(op: NodeOperation): INodeProperties[] {
  const show = { resource: [op.resource], operation: [op.operation] };
  const returnAll = hasReturnAll(op);
  const properties: INodeProperties[] = [];
  for (const field of op.spec.fields) {
    // "Limit" only matters when not following every page, so it hides behind Return All.
    if (field.name === 'limit' && returnAll) {
      properties.push(returnAllProperty(show));
      properties.push({
        ...renderField(field, { show: { ...show, returnAll: [false] } }),
        typeOptions: { minValue: 1, maxValue: 1000 },
      });
      continue;
    }
    properties.push(renderField(field, { show }));
  }
  if (canWaitForDecision(op)) properties.push(...waitProperties(show));
  return properties;
}

/** Every property of one version of the `SenseOn` node, rendered from that catalog version. */
export function senseOnProperties(version: CatalogVersion): INodeProperties[] {
  const operations = nodeOperations(version);
  const properties: INodeProperties[] = [resourceProperty()];
  for (const { value } of RESOURCES) {
    const ofResource = operations.filter((op) => op.resource === value);
    if (ofResource.length > 0) properties.push(operationProperty(value, ofResource));
  }
  for (const op of operations) properties.push(...operationProperties(op));
  return properties;
}

/** The two outputs of an action that waits for a decision; every other operation has one. */
export const DECISION_OUTPUTS = ['Approved', 'Not Approved'] as const;

/**
 * n8n evaluates this expression to draw the node's outputs: two ("Approved", "Not Approved")
 * only while "Wait for the Decision" is on for an operation that offers it.
 */
export function outputsExpression(version: CatalogVersion): `={{${string}}}` {
  const waiting = nodeOperations(version)
    .filter(canWaitForDecision)
    .map(
      (op) =>
        `($parameter.resource === "${op.resource}" && $parameter.operation === "${op.operation}")`,
    )
    .join(' || ');
  const two = JSON.stringify(
    DECISION_OUTPUTS.map((displayName) => ({ type: 'main', displayName })),
  );
  return `={{(${waiting}) && $parameter.waitForDecision === true ? ${two} : ["main"]}}`;
}
