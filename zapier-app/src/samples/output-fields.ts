import type { PlainOutputField } from 'zapier-platform-core';

/** Labels for the fields users map most, so the Zap editor shows words, not JSON paths. */
const SUMMARY: PlainOutputField = {
  key: 'summary',
  label: 'Summary (one sentence)',
  type: 'string',
};

export const CASE_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Case ID', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'description', label: 'Description', type: 'string' },
  { key: 'severity', label: 'Severity', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'assignee', label: 'Assignee', type: 'string' },
  { key: 'tags', label: 'Tags', type: 'string', list: true },
  { key: 'device_ids', label: 'Device IDs', type: 'string', list: true },
  { key: 'observation_count', label: 'Observation Count', type: 'integer' },
  { key: 'ai_summary__status', label: 'AI Summary Status', type: 'string' },
  { key: 'ai_summary__text', label: 'AI Summary Text', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'updated_at', label: 'Updated At', type: 'datetime' },
  { key: 'tenant_id', label: 'Tenant ID', type: 'string' },
  { key: 'url', label: 'Console Link', type: 'string' },
  SUMMARY,
];

export const CASE_UPDATE_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Update ID (case and time)', type: 'string' },
  { key: 'case_id', label: 'Case ID', type: 'string' },
  { key: 'change', label: 'What Changed', type: 'string' },
  { key: 'comment__body', label: 'Comment Text', type: 'string' },
  { key: 'case__title', label: 'Case Title', type: 'string' },
  { key: 'case__severity', label: 'Case Severity', type: 'string' },
  { key: 'case__status', label: 'Case Status', type: 'string' },
  { key: 'case__assignee', label: 'Case Assignee', type: 'string' },
  { key: 'updated_at', label: 'Updated At', type: 'datetime' },
  SUMMARY,
];

export const DEVICE_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Device ID', type: 'string' },
  { key: 'hostname', label: 'Hostname', type: 'string' },
  { key: 'ip_addresses', label: 'IP Addresses', type: 'string', list: true },
  { key: 'os__type', label: 'OS Type', type: 'string' },
  { key: 'os__name', label: 'OS Name', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'risk_score', label: 'Risk Score', type: 'integer' },
  { key: 'criticality', label: 'Criticality', type: 'string' },
  { key: 'last_seen_at', label: 'Last Seen At', type: 'datetime' },
  { key: 'url', label: 'Console Link', type: 'string' },
  SUMMARY,
];

export const ACTION_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Response Action ID', type: 'string' },
  { key: 'case_id', label: 'Case ID', type: 'string' },
  { key: 'type', label: 'Action Type', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'requires_approval', label: 'Requires Approval', type: 'boolean' },
  { key: 'policy__reason', label: 'Policy Reason', type: 'string' },
  { key: 'justification', label: 'Justification', type: 'string' },
  { key: 'requested_by__principal', label: 'Requested By', type: 'string' },
  { key: 'decided_by__principal', label: 'Decided By', type: 'string' },
  { key: 'decided_at', label: 'Decided At', type: 'datetime' },
  { key: 'decision_comment', label: 'Decision Comment', type: 'string' },
  { key: 'expires_at', label: 'Expires At', type: 'datetime' },
  { key: 'url', label: 'Console Link', type: 'string' },
  SUMMARY,
];

export const ACTION_UPDATE_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Update ID (action and status)', type: 'string' },
  { key: 'action_id', label: 'Response Action ID', type: 'string' },
  ...ACTION_FIELDS.filter((f) => f.key !== 'id'),
];

export const COMMENT_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Comment ID', type: 'string' },
  { key: 'case_id', label: 'Case ID', type: 'string' },
  { key: 'body', label: 'Comment', type: 'string' },
  { key: 'author__principal', label: 'Author', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  SUMMARY,
];

/**
 * A summary not ready within Zapier's time limit comes back with `status: 'generating'` (the
 * other fields as the API has them meanwhile: empty, or the previous summary) and `next_step`;
 * see `AI_SUMMARY_GENERATING`.
 */
export const AI_SUMMARY_FIELDS: PlainOutputField[] = [
  { key: 'case_id', label: 'Case ID', type: 'string' },
  { key: 'status', label: 'Status (ready, or generating if not ready in time)', type: 'string' },
  {
    key: 'next_step',
    label: 'Next Step (only while generating: how to get the summary later)',
    type: 'string',
  },
  // The AI's summary, named as on a case; the step's one-line `summary` is labelled apart.
  { key: 'text', label: 'AI Summary Text', type: 'string' },
  { key: 'severity_assessment__severity', label: 'Assessed Severity', type: 'string' },
  { key: 'severity_assessment__confidence', label: 'Confidence (0–1)', type: 'number' },
  { key: 'severity_assessment__rationale', label: 'Rationale', type: 'string' },
  { key: 'generated_at', label: 'Generated At', type: 'datetime' },
  { key: 'model', label: 'Model', type: 'string' },
  { ...SUMMARY, label: 'Step Result (one sentence; the summary is AI Summary Text)' },
];

export const OBSERVATION_FIELDS: PlainOutputField[] = [
  { key: 'id', label: 'Observation ID', type: 'string' },
  { key: 'observed_at', label: 'Observed At', type: 'datetime' },
  { key: 'ingested_at', label: 'Ingested At', type: 'datetime' },
  { key: 'source', label: 'Source', type: 'string' },
  { key: 'severity', label: 'Severity', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'device_id', label: 'Device ID', type: 'string' },
  { key: 'case_id', label: 'Case ID', type: 'string' },
  { key: 'ocsf__class_uid', label: 'OCSF Class', type: 'integer' },
  SUMMARY,
];

export const TRACE_FIELDS: PlainOutputField[] = [
  { key: 'case_id', label: 'Case ID', type: 'string' },
  { key: 'verified', label: 'Trace Verified', type: 'boolean' },
  { key: 'problems[]', label: 'Problems', type: 'string' },
  { key: 'tampering__kind', label: 'Tampering (rollback or fork)', type: 'string' },
  { key: 'checkpoint__tree_size', label: 'Checkpoint Tree Size', type: 'integer' },
  { key: 'checkpoint__root_hash', label: 'Checkpoint Root Hash', type: 'string' },
  { key: 'checkpoint__timestamp', label: 'Checkpoint Time', type: 'datetime' },
  { key: 'checked[]detail', label: 'What Was Checked', type: 'string' },
  { key: 'verification__checked', label: 'Entries Checked', type: 'integer' },
  { key: 'verification__problem', label: 'Chain Problem', type: 'string' },
  { key: 'verification__head_hash', label: 'Head Hash', type: 'string' },
  { key: 'entries[]seq', label: 'Entry Seq', type: 'integer' },
  { key: 'entries[]event', label: 'Entry Event', type: 'string' },
  { key: 'entries[]actor__principal', label: 'Entry Actor', type: 'string' },
  { key: 'entries[]at', label: 'Entry Time', type: 'datetime' },
  SUMMARY,
];
