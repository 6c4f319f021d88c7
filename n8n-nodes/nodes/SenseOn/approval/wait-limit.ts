import type { Action } from '@senseon/client';
import {
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeProperties,
} from 'n8n-workflow';
import { toRfc3339 } from '../actions/read-input';
import { NOT_APPROVED_OUTPUT, withoutSecrets } from './decision';

/**
 * "Limit Wait Time" of "Wait for the Decision" (node version 4 on), as n8n's own Send and Wait
 * has it: after a time interval or at a set time the execution stops waiting and leaves on Not
 * Approved. Hidden in AI-tool mode with the wait itself.
 */
const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** The API's bounds for an approval request's expiry (`expires_in`), in seconds. */
const MIN_EXPIRES_IN = 60;
const MAX_EXPIRES_IN = 604_800;

/** What the item that leaves at the limit says its decision was: there was none in time. */
export const WAIT_LIMIT_REACHED = 'wait_limit_reached';

export function waitLimitProperties(show: {
  resource: string[];
  operation: string[];
}): INodeProperties[] {
  const waiting = { ...show, waitForDecision: [true], '@tool': [false] };
  const limited = { ...waiting, limitWaitTime: [true] };
  return [
    {
      displayName: 'Limit Wait Time',
      name: 'limitWaitTime',
      type: 'boolean',
      default: false,
      description:
        'Whether to stop waiting at a set time and continue on Not Approved. The approval request then expires by that time too (sooner if Approval Expires After is shorter), so nobody can approve it after the workflow has moved on.',
      displayOptions: { show: waiting },
    },
    {
      displayName: 'Limit Type',
      name: 'limitType',
      type: 'options',
      default: 'afterTimeInterval',
      description: 'Whether to stop waiting after a time interval or at a given date and time',
      options: [
        {
          name: 'After Time Interval',
          value: 'afterTimeInterval',
          description: 'Waits for a certain amount of time',
        },
        {
          name: 'At Specified Time',
          value: 'atSpecifiedTime',
          description: 'Waits until the set date and time',
        },
      ],
      displayOptions: { show: limited },
    },
    {
      displayName: 'Amount',
      name: 'resumeAmount',
      type: 'number',
      default: 45,
      typeOptions: { minValue: 1, numberPrecision: 0 },
      description: 'The time to wait',
      displayOptions: { show: { ...limited, limitType: ['afterTimeInterval'] } },
    },
    {
      displayName: 'Unit',
      name: 'resumeUnit',
      type: 'options',
      default: 'minutes',
      description: 'The unit of the time to wait',
      options: [
        { name: 'Days', value: 'days' },
        { name: 'Hours', value: 'hours' },
        { name: 'Minutes', value: 'minutes' },
      ],
      displayOptions: { show: { ...limited, limitType: ['afterTimeInterval'] } },
    },
    {
      displayName: 'Max Date and Time',
      name: 'maxDateAndTime',
      type: 'dateTime',
      default: '',
      description: 'Continue on Not Approved at this date and time if nobody has decided',
      displayOptions: { show: { ...limited, limitType: ['atSpecifiedTime'] } },
    },
  ];
}

/** When the wait ends at the latest; undefined when it is not limited (or the node is older). */
export function waitLimit(context: IExecuteFunctions, now: number): Date | undefined {
  if (context.getNodeParameter('limitWaitTime', 0, false) !== true) return undefined;
  if (context.getNodeParameter('limitType', 0, 'afterTimeInterval') === 'atSpecifiedTime') {
    const raw = String(context.getNodeParameter('maxDateAndTime', 0, '') ?? '');
    const at = new Date(toRfc3339(raw, context.getTimezone()));
    if (raw.trim() === '' || Number.isNaN(at.getTime())) {
      throw new NodeOperationError(context.getNode(), 'Max Date and Time is empty or no date', {
        description: 'Pick the date and time to stop waiting at, or turn Limit Wait Time off.',
      });
    }
    if (at.getTime() <= now) {
      throw new NodeOperationError(
        context.getNode(),
        `Max Date and Time (${at.toISOString()}) has already passed`,
        { description: 'Pick a date and time in the future, or turn Limit Wait Time off.' },
      );
    }
    if (at.getTime() - now < MIN_EXPIRES_IN * 1000) {
      // The request would outlive the wait: SenseOn keeps a request open at least 60 s.
      throw new NodeOperationError(
        context.getNode(),
        `Max Date and Time (${at.toISOString()}) is less than a minute away`,
        {
          description:
            'An approval request stays open at least 60 seconds, so the wait must last as long. Pick a later date and time, or turn Limit Wait Time off.',
        },
      );
    }
    return at;
  }
  const amount = Number(context.getNodeParameter('resumeAmount', 0, 45));
  const unit = context.getNodeParameter('resumeUnit', 0, 'minutes') as Unit;
  if (!Number.isFinite(amount) || amount <= 0 || !(unit in UNIT_MS)) {
    throw new NodeOperationError(context.getNode(), `Amount must be above 0, got ${amount}`, {
      description: 'Give how long to wait for the decision, or turn Limit Wait Time off.',
    });
  }
  return new Date(now + amount * UNIT_MS[unit]);
}

/**
 * The approval request's expiry (`expires_in`) under a wait limit: the expiry asked for when it
 * ends before the limit, else the time to the limit, rounded down. n8n runs no code when the
 * limit ends the wait, so a request still open then could be approved after the workflow has
 * left on Not Approved; expiring it by the limit closes it, and an expired request never runs.
 * Beyond the API's longest expiry (7 days) the request expires first, which also leaves on Not
 * Approved. `waitLimit` refuses a limit under the API's shortest expiry (60 s).
 */
export function expiresInFor(limit: Date, now: number, asked?: number): number {
  const toLimit = Math.min(MAX_EXPIRES_IN, Math.floor((limit.getTime() - now) / 1000));
  return asked !== undefined && asked < toLimit ? asked : toLimit;
}

/** The item that leaves on Not Approved when the limit is reached before any decision. */
function limitReachedItem(action: Action, limit: Date): IDataObject {
  return {
    ...withoutSecrets(action as unknown as Record<string, unknown>),
    decision: WAIT_LIMIT_REACHED,
    summary: `No decision on ${action.type} ${action.id} reached this step by ${limit.toISOString()}, the wait's limit; the approval request expires at ${action.expires_at ?? 'its expiry'}.`,
  };
}

/**
 * What n8n does when a limited wait runs out: it resumes the execution without running the node
 * again and passes the node's saved input data on, by default through the first output only,
 * which here is Approved (n8n 2.40.7 `WorkflowExecute.handleWaitingState` and
 * `handleDisabledNode`). So before waiting, the node's saved input becomes the items it leaves
 * with then: those already known (`known`: decided when requested, or failed) on their outputs,
 * and every action still pending on Not Approved; `forwardAllOutputs` (what n8n sets itself on a
 * webhook resume) sends each out on the output it is on. Decisions that all arrive first
 * replace them, as every resume does.
 */
export function leaveOnNotApprovedAtLimit(
  context: IExecuteFunctions,
  limit: Date,
  pending: { action: Action; itemIndex: number }[],
  known: INodeExecutionData[][] = [[], []],
): void {
  const outputs: INodeExecutionData[][] = [[...(known[0] ?? [])], [...(known[1] ?? [])]];
  for (const { action, itemIndex } of pending) {
    outputs[NOT_APPROVED_OUTPUT]!.push({
      json: limitReachedItem(action, limit),
      pairedItem: { item: itemIndex },
    });
  }
  const executeData = context.getExecuteData();
  executeData.data = { ...executeData.data, main: outputs };
  context.setMetadata({ forwardAllOutputs: true } as never);
}
