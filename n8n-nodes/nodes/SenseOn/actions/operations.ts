import {
  CATALOG_VERSIONS,
  CONTAINMENT_ACTIONS,
  inputFieldsFor,
  LATEST_CATALOG_VERSION,
  type CatalogVersion,
  type OperationSpec,
} from '@senseon/client';

/** The resources of the `SenseOn` node, in the order the UI lists them. */
export const RESOURCES = [
  { value: 'case', name: 'Case', nouns: ['Cases', 'Case'] },
  { value: 'device', name: 'Device', nouns: ['Devices', 'Device'] },
  { value: 'hunt', name: 'Hunt', nouns: ['Hunts', 'Hunt'] },
  { value: 'ioc', name: 'IOC', nouns: ['IOC'] },
  { value: 'observation', name: 'Observation', nouns: ['Observations', 'Observation'] },
  {
    value: 'responseAction',
    name: 'Response Action',
    nouns: ['Response Actions', 'Response Action'],
  },
  { value: 'script', name: 'Script', nouns: ['Scripts', 'Script'] },
  { value: 'telemetry', name: 'Telemetry', nouns: ['Telemetry Events', 'Telemetry'] },
] as const;

export type ResourceValue = (typeof RESOURCES)[number]['value'];

/** A catalog operation that the n8n node offers, with where it sits in the node. */
export interface NodeOperation {
  spec: OperationSpec;
  resource: ResourceValue;
  operation: string;
}

function isPlaced(
  spec: OperationSpec,
): spec is OperationSpec & { n8n: { resource: string; operation: string } } {
  return 'resource' in spec.n8n;
}

/**
 * Every operation of one catalog version placed in n8n: node version N renders catalog version
 * N. An unknown resource is a catalog error, caught here.
 */
export function nodeOperations(version: CatalogVersion): readonly NodeOperation[] {
  const specs: readonly OperationSpec[] = CATALOG_VERSIONS[version];
  return specs.filter(isPlaced).map((spec) => {
    const resource = RESOURCES.find((r) => r.value === spec.n8n.resource);
    if (!resource) {
      throw new Error(`Operation ${spec.key} names an unknown n8n resource "${spec.n8n.resource}"`);
    }
    return { spec, resource: resource.value, operation: spec.n8n.operation };
  });
}

/** The operations of the newest node version. */
export const NODE_OPERATIONS: readonly NodeOperation[] = nodeOperations(LATEST_CATALOG_VERSION);

export function findNodeOperation(
  resource: string,
  operation: string,
  version: CatalogVersion = LATEST_CATALOG_VERSION,
): NodeOperation {
  const found = nodeOperations(version).find(
    (o) => o.resource === resource && o.operation === operation,
  );
  if (!found) throw new Error(`SenseOn has no operation "${operation}" on "${resource}"`);
  return found;
}

/**
 * The short name n8n shows in the operation list: the catalog label without the resource noun
 * ("Isolate Device" under Device is "Isolate", "Get Device's Observations" is "Get
 * Observations"). List operations are "Get Many" in every n8n node.
 */
export function operationName(op: NodeOperation): string {
  if (op.operation === 'getMany') return 'Get Many';
  const resource = RESOURCES.find((r) => r.value === op.resource)!;
  let name: string = op.spec.label;
  for (const noun of resource.nouns) name = name.replace(new RegExp(`\\b${noun}('s)?\\b`), '');
  return name.replace(/\s+/g, ' ').trim() || op.spec.label;
}

/**
 * The sentence n8n uses as the node's default name, in sentence case as n8n's rules want:
 * "Isolate device", "Get observations of a device" (n8n's rule has no room for a possessive).
 */
export function operationAction(op: NodeOperation): string {
  const label = op.spec.label.replace(/(\w+)'s (\w+)/, '$2 of a $1');
  return (
    label.charAt(0) +
    label.slice(1).replace(/\b([A-Z])([a-z])/g, (_m, a: string, b: string) => a.toLowerCase() + b)
  );
}

/**
 * Approval-gated actions say so next to the operation, because a user (and an agent) must not
 * expect the action to have run. Containment always waits; a generic request waits when the
 * policy says (and always when an agent asks).
 */
export function approvalNote(op: NodeOperation): string | undefined {
  if (!op.spec.approvalGated) return undefined;
  const type = op.spec.actionType;
  const alwaysWaits = type !== undefined && CONTAINMENT_ACTIONS.includes(type);
  return alwaysWaits ? 'Needs a human approval.' : 'May need a human approval.';
}

/**
 * Names a failing field by the label the user sees in this operation: "IOC Value" for the API's
 * `target.ioc.value`. Which inputs fill an API path is the core's one table (`inputFieldsFor`),
 * the same Zapier reads. A path that is no field of the operation has no other name, so stays.
 */
export function fieldNamer(op: NodeOperation): (path: string) => string {
  const labels = new Map(op.spec.fields.map((field) => [field.name, field.label]));
  return (path) => {
    for (const name of inputFieldsFor(path)) {
      const label = labels.get(name);
      if (label) return label;
    }
    return path || 'input';
  };
}

/**
 * What an AI agent reads about one operation of the tool: the operation's own description, and
 * for one that requests a response action, that the request waits for a human.
 */
export function toolAction(op: NodeOperation): string {
  const description = op.spec.description.trim().replace(/\.$/, '');
  if (!op.spec.requestsAction) return description;
  return `${description}. An AI agent's request always waits for a human approval in SenseOn before anything runs; check its status later with Get Response Action`;
}

/** Operations an AI agent may call: every one but deciding an approval, which is a person's. */
export function offeredToAgents(op: NodeOperation): boolean {
  return op.spec.decidesApproval !== true;
}
