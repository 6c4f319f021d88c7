import type { EventType } from '@senseon/client';
import type { INodePropertyOptions } from 'n8n-workflow';

/** What each SenseOn event means, as the trigger's event list shows it. */
const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'case.created': 'A new case was opened',
  'case.updated': 'A case changed status, severity, assignee or tags',
  'case.comment_added': 'Someone commented on a case',
  'observation.created': 'A new OCSF observation arrived',
  'device.updated': 'A device changed state, for example it was isolated or released',
  'action.requested': 'A response action was requested',
  'action.approved': 'A response action was approved',
  'action.rejected': 'A response action was rejected',
  'action.expired': 'A response action was not decided in time and will never run',
  'action.completed': 'A response action ran',
  'action.failed': 'A response action failed to run',
  'summary.generated': 'An AI case summary is ready',
};

/** `case.comment_added` → "Case Comment Added". */
function eventName(event: string): string {
  return event
    .split(/[._]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function eventOptions(events: readonly EventType[]): INodePropertyOptions[] {
  return events
    .map((event) => ({
      name: eventName(event),
      value: event,
      description: EVENT_DESCRIPTIONS[event],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
