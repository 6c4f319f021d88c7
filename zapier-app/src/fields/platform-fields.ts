/**
 * Where the Zapier app's inputs differ from the operation catalog (`OPERATIONS` in
 * `@senseon/client`), and why. The parity test between Zapier and n8n reads this list: any other
 * difference between a Zapier action's fields and its catalog fields is a bug.
 */
export interface ZapierFieldDifference {
  /** The Zapier trigger, create or search key. */
  zapierKey: string;
  /** The input field key. */
  field: string;
  /** added: only Zapier has it; omitted: Zapier leaves a catalog field out; optional: Zapier
   * makes a required catalog field optional. */
  change: 'added' | 'omitted' | 'optional';
  reason: string;
}

const WAIT_REASON =
  'Zapier pauses the Zap on a callback URL (z.generateCallbackUrl + performResume) until the human decision arrives; n8n waits with its own resume URL';
const SEARCH_ONE =
  'a Zapier search step uses one record (the newest match), so there is no count to choose';
const TRIGGER_FILTER =
  'a trigger filter; the catalog describes triggers by their events only, and each platform offers its own filters';

export const ZAPIER_FIELD_DIFFERENCES: readonly ZapierFieldDifference[] = [
  { zapierKey: 'request_action', field: 'wait_for_decision', change: 'added', reason: WAIT_REASON },
  { zapierKey: 'isolate_device', field: 'wait_for_decision', change: 'added', reason: WAIT_REASON },
  {
    zapierKey: 'find_case',
    field: 'case_id',
    change: 'optional',
    reason:
      'Find Case merges Get Case and Get Many Cases: give an id, or filters for the newest match',
  },
  { zapierKey: 'find_case', field: 'limit', change: 'omitted', reason: SEARCH_ONE },
  {
    zapierKey: 'find_device',
    field: 'device_id',
    change: 'optional',
    reason: 'Find Device merges Get Device and Get Many Devices: give an id, a hostname or an IP',
  },
  { zapierKey: 'find_device', field: 'limit', change: 'omitted', reason: SEARCH_ONE },
  { zapierKey: 'new_case', field: 'min_severity', change: 'added', reason: TRIGGER_FILTER },
  { zapierKey: 'new_case', field: 'status', change: 'added', reason: TRIGGER_FILTER },
  { zapierKey: 'action_update', field: 'status', change: 'added', reason: TRIGGER_FILTER },
  { zapierKey: 'action_update', field: 'type', change: 'added', reason: TRIGGER_FILTER },
  { zapierKey: 'updated_case', field: 'changes', change: 'added', reason: TRIGGER_FILTER },
  { zapierKey: 'updated_case', field: 'new_status', change: 'added', reason: TRIGGER_FILTER },
];

/** The field keys Zapier adds to one action or trigger. */
export function addedFields(zapierKey: string): string[] {
  return ZAPIER_FIELD_DIFFERENCES.filter(
    (d) => d.zapierKey === zapierKey && d.change === 'added',
  ).map((d) => d.field);
}
