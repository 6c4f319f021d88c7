import type { INodeProperties } from 'n8n-workflow';
import type { NodeOperation } from './operations';

/**
 * Properties of the `SenseOn` node that are not catalog fields, each with why only n8n has it.
 * The parity test allows exactly these beyond the fields Zapier also renders.
 */
export const PLATFORM_ONLY_PROPERTIES = [
  {
    name: 'resource',
    reason: "n8n groups a node's operations by resource; Zapier lists each action on its own.",
  },
  {
    name: 'operation',
    reason: 'n8n picks the operation inside one node; Zapier lists each action on its own.',
  },
  {
    name: 'returnAll',
    reason:
      'n8n lists follow every cursor page into items; a Zapier search returns one short result list.',
  },
  {
    name: 'simplify',
    reason:
      "n8n's Simplify (node version 3): wide records come out as their main fields; a Zap step's output is a Zapier-side mapping choice.",
  },
  {
    name: 'updateFields',
    reason:
      "n8n's UX guidelines put an update's optional fields in one collection (node version 4); Zapier lists them after the required ones.",
  },
  {
    name: 'filters',
    reason:
      "n8n's UX guidelines put a list's optional filters in one collection (node version 4); Zapier lists them after the required ones.",
  },
  {
    name: 'options',
    reason:
      "n8n's UX guidelines put any other operation's optional fields in one collection (node version 4); Zapier lists them after the required ones.",
  },
  {
    name: 'toolDescription',
    reason:
      "What an AI agent reads about an n8n tool; n8n's own parameter name. Zapier has no agent tools.",
  },
  {
    name: 'waitForDecision',
    reason:
      'Pausing an n8n execution on $execution.resumeUrl until the signed decision arrives is a ' +
      'per-node choice in n8n; Zapier waits through its own callback mechanism.',
  },
  {
    name: 'waitForResult',
    reason:
      "Run Script's wait for each device's result after the approval (node version 4), done in n8n's resume webhook; Zapier has no Run Script.",
  },
  ...['limitWaitTime', 'limitType', 'resumeAmount', 'resumeUnit', 'maxDateAndTime'].map(
    (name) =>
      ({
        name,
        reason:
          "Limit Wait Time of n8n's wait for the decision (node version 4), as n8n's Send and Wait has it; a Zapier step's wait ends with the approval request's expiry.",
      }) as const,
  ),
] as const;

export type PlatformOnlyProperty = (typeof PLATFORM_ONLY_PROPERTIES)[number]['name'];

/** Operations that list records: they can follow every page. */
export function hasReturnAll(op: NodeOperation): boolean {
  return op.spec.fields.some((field) => field.name === 'limit');
}

/** Operations that can wait for a human decision. */
export function canWaitForDecision(op: NodeOperation): boolean {
  return op.spec.approvalGated === true;
}

export function returnAllProperty(show: { resource: string[]; operation: string[] }) {
  return {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    default: false,
    description: 'Whether to return all results or only up to a given limit',
    displayOptions: { show },
  } satisfies INodeProperties;
}

export function waitProperties(show: { resource: string[]; operation: string[] }) {
  return [
    {
      displayName: 'Wait for the Decision',
      name: 'waitForDecision',
      type: 'boolean',
      default: false,
      description:
        'Whether to pause this execution until a human decides, then continue on Approved or Not Approved (rejected or expired). Each input item gets its own request, and the execution continues once every one is decided, each item on its own output (at most 50 items a run). The wait ends at the latest when the approval request expires (Approval Expires After, default 1 hour). Actions that need no approval continue at once.',
      // An AI agent's tool call cannot pause for a human, so the tool never shows the wait.
      displayOptions: { show: { ...show, '@tool': [false] } },
    },
  ] satisfies INodeProperties[];
}
