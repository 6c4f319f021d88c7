import type { CatalogVersion } from '@senseon/client';
import type { INodeProperties } from 'n8n-workflow';
import {
  nodeOperations,
  RESOURCES,
  approvalNote,
  offeredToAgents,
  operationAction,
  operationName,
  toolAction,
  type NodeOperation,
} from './operations';
import {
  canWaitForDecision,
  hasReturnAll,
  returnAllProperty,
  waitProperties,
} from './platform-properties';
import { collectionOf, isCollected, type OptionalFields } from './collections';
import { n8nDescription } from './n8n-copy';
import { waitLimitProperties } from '../approval/wait-limit';
import { waitForResultProperty, waitsForResult } from '../approval/result-wait';
import { renderField } from './render-field';
import { hasSimplify, simplifyProperty } from './simplify';

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

/**
 * Where the node is rendered: the workflow canvas, or an AI agent's tool (n8n's `<name>Tool`
 * variant, whose properties are `usableAsTool.replacements.properties`).
 */
export type Surface = 'node' | 'tool';

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
function operationProperties(
  op: NodeOperation,
  version: CatalogVersion,
  surface: Surface,
): INodeProperties[] {
  const show = { resource: [op.resource], operation: [op.operation] };
  const returnAll = hasReturnAll(op);
  const properties: INodeProperties[] = [];
  // By collection name, in the order the fields first need one (a list's Filters, then Options).
  const collected = new Map<OptionalFields['name'], [OptionalFields, INodeProperties[]]>();
  for (const field of op.spec.fields) {
    if (isCollected(field, version)) {
      const collection = collectionOf(op, field);
      const entry = collected.get(collection.name) ?? [collection, []];
      entry[1].push(renderField(field, undefined));
      collected.set(collection.name, entry);
      continue;
    }
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
  // An agent's call cannot pause its execution for a human: the tool never offers the wait.
  if (canWaitForDecision(op) && surface === 'node') {
    properties.push(...waitProperties(show));
    if (version >= 4) properties.push(...waitLimitProperties(show));
  }
  if (waitsForResult(op) && surface === 'node' && version >= 4) {
    properties.push(waitForResultProperty(show));
  }
  // On by default, for an agent too: it reads fewer tokens and the fields that matter.
  if (hasSimplify(op, version)) properties.push(simplifyProperty(show));
  for (const [collection, options] of collected.values()) {
    properties.push(collectionProperty(collection, options, show));
  }
  properties.push(toolDescriptionProperty(op, show));
  return properties;
}

/** A collection of optional fields, sorted by label as n8n lists a collection's options. */
function collectionProperty(
  { name, displayName, placeholder }: OptionalFields,
  options: INodeProperties[],
  show: { resource: string[]; operation: string[] },
): INodeProperties {
  return {
    displayName,
    name,
    type: 'collection',
    placeholder,
    default: {},
    displayOptions: { show },
    options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
  };
}

/**
 * What the AI agent reads about this operation, shown only in the tool (`@tool`). n8n adds a
 * generic "Description" (its automatic text is the action plus " in SenseOn") unless the node
 * has a `toolDescription` of its own; at execution it reads this parameter, so the agent gets
 * the operation's description and, for a response action, that a human must approve it.
 */
function toolDescriptionProperty(
  op: NodeOperation,
  show: { resource: string[]; operation: string[] },
): INodeProperties {
  return {
    displayName: 'Tool Description',
    name: 'toolDescription',
    type: 'string',
    default: toolAction(op),
    typeOptions: { rows: 3 },
    description:
      'What the AI agent reads about this tool; edit it to tell the agent when to call it',
    displayOptions: { show: { ...show, '@tool': [true] } },
  };
}

/**
 * Every property of one version of the `SenseOn` node, rendered from that catalog version. As an
 * AI agent's tool it offers no approve or reject (a decision is a person's) and no wait.
 */
export function senseOnProperties(
  version: CatalogVersion,
  surface: Surface = 'node',
): INodeProperties[] {
  const operations = nodeOperations(version).filter(
    (op) => surface === 'node' || offeredToAgents(op),
  );
  const properties: INodeProperties[] = [resourceProperty()];
  for (const { value } of RESOURCES) {
    const ofResource = operations.filter((op) => op.resource === value);
    if (ofResource.length > 0) properties.push(operationProperty(value, ofResource));
  }
  for (const op of operations) properties.push(...operationProperties(op, version, surface));
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
