import {
  Action,
  Case,
  CaseDetail,
  CaseSummaryResponse,
  Comment,
  Delivery,
  Device,
  GENESIS_HASH,
  Observation,
  Pat,
  TraceEntry,
  Webhook,
  hashTraceEntry,
} from '../../src';

const at = '2026-11-23T18:00:00Z';
const tenant_id = 'ten_acme';

export const aCase = (over: Partial<Case> = {}): Case =>
  Case.parse({
    id: 'case_123',
    title: 'Ransomware on FIN-LAPTOP-7',
    description: 'Mass file encryption detected.',
    severity: 'critical',
    status: 'open',
    assignee: null,
    tags: ['ransomware'],
    device_ids: ['dev_4', 'dev_5', 'dev_6'],
    user_ids: ['usr_1'],
    observation_count: 12,
    mitre: [{ tactic_id: 'TA0040', technique_id: 'T1486', name: 'Data Encrypted for Impact' }],
    ai_summary: null,
    created_at: at,
    updated_at: at,
    tenant_id,
    ...over,
  });

export const aDevice = (over: Partial<Device> = {}): Device =>
  Device.parse({
    id: 'dev_4',
    hostname: 'FIN-LAPTOP-7',
    ip_addresses: ['10.0.0.7'],
    mac: null,
    os: { type: 'windows', name: 'Windows 11', version: '23H2' },
    agent_version: '5.2.0',
    status: 'online',
    risk_score: 87,
    criticality: 'high',
    tags: ['finance'],
    owner_user_id: 'usr_1',
    tenant_id,
    last_seen_at: at,
    ...over,
  });

export const anObservation = (over: Partial<Observation> = {}): Observation =>
  Observation.parse({
    id: 'obs_1',
    observed_at: at,
    ingested_at: at,
    source: 'endpoint',
    severity: 'high',
    title: 'Suspicious encryption burst',
    device_id: 'dev_4',
    case_id: 'case_123',
    ocsf: {
      class_uid: 2004,
      category_uid: 2,
      activity_id: 1,
      type_uid: 200401,
      time: 1795456800000,
      severity_id: 4,
      metadata: { version: '1.3.0', product: { name: 'SenseOn', vendor_name: 'SenseOn' } },
    },
    tenant_id,
    ...over,
  });

export const anAction = (over: Partial<Action> = {}): Action =>
  Action.parse({
    id: 'act_9',
    case_id: 'case_123',
    type: 'isolate_device',
    target: { device_id: 'dev_4' },
    status: 'pending_approval',
    requires_approval: true,
    policy: { rule: 'containment_needs_approval', reason: 'containment always needs a human' },
    requested_by: { principal: 'zapier', origin: 'automation' },
    justification: 'Ransomware spreading',
    callback_url: null,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    result: null,
    created_at: at,
    updated_at: at,
    expires_at: '2026-11-23T19:00:00Z',
    tenant_id,
    ...over,
  });

export const aCaseDetail = (over: Partial<CaseDetail> = {}): CaseDetail =>
  CaseDetail.parse({
    ...aCase(),
    timeline: [{ at, event: 'case.created', description: 'Opened', actor: null }],
    observations: [anObservation()],
    actions: [anAction()],
    ...over,
  });

export const aComment = (over: Partial<Comment> = {}): Comment =>
  Comment.parse({
    id: 'cmt_1',
    case_id: 'case_123',
    body: 'Ticket INC-42 opened.',
    author: { principal: 'alice', origin: 'human' },
    created_at: at,
    ...over,
  });

export const aSummary = (over: Partial<CaseSummaryResponse> = {}): CaseSummaryResponse =>
  CaseSummaryResponse.parse({
    case_id: 'case_123',
    status: 'ready',
    text: 'Ransomware encrypted files on FIN-LAPTOP-7.',
    severity_assessment: { severity: 'critical', confidence: 0.92, rationale: 'Encryption burst' },
    recommended_actions: [
      {
        description: 'Isolate FIN-LAPTOP-7',
        action_type: 'isolate_device',
        target: { device_id: 'dev_4' },
      },
    ],
    generated_at: '2026-11-23T18:05:00Z',
    model: 'senseon-analyst-1',
    ...over,
  });

export const aWebhook = (over: Partial<Webhook> = {}): Webhook =>
  Webhook.parse({
    id: 'wh_1',
    url: 'https://hooks.example.org/catch/secret-path?token=abc',
    events: ['case.created', 'action.requested'],
    description: 'SOAR',
    status: 'active',
    disabled_reason: null,
    created_at: at,
    tenant_id,
    ...over,
  });

export const aDelivery = (over: Partial<Delivery> = {}): Delivery =>
  Delivery.parse({
    id: 'dlv_1',
    webhook_id: 'wh_1',
    event_id: 'evt_1',
    event_type: 'case.created',
    status: 'succeeded',
    attempts: 1,
    last_status_code: 200,
    last_error: null,
    next_attempt_at: null,
    created_at: at,
    updated_at: at,
    ...over,
  });

export const aPat = (over: Partial<Pat> = {}): Pat =>
  Pat.parse({
    pat_id: '6f1c7e0a-2b1d-4c3e-9f00-1234567890ab',
    name: 'zapier',
    scopes: ['cases:read', 'actions:request'],
    owner: 'alice',
    status: 'active',
    expiry_at: '2027-01-01T00:00:00Z',
    created_at: at,
    last_used_at: null,
    tenant_id,
    ...over,
  });

/** A valid chain: entries for one case, oldest first, each hashed onto the previous. */
export function aTraceChain(
  length: number,
  caseId: string | null = 'case_123',
  seqOf: (index: number) => number = (index) => index + 1,
): TraceEntry[] {
  const entries: TraceEntry[] = [];
  let prev = GENESIS_HASH;
  for (let index = 0; index < length; index++) {
    const seq = seqOf(index);
    const entry = {
      seq,
      at: `2026-11-23T18:${String(seq).padStart(2, '0')}:00Z`,
      tenant_id,
      case_id: caseId,
      actor: { principal: seq % 2 ? 'zapier' : 'alice', origin: seq % 2 ? 'automation' : 'human' },
      event: seq % 2 ? 'action.requested' : 'action.approved',
      details: { action_id: `act_${seq}`, note: `step ${seq}` },
      prev_hash: prev,
    } as const;
    const hash = hashTraceEntry(entry);
    entries.push(TraceEntry.parse({ ...entry, hash }));
    prev = hash;
  }
  return entries;
}

export const page = <T>(
  data: T[],
  next_cursor: string | null = null,
  total_items = data.length,
) => ({
  data,
  pagination: { next_cursor, total_items },
});
