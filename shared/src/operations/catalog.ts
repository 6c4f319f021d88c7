import { F, type FieldSpec } from './fields';

/** Where an operation lives in the Zapier app, or why it is not there. */
export type ZapierPlacement = { kind: 'create' | 'search'; key: string } | { absent: string };

/** Where an operation lives in the n8n `SenseOn` node, or why it is not there. */
export type N8nPlacement = { resource: string; operation: string } | { absent: string };

export interface OperationSpec {
  key: string;
  label: string;
  /** Shown as help in both connectors and as the AI-agent tool description in n8n. */
  description: string;
  fields: readonly FieldSpec[];
  zapier: ZapierPlacement;
  n8n: N8nPlacement;
  /** Needs a human approval before anything runs (so connectors offer "wait for the decision"). */
  approvalGated?: boolean;
}

/** The 13 Zapier actions are SenseOn's published set; n8n gets them and the rest of the API. */
const ZAPIER_HAS_13 = "Zapier's app keeps SenseOn's published 3 triggers and 13 actions";

const caseFilters = [F.statusFilter, F.minSeverity, F.query, F.limit];

export const OPERATIONS = [
  {
    key: 'case.get',
    label: 'Get Case',
    description: 'Get one case with its timeline, first observations and response actions.',
    fields: [F.caseId],
    zapier: { kind: 'search', key: 'find_case' },
    n8n: { resource: 'case', operation: 'get' },
  },
  {
    key: 'case.getMany',
    label: 'Get Many Cases',
    description: 'List cases, newest first, filtered by status, severity and text.',
    fields: caseFilters,
    zapier: { kind: 'search', key: 'find_case' },
    n8n: { resource: 'case', operation: 'getMany' },
  },
  {
    key: 'case.update',
    label: 'Update Case',
    description: 'Change the status, severity, assignee or tags of a case.',
    fields: [F.caseId, F.caseStatus, F.caseSeverity, F.assignee, F.tags],
    zapier: { kind: 'create', key: 'update_case' },
    n8n: { resource: 'case', operation: 'update' },
  },
  {
    key: 'case.addComment',
    label: 'Add Case Comment',
    description: 'Add a comment to a case, e.g. a ticket link or an analyst note.',
    fields: [F.caseId, F.commentBody],
    zapier: { kind: 'create', key: 'add_case_comment' },
    n8n: { resource: 'case', operation: 'addComment' },
  },
  {
    key: 'case.getComments',
    label: 'Get Case Comments',
    description: 'List the comments on a case, oldest first.',
    fields: [F.caseId, F.limit],
    zapier: { absent: `${ZAPIER_HAS_13}; new comments arrive through the Updated Case trigger` },
    n8n: { resource: 'case', operation: 'getComments' },
  },
  {
    key: 'case.generateSummary',
    label: 'Generate AI Case Summary',
    description:
      'Generate the AI summary of a case and wait until it is ready: text, severity assessment and recommended actions.',
    fields: [F.caseId, F.summaryTimeout],
    zapier: { kind: 'create', key: 'generate_case_summary' },
    n8n: { resource: 'case', operation: 'generateSummary' },
  },
  {
    key: 'case.getSummary',
    label: 'Get AI Case Summary',
    description: 'Get the AI summary already generated for a case.',
    fields: [F.caseId],
    zapier: { absent: `${ZAPIER_HAS_13}; Generate AI Case Summary returns the summary` },
    n8n: { resource: 'case', operation: 'getSummary' },
  },
  {
    key: 'case.getDecisionTrace',
    label: 'Get Decision Trace',
    description:
      'Get the DecisionTrace audit entries of a case and check their hash chain: every request, decision and result.',
    fields: [F.caseId],
    zapier: { kind: 'search', key: 'get_decision_trace' },
    n8n: { resource: 'case', operation: 'getDecisionTrace' },
  },
  {
    key: 'device.get',
    label: 'Get Device',
    description: 'Get one device: status, OS, IPs, risk score and criticality.',
    fields: [F.deviceId],
    zapier: { kind: 'search', key: 'find_device' },
    n8n: { resource: 'device', operation: 'get' },
  },
  {
    key: 'device.getMany',
    label: 'Get Many Devices',
    description: 'List devices filtered by hostname, IP, OS or status.',
    fields: [F.hostname, F.ip, F.osType, F.deviceStatus, F.limit],
    zapier: { kind: 'search', key: 'find_device' },
    n8n: { resource: 'device', operation: 'getMany' },
  },
  {
    key: 'device.isolate',
    label: 'Isolate Device',
    description:
      'Ask to isolate a device from the network. Containment never runs without a human approval.',
    fields: [F.caseId, F.deviceId, F.justification, F.expiresIn],
    zapier: { kind: 'create', key: 'isolate_device' },
    n8n: { resource: 'device', operation: 'isolate' },
    approvalGated: true,
  },
  {
    key: 'device.release',
    label: 'Release Device',
    description: 'Ask to release an isolated device back onto the network.',
    fields: [F.caseId, F.deviceId, F.justification],
    zapier: { absent: `${ZAPIER_HAS_13}; use Request Response Action with release_device` },
    n8n: { resource: 'device', operation: 'release' },
  },
  {
    key: 'observation.get',
    label: 'Get Observation',
    description: 'Get one OCSF-normalised observation.',
    fields: [F.observationId],
    zapier: { absent: `${ZAPIER_HAS_13}; Find Observations searches by filters` },
    n8n: { resource: 'observation', operation: 'get' },
  },
  {
    key: 'observation.getMany',
    label: 'Find Observations',
    description:
      'List OCSF observations, newest first, by case, device, source, severity, entity (IP, hash, domain, user) and time.',
    fields: [
      F.observationCase,
      F.observationDevice,
      F.source,
      F.minSeverity,
      F.entity,
      F.observedAfter,
      F.limit,
    ],
    zapier: { kind: 'search', key: 'find_observations' },
    n8n: { resource: 'observation', operation: 'getMany' },
  },
  {
    key: 'observation.create',
    label: 'Create Observation',
    description:
      'Write an OCSF Detection Finding built from simple fields. Needs the observations:write scope, which SenseOn grants after review.',
    fields: [
      F.observationTitle,
      F.observationSeverity,
      F.observationDescription,
      F.observationDevice,
      F.observationCase,
    ],
    zapier: { kind: 'create', key: 'create_observation' },
    n8n: { resource: 'observation', operation: 'create' },
  },
  {
    key: 'action.request',
    label: 'Request Response Action',
    description:
      'Request a response action on a case. The Guardrails policy decides: containment, and anything an AI agent asks, waits for a human approval.',
    fields: [
      F.caseId,
      F.actionType,
      F.targetDevice,
      F.targetUser,
      { ...F.iocType, required: false },
      { ...F.iocValue, required: false },
      F.justification,
      F.expiresIn,
    ],
    zapier: { kind: 'create', key: 'request_action' },
    n8n: { resource: 'responseAction', operation: 'request' },
    approvalGated: true,
  },
  {
    key: 'action.get',
    label: 'Get Response Action',
    description: 'Get one response action with its status, decision and result.',
    fields: [F.actionId],
    zapier: { absent: `${ZAPIER_HAS_13}; the Response Action Update trigger carries each change` },
    n8n: { resource: 'responseAction', operation: 'get' },
  },
  {
    key: 'action.getMany',
    label: 'Get Many Response Actions',
    description: 'List response actions, newest first, by status.',
    fields: [F.actionStatus, F.limit],
    zapier: { absent: `${ZAPIER_HAS_13}; the Response Action Update trigger carries each change` },
    n8n: { resource: 'responseAction', operation: 'getMany' },
  },
  {
    key: 'action.approve',
    label: 'Approve Response Action',
    description:
      'Approve a pending response action. You cannot approve your own request; crown-jewel containment needs the critical approval scope.',
    fields: [F.actionId, F.approver, F.approveComment],
    zapier: { kind: 'create', key: 'approve_action' },
    n8n: { resource: 'responseAction', operation: 'approve' },
  },
  {
    key: 'action.reject',
    label: 'Reject Response Action',
    description: 'Reject a pending response action; it will never run.',
    fields: [F.actionId, F.approver, F.rejectReason],
    zapier: { kind: 'create', key: 'reject_action' },
    n8n: { resource: 'responseAction', operation: 'reject' },
  },
  {
    key: 'ioc.add',
    label: 'Add IOC',
    description:
      'Add an indicator of compromise (file hash, IP, domain or URL) to the blocklist, through a response action on a case.',
    fields: [F.caseId, F.iocType, F.iocValue, F.justification],
    zapier: { kind: 'create', key: 'add_ioc' },
    n8n: { resource: 'ioc', operation: 'add' },
  },
] as const satisfies readonly OperationSpec[];

export type OperationKey = (typeof OPERATIONS)[number]['key'];

export interface TriggerSpec {
  key: string;
  label: string;
  description: string;
  /** Webhook events that feed it. */
  events: readonly string[];
  zapier: { key: string } | { absent: string };
  /** The n8n poll trigger's event option; the webhook trigger offers every event. */
  n8nPoll: string;
}

export const TRIGGERS = [
  {
    key: 'newCase',
    label: 'New Case',
    description: 'A new case was opened.',
    events: ['case.created'],
    zapier: { key: 'new_case' },
    n8nPoll: 'newCase',
  },
  {
    key: 'updatedCase',
    label: 'Updated Case',
    description: 'A case changed status, severity, assignee or tags, or got a comment.',
    events: ['case.updated', 'case.comment_added'],
    zapier: { key: 'updated_case' },
    n8nPoll: 'updatedCase',
  },
  {
    key: 'actionUpdate',
    label: 'Response Action Update',
    description:
      'A response action was requested, approved, rejected, completed, failed or expired.',
    events: [
      'action.requested',
      'action.approved',
      'action.rejected',
      'action.completed',
      'action.failed',
      'action.expired',
    ],
    zapier: { key: 'action_update' },
    n8nPoll: 'actionUpdate',
  },
  {
    key: 'newObservation',
    label: 'New Observation',
    description: 'A new OCSF observation arrived.',
    events: ['observation.created'],
    zapier: { absent: "Zapier's app keeps SenseOn's published 3 triggers" },
    n8nPoll: 'newObservation',
  },
] as const satisfies readonly TriggerSpec[];
