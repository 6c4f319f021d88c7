import type { FieldSpec } from '../fields';

const field = <const S extends FieldSpec>(spec: S): S => spec;

/** The fields of the Script operations; kept with them, as only they use them. */
export const SCRIPT_FIELDS = {
  scriptId: field({
    name: 'script_id',
    label: 'Script',
    type: 'string',
    required: true,
    placeholder: 'scr_…',
    help: 'The script to run: an id from Script → Get Many (starts with `scr_`).',
  }),
  deviceIds: field({
    name: 'device_ids',
    label: 'Devices',
    type: 'string',
    required: true,
    placeholder: 'dev_…, dev_…',
    help: 'Comma-separated device ids (start with `dev_`), 1 to 100; each must run an OS the script supports and be online.',
  }),
  parameters: field({
    name: 'parameters',
    label: 'Parameters (JSON)',
    type: 'text',
    placeholder: '{"process_name": "powershell.exe"}',
    help: 'The script’s parameters as a JSON object, checked against its JSON Schema; leave empty for none.',
  }),
  resultTimeout: field({
    name: 'result_timeout_seconds',
    label: 'Wait for the Result Up To (Seconds)',
    type: 'number',
    default: 30,
    setting: true,
    help: 'When the run needs no approval (or after it is approved): how long to wait for every device’s exit code and output. 0 answers at once.',
  }),
} satisfies Record<string, FieldSpec>;
