import { z } from 'zod';
import { Actor, CaseId, DeviceId, Severity, TenantId, Timestamp, UserId } from './common';
import { ActionType, ActionTarget } from './action-types';

export const CaseStatus = z.enum([
  'open',
  'investigating',
  'contained',
  'resolved',
  'closed',
  'false_positive',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const MitreMapping = z.looseObject({
  tactic_id: z.string().describe('MITRE ATT&CK tactic, e.g. TA0040.'),
  technique_id: z.string().describe('MITRE ATT&CK technique, e.g. T1486.'),
  name: z.string(),
});

export const SeverityAssessment = z.looseObject({
  severity: Severity,
  confidence: z.number().min(0).max(1),
  rationale: z.string(),
});

export const RecommendedAction = z.looseObject({
  description: z.string(),
  action_type: ActionType.nullable(),
  target: ActionTarget.nullable(),
});

export const SummaryStatus = z.enum(['ready', 'generating']);

export const AiSummary = z
  .looseObject({
    status: SummaryStatus,
    text: z.string().nullable(),
    severity_assessment: SeverityAssessment.nullable(),
    recommended_actions: z.array(RecommendedAction),
    generated_at: Timestamp.nullable(),
    model: z.string().nullable(),
  })
  .meta({ id: 'AiSummary' });
export type AiSummary = z.infer<typeof AiSummary>;

export const CaseSummaryResponse = AiSummary.extend({ case_id: CaseId }).meta({
  id: 'CaseSummary',
});
export type CaseSummaryResponse = z.infer<typeof CaseSummaryResponse>;

export const SummaryAccepted = z
  .looseObject({ case_id: CaseId, status: z.literal('generating'), requested_at: Timestamp })
  .meta({ id: 'SummaryAccepted' });
export type SummaryAccepted = z.infer<typeof SummaryAccepted>;

export const Case = z
  .looseObject({
    id: CaseId,
    title: z.string(),
    description: z.string(),
    severity: Severity,
    status: CaseStatus,
    assignee: z.string().nullable(),
    tags: z.array(z.string()),
    device_ids: z.array(DeviceId),
    user_ids: z.array(UserId),
    observation_count: z.number().int().min(0),
    mitre: z.array(MitreMapping),
    ai_summary: AiSummary.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    url: z
      .url()
      .optional()
      .describe("A link to the case in SenseOn's console, for a person to open."),
    tenant_id: TenantId,
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof Case>;

export const TimelineEntry = z.looseObject({
  at: Timestamp,
  event: z.string(),
  description: z.string(),
  actor: Actor.nullable(),
});

const severityList = z.array(Severity);
const statusList = z.array(CaseStatus);

/** Filters shared by `GET /cases` (query) and `POST /cases` (the Connect API's list form). */
export const CaseFilters = z.strictObject({
  status: statusList.optional().describe('Only cases in these statuses.'),
  severity: severityList.optional().describe('Only cases of exactly these severities.'),
  min_severity: Severity.optional().describe('Only cases at this severity or above.'),
  created_after: Timestamp.optional(),
  created_before: Timestamp.optional(),
  updated_after: Timestamp.optional(),
  device_id: DeviceId.optional().describe('Only cases linked to this device.'),
  assignee: z.string().min(1).optional(),
  q: z.string().min(1).max(200).optional().describe('Text search in title and description.'),
  sort: z.enum(['created_at', '-created_at', 'updated_at', '-updated_at']).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type CaseFilters = z.infer<typeof CaseFilters>;

export const CaseUpdate = z
  .strictObject({
    status: CaseStatus.optional(),
    severity: Severity.optional(),
    assignee: z.string().min(1).max(200).nullable().optional(),
    tags: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, {
    message: 'give at least one of status, severity, assignee, tags',
  })
  .meta({ id: 'CaseUpdate' });
export type CaseUpdate = z.infer<typeof CaseUpdate>;

export const Comment = z
  .looseObject({
    id: z.string(),
    case_id: CaseId,
    body: z.string(),
    author: Actor,
    created_at: Timestamp,
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof Comment>;

export const CommentCreate = z
  .strictObject({ body: z.string().min(1).max(10_000) })
  .meta({ id: 'CommentCreate' });
export type CommentCreate = z.infer<typeof CommentCreate>;
