import {
  ActionStatus,
  ActionType,
  CaseStatus,
  DeviceStatus,
  IocType,
  ObservationSource,
  OsType,
  Severity,
} from '../schemas';

/**
 * A connector input, described once in the API's own words and rendered by each platform
 * (Zapier input fields, n8n node properties). `name` is the API field it fills. Its value type
 * in an operation's `run` follows from `type`, `options`, `required` and `default` (`InputOf`).
 */
export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly type: 'string' | 'text' | 'number' | 'boolean' | 'datetime' | 'options' | 'multiOptions';
  /** Absent means optional. With `showWhen`, required only where the field shows. */
  readonly required?: boolean;
  readonly help: string;
  readonly options?: readonly string[];
  readonly default?: string | number | boolean;
  /** Filled from a list of live records (Zapier dynamic dropdown, n8n resource locator). */
  readonly lookup?: 'case' | 'device' | 'pendingAction' | 'observation';
  readonly placeholder?: string;
  /**
   * Shows only when another field of the same operation has one of these values, e.g.
   * `{ type: ['isolate_device'] }`: n8n `displayOptions.show`, Zapier dynamic fields.
   */
  readonly showWhen?: Readonly<Record<string, readonly string[]>>;
  /**
   * How the step runs (how long it waits), not which records it returns: an optional setting
   * n8n lists under "Options", never among a list's "Filters".
   */
  readonly setting?: true;
}

/** Keeps the literal types of a spec (its name, options, required), so inputs are typed. */
const field = <const S extends FieldSpec>(spec: S): S => spec;

export const F = {
  caseId: field({
    name: 'case_id',
    label: 'Case',
    type: 'string',
    required: true,
    lookup: 'case',
    placeholder: 'case_…',
    help: 'The case to work on: pick one, or map a case id (starts with `case_`) from an earlier step.',
  }),
  deviceId: field({
    name: 'device_id',
    label: 'Device',
    type: 'string',
    required: true,
    lookup: 'device',
    placeholder: 'dev_…',
    help: 'The device: pick one, or map a device id (starts with `dev_`).',
  }),
  actionId: field({
    name: 'action_id',
    label: 'Response Action',
    type: 'string',
    required: true,
    lookup: 'pendingAction',
    placeholder: 'act_…',
    help: 'The response action: pick a pending one, or map an action id (starts with `act_`).',
  }),
  observationId: field({
    name: 'observation_id',
    label: 'Observation ID',
    type: 'string',
    required: true,
    placeholder: 'obs_…',
    help: 'The observation id (starts with `obs_`).',
  }),
  observation: field({
    name: 'observation_id',
    label: 'Observation',
    type: 'string',
    required: true,
    lookup: 'observation',
    placeholder: 'obs_…',
    help: 'The observation: pick one of the newest (search by an IP, hash, domain or user seen in it), or map an observation id (starts with `obs_`).',
  }),
  caseStatus: field({
    name: 'status',
    label: 'Status',
    type: 'options',
    options: CaseStatus.options,
    help: 'The case status to set.',
  }),
  caseSeverity: field({
    name: 'severity',
    label: 'Severity',
    type: 'options',
    options: Severity.options,
    help: 'The case severity to set.',
  }),
  assignee: field({
    name: 'assignee',
    label: 'Assignee',
    type: 'string',
    help: 'Who owns the case, e.g. an analyst e-mail. Leave empty to keep it.',
  }),
  tags: field({
    name: 'tags',
    label: 'Tags',
    type: 'string',
    help: 'Comma-separated tags; they replace the current tags.',
  }),
  unassign: field({
    name: 'unassign',
    label: 'Unassign',
    type: 'boolean',
    help: 'Whether to remove the assignee, so nobody owns the case. Leave Assignee empty with it.',
  }),
  clearTags: field({
    name: 'clear_tags',
    label: 'Remove All Tags',
    type: 'boolean',
    help: 'Whether to remove every tag from the case. Leave Tags empty with it.',
  }),
  commentBody: field({
    name: 'body',
    label: 'Comment',
    type: 'text',
    required: true,
    help: 'The comment text, 1–10,000 characters. Markdown is kept as written.',
  }),
  summaryTimeout: field({
    name: 'timeout_seconds',
    label: 'Wait Up To (Seconds)',
    type: 'number',
    default: 120,
    setting: true,
    help: 'How long to wait for the AI summary to be ready before failing.',
  }),
  actionType: field({
    name: 'type',
    label: 'Action Type',
    type: 'options',
    required: true,
    // run_script has its own operation (Script → Run), whose fields are the script's.
    options: ActionType.exclude(['run_script']).options,
    help: 'What to do. isolate_device and disable_user always wait for a human approval.',
  }),
  targetDevice: field({
    name: 'target_device_id',
    label: 'Target Device',
    type: 'string',
    lookup: 'device',
    help: 'For isolate_device and release_device: the device id (starts with `dev_`).',
  }),
  targetUser: field({
    name: 'target_user_id',
    label: 'Target User',
    type: 'string',
    help: 'For disable_user and enable_user: the user id (starts with `usr_`).',
  }),
  iocType: field({
    name: 'ioc_type',
    label: 'IOC Type',
    type: 'options',
    required: true,
    options: IocType.options,
    help: 'The kind of indicator: a file hash, an IP address, a domain or a URL.',
  }),
  iocValue: field({
    name: 'ioc_value',
    label: 'IOC Value',
    type: 'string',
    required: true,
    help: 'The indicator itself, e.g. a 64-character sha256 or 203.0.113.7; checked against the type.',
  }),
  justification: field({
    name: 'justification',
    label: 'Justification',
    type: 'text',
    required: true,
    help: 'Why this is needed. The approver reads it and it is kept in the DecisionTrace.',
  }),
  expiresIn: field({
    name: 'expires_in',
    label: 'Approval Expires After (Seconds)',
    type: 'number',
    help: 'How long the approval request stays open (60 to 604800; default 3600). Expired requests never run.',
  }),
  approver: field({
    name: 'approver',
    label: 'Approver Name',
    type: 'string',
    help: 'The name shown with the decision. The decision is recorded against your token either way.',
  }),
  approveComment: field({
    name: 'comment',
    label: 'Comment',
    type: 'text',
    help: 'Optional note kept with the approval in the DecisionTrace.',
  }),
  rejectReason: field({
    name: 'reason',
    label: 'Reason',
    type: 'text',
    required: true,
    help: 'Why the action must not run; kept in the DecisionTrace.',
  }),
  minSeverity: field({
    name: 'min_severity',
    label: 'Minimum Severity',
    type: 'options',
    options: Severity.options,
    help: 'Only items at this severity or above.',
  }),
  statusFilter: field({
    name: 'status',
    label: 'Status',
    type: 'multiOptions',
    options: CaseStatus.options,
    help: 'Only cases in these statuses. Leave empty for all.',
  }),
  query: field({
    name: 'q',
    label: 'Text Search',
    type: 'string',
    help: 'Words to find in the case title or description.',
  }),
  hostname: field({
    name: 'hostname',
    label: 'Hostname',
    type: 'string',
    help: 'Exact hostname, case-insensitive, e.g. FIN-LAPTOP-07.',
  }),
  ip: field({
    name: 'ip',
    label: 'IP Address',
    type: 'string',
    help: 'An IPv4 or IPv6 address the device has.',
  }),
  osType: field({
    name: 'os_type',
    label: 'OS',
    type: 'options',
    options: OsType.options,
    help: 'Only devices running this operating system.',
  }),
  deviceStatus: field({
    name: 'status',
    label: 'Device Status',
    type: 'options',
    options: DeviceStatus.options,
    help: 'Only devices in this state.',
  }),
  source: field({
    name: 'source',
    label: 'Source',
    type: 'options',
    options: ObservationSource.options,
    help: 'Where the observation came from.',
  }),
  observationSource: field({
    name: 'source',
    label: 'Source',
    type: 'options',
    options: ObservationSource.options,
    default: 'endpoint',
    help: 'Where the finding comes from: the kind of sensor or tool that saw it.',
  }),
  entity: field({
    name: 'entity',
    label: 'Entity',
    type: 'string',
    help: 'An IP address, file hash, domain or user name seen in the observation.',
  }),
  observedAfter: field({
    name: 'observed_after',
    label: 'Observed After',
    type: 'datetime',
    help: 'Only observations at or after this time (ISO 8601).',
  }),
  limit: field({
    name: 'limit',
    label: 'Limit',
    type: 'number',
    default: 50,
    help: 'The most items to return.',
  }),
  actionStatus: field({
    name: 'status',
    label: 'Action Status',
    type: 'options',
    options: ActionStatus.options,
    help: 'Only actions in this state.',
  }),
  observationTitle: field({
    name: 'title',
    label: 'Title',
    type: 'string',
    required: true,
    help: 'A short headline for the finding, e.g. "Cobalt Strike beacon on FIN-LAPTOP-07".',
  }),
  observationSeverity: field({
    name: 'severity',
    label: 'Severity',
    type: 'options',
    required: true,
    options: Severity.options,
    help: 'How serious the finding is.',
  }),
  observationDescription: field({
    name: 'description',
    label: 'Description',
    type: 'text',
    help: 'What was found, in a sentence or two.',
  }),
  observationDevice: field({
    name: 'device_id',
    label: 'Device',
    type: 'string',
    lookup: 'device',
    help: 'The device the finding is about, if any (starts with `dev_`).',
  }),
  observationCase: field({
    name: 'case_id',
    label: 'Case',
    type: 'string',
    lookup: 'case',
    help: 'Attach the finding to this case, if any (starts with `case_`).',
  }),
} satisfies Record<string, FieldSpec>;
