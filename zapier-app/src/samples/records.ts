import { nextStepFor } from '../creates/generate-summary';

/**
 * Realistic records as the API returns them, for Zapier's samples (what users map from before
 * their first real event). Kept consistent with each other: one case, its device, its action.
 */

export const CASE = {
  id: 'case_8f2k1m9q',
  title: 'Ransomware precursor: Cobalt Strike beacon on FIN-LAPTOP-07',
  description:
    'Beaconing every 60 s to 185.220.101.42 over HTTPS from rundll32.exe, after a macro-enabled invoice opened in Outlook.',
  severity: 'critical',
  status: 'open',
  assignee: 'maria.lopez@acme.example',
  tags: ['ransomware', 'finance'],
  device_ids: ['dev_4h7t2w'],
  user_ids: ['usr_91kd2'],
  observation_count: 14,
  mitre: [
    { tactic_id: 'TA0011', technique_id: 'T1071.001', name: 'Application Layer Protocol: Web' },
    { tactic_id: 'TA0002', technique_id: 'T1218.011', name: 'System Binary Proxy: Rundll32' },
  ],
  ai_summary: null,
  created_at: '2026-11-20T09:14:03Z',
  updated_at: '2026-11-20T09:31:47Z',
  url: 'https://console.senseon.invalid/cases/case_8f2k1m9q',
  tenant_id: 'ten_acme01',
};

export const DEVICE = {
  id: 'dev_4h7t2w',
  hostname: 'FIN-LAPTOP-07',
  ip_addresses: ['10.20.4.17', 'fe80::1c2a:7ff:fe3b:9d10'],
  mac: '3c:22:fb:91:0a:7e',
  os: { type: 'windows', name: 'Windows 11 Enterprise', version: '23H2' },
  agent_version: '5.12.3',
  status: 'online',
  risk_score: 87,
  criticality: 'high',
  tags: ['finance', 'laptop'],
  owner_user_id: 'usr_91kd2',
  url: 'https://console.senseon.invalid/devices/dev_4h7t2w',
  tenant_id: 'ten_acme01',
  last_seen_at: '2026-11-20T09:30:12Z',
};

export const ACTION = {
  id: 'act_6n3p8r',
  case_id: CASE.id,
  type: 'isolate_device',
  target: { device_id: DEVICE.id },
  status: 'pending_approval',
  requires_approval: true,
  policy: {
    rule: 'containment_requires_approval',
    reason: 'isolate_device always needs a human approval',
  },
  requested_by: { principal: 'zapier-automation', origin: 'automation' },
  justification: 'Active C2 beaconing from a finance laptop; contain before lateral movement.',
  callback_url: null,
  decided_by: null,
  decided_at: null,
  decision_comment: null,
  result: null,
  created_at: '2026-11-20T09:32:05Z',
  updated_at: '2026-11-20T09:32:05Z',
  expires_at: '2026-11-20T10:32:05Z',
  url: 'https://console.senseon.invalid/response-actions/act_6n3p8r',
  tenant_id: 'ten_acme01',
};

export const DECIDED_ACTION = {
  ...ACTION,
  status: 'approved',
  decided_by: { principal: 'sam.okafor@acme.example', origin: 'human' },
  decided_at: '2026-11-20T09:35:40Z',
  decision_comment: 'Confirmed with the user; isolate now.',
  updated_at: '2026-11-20T09:35:40Z',
};

export const COMMENT = {
  id: 'cmt_2v9x4z',
  case_id: CASE.id,
  body: 'Ticket INC-20431 opened in ServiceNow for the finance team.',
  author: { principal: 'zapier-automation', origin: 'automation' },
  created_at: '2026-11-20T09:33:10Z',
};

export const AI_SUMMARY = {
  case_id: CASE.id,
  status: 'ready',
  text: 'A macro-enabled invoice opened on FIN-LAPTOP-07 launched rundll32.exe, which beacons to a known Cobalt Strike server. No lateral movement yet.',
  severity_assessment: {
    severity: 'critical',
    confidence: 0.92,
    rationale: 'Known C2 infrastructure and a ransomware-typical initial access chain.',
  },
  recommended_actions: [
    {
      description: 'Isolate FIN-LAPTOP-07 from the network.',
      action_type: 'isolate_device',
      target: { device_id: DEVICE.id },
    },
    {
      description: 'Block the C2 address 185.220.101.42.',
      action_type: 'add_ioc',
      target: { ioc: { type: 'ipv4', value: '185.220.101.42' } },
    },
  ],
  generated_at: '2026-11-20T09:34:02Z',
  model: 'senseon-analyst-2',
};

/**
 * Generate AI Case Summary when the summary is not ready within Zapier's time limit: the API's
 * record while generating (empty here; a regenerated one keeps the previous text meanwhile) and
 * `next_step`, what to do to get the summary later.
 */
export const AI_SUMMARY_GENERATING = {
  case_id: CASE.id,
  status: 'generating',
  text: null,
  severity_assessment: null,
  recommended_actions: [],
  generated_at: null,
  model: null,
  next_step: nextStepFor(CASE.id),
};

export const OBSERVATION = {
  id: 'obs_7c1d5e',
  observed_at: '2026-11-20T09:13:58Z',
  ingested_at: '2026-11-20T09:14:03Z',
  source: 'endpoint',
  severity: 'high',
  title: 'rundll32.exe beaconing to 185.220.101.42:443',
  device_id: DEVICE.id,
  case_id: CASE.id,
  ocsf: {
    class_uid: 2004,
    category_uid: 2,
    activity_id: 1,
    type_uid: 200401,
    time: 1795338838000,
    severity_id: 4,
    metadata: { version: '1.9.0-dev', product: { name: 'SenseOn', vendor_name: 'SenseOn' } },
    finding_info: {
      uid: 'f3b0c1e2-7d4a-4e8b-9a51-0c6d2e8f4a17',
      title: 'rundll32.exe beaconing to 185.220.101.42:443',
    },
  },
  tenant_id: 'ten_acme01',
};

export const TRACE_ENTRY = {
  seq: 41,
  at: '2026-11-20T09:35:40Z',
  tenant_id: 'ten_acme01',
  case_id: CASE.id,
  actor: { principal: 'sam.okafor@acme.example', origin: 'human' },
  event: 'action.approved',
  details: { action_id: ACTION.id, type: 'isolate_device' },
  prev_hash: '5d1f0c8e2b7a4c9d8e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f',
  hash: '9a8b7c6d5e4f30211f2e3d4c5b6a79880f1e2d3c4b5a69788796a5b4c3d2e1f0',
};

/**
 * Find Case's record: the case with its timeline, first observations and response actions, as
 * `GET /cases/{case_id}` gives it (Find Case answers that shape whether found by id or by filters).
 */
export const CASE_DETAIL = {
  ...CASE,
  timeline: [
    {
      at: CASE.created_at,
      event: 'case.created',
      description: 'Case opened from 14 correlated observations.',
      actor: { principal: 'system', origin: 'system' },
    },
  ],
  observations: [OBSERVATION],
  actions: [ACTION],
};
