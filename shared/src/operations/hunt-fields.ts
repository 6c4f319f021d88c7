// The inputs of the telemetry and hunt operations, in the API's words (see fields.ts). Their
// examples avoid the `process` object's paths: n8n's package scanner refuses any bundled text
// that reads like the Node global `process` followed by a dot, strings included.
import type { FieldSpec } from './fields';

const field = <const S extends FieldSpec>(spec: S): S => spec;

/** The OCSF classes of raw telemetry, by the names analysts use for them. */
export const EVENT_CLASSES = {
  process: 1007,
  network: 4001,
  file: 1001,
  dns: 4003,
  authentication: 3002,
} as const;

export const HF = {
  huntId: field({
    name: 'hunt_id',
    label: 'Hunt ID',
    type: 'string',
    required: true,
    placeholder: 'hunt_…',
    help: 'The hunt id (starts with `hunt_`), as Run Hunt and Wait for Results hands it back.',
  }),
  huntQuery: field({
    name: 'query',
    label: 'Query',
    type: 'text',
    required: true,
    placeholder: 'file.name contains ".ps1" AND NOT actor.user.name in ("svc_backup")',
    help: 'OCSF attribute paths compared with =, !=, contains or in ("a", "b"), joined by AND, OR, NOT and parentheses. Text compares without regard to case.',
  }),
  rangeAfter: field({
    name: 'observed_after',
    label: 'Observed After',
    type: 'datetime',
    required: true,
    help: 'The start of the time range (ISO 8601). The range is at most 7 days.',
  }),
  rangeBefore: field({
    name: 'observed_before',
    label: 'Observed Before',
    type: 'datetime',
    required: true,
    help: 'The end of the time range (ISO 8601), at most 7 days after Observed After.',
  }),
  huntDevices: field({
    name: 'device_ids',
    label: 'Devices',
    type: 'string',
    placeholder: 'dev_…, dev_…',
    help: 'Comma-separated device ids (start with `dev_`) to hunt on. Leave empty for every device.',
  }),
  telemetryDevice: field({
    name: 'device_id',
    label: 'Device',
    type: 'string',
    lookup: 'device',
    placeholder: 'dev_…',
    help: 'Only events of this device (starts with `dev_`). Leave empty for every device.',
  }),
  eventClass: field({
    name: 'event_class',
    label: 'Event Class',
    type: 'options',
    options: Object.keys(EVENT_CLASSES) as (keyof typeof EVENT_CLASSES)[],
    help: 'Only events of this kind: process, network, file, DNS or authentication activity.',
  }),
  matchField: field({
    name: 'field',
    label: 'Match Field',
    type: 'string',
    placeholder: 'query.hostname',
    help: 'An OCSF attribute path that must equal Match Value, e.g. query.hostname or actor.user.name.',
  }),
  matchValue: field({
    name: 'value',
    label: 'Match Value',
    type: 'string',
    help: 'The value Match Field must equal (case-insensitive). Give both or neither.',
  }),
  huntWait: field({
    name: 'wait_seconds',
    label: 'Wait Up To (Seconds)',
    type: 'number',
    default: 60,
    setting: true,
    help: 'How long to wait for the hunt to finish. If it is still running then, the hunt id is handed back instead of results.',
  }),
} as const;
