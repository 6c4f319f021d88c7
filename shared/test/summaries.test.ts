import {
  summarizeAction,
  summarizeCase,
  summarizeCaseDetail,
  summarizeComment,
  summarizeDelivery,
  summarizeDevice,
  summarizeObservation,
  summarizePat,
  summarizeSummary,
  summarizeTrace,
  summarizeWebhook,
  verifyTraceChain,
} from '../src';
import {
  aCase,
  aCaseDetail,
  aComment,
  aDelivery,
  aDevice,
  anAction,
  anObservation,
  aPat,
  aSummary,
  aTraceChain,
  aWebhook,
} from './helpers/fixtures';

describe('one-sentence summaries', () => {
  it('summarise a case', () => {
    expect(summarizeCase(aCase())).toBe(
      'Case case_123 (critical, open): Ransomware on FIN-LAPTOP-7; 3 devices, 12 observations.',
    );
    expect(
      summarizeCase(aCase({ device_ids: ['dev_1'], observation_count: 1, assignee: 'bob' })),
    ).toBe(
      'Case case_123 (critical, open): Ransomware on FIN-LAPTOP-7; 1 device, 1 observation, assigned to bob.',
    );
    expect(summarizeCaseDetail(aCaseDetail())).toBe(
      'Case case_123 (critical, open): Ransomware on FIN-LAPTOP-7; 3 devices, 12 observations; 1 response action (1 pending approval); no AI summary yet.',
    );
  });

  it('summarise a response action in each state', () => {
    expect(summarizeAction(anAction())).toBe(
      'Response action act_9 (isolate_device on dev_4) is pending approval: containment always needs a human; requested by zapier (automation), expires 2026-11-23T19:00:00Z.',
    );
    const approved = anAction({
      status: 'approved',
      decided_by: { principal: 'alice', origin: 'human' },
      decided_at: '2026-11-23T18:10:00Z',
      decision_comment: 'Confirmed.',
    });
    expect(summarizeAction(approved)).toBe(
      'Response action act_9 (isolate_device on dev_4) was approved by alice (human) at 2026-11-23T18:10:00Z: Confirmed.',
    );
    const ioc = anAction({
      type: 'add_ioc',
      target: { ioc: { type: 'domain', value: 'evil.example' } },
      status: 'failed',
      result: { outcome: 'failed', message: 'Blocklist full' },
    });
    expect(summarizeAction(ioc)).toBe(
      'Response action act_9 (add_ioc domain evil.example) failed: Blocklist full.',
    );
    expect(
      summarizeAction(anAction({ type: 'close_case', target: {}, status: 'expired' })),
    ).toMatch(/close_case on case_123\) expired at .* without a decision/);
  });

  it('summarise devices, observations, comments and AI summaries', () => {
    expect(summarizeDevice(aDevice())).toBe(
      'Device dev_4 FIN-LAPTOP-7 (Windows 11 23H2) is online: risk 87/100, criticality high, last seen 2026-11-23T18:00:00Z.',
    );
    expect(summarizeObservation(anObservation())).toBe(
      'Observation obs_1 (high, endpoint, OCSF class 2004): Suspicious encryption burst; on dev_4 in case_123; observed 2026-11-23T18:00:00Z.',
    );
    expect(summarizeComment(aComment())).toBe(
      'Comment cmt_1 on case_123 by alice (human) at 2026-11-23T18:00:00Z: "Ticket INC-42 opened."',
    );
    expect(summarizeSummary(aSummary())).toBe(
      'AI summary of case_123: Ransomware encrypted files on FIN-LAPTOP-7; assessed critical (confidence 92%); recommends Isolate FIN-LAPTOP-7.',
    );
    expect(summarizeSummary(aSummary({ status: 'generating', text: null }))).toBe(
      'The AI summary of case_123 is still being generated.',
    );
  });

  it('summarise a trace, intact or broken', () => {
    const chain = aTraceChain(3);
    expect(summarizeTrace(chain, verifyTraceChain(chain))).toBe(
      `DecisionTrace of case_123: 3 entries, hash chain intact (head ${chain[2]?.hash.slice(0, 12)}…); latest: action.requested by zapier (automation) at 2026-11-23T18:03:00Z.`,
    );
    const broken = chain.filter((e) => e.seq !== 2);
    expect(summarizeTrace(broken, verifyTraceChain(broken))).toMatch(
      /^DecisionTrace of case_123 is NOT intact: entry seq 3: .* \(checked 2 of 2 entries\)\.$/,
    );
  });

  it('summarise webhooks, deliveries and tokens without their secrets', () => {
    const webhook = summarizeWebhook({ ...aWebhook(), secret: 'whsec_c2VjcmV0' } as never);
    expect(webhook).toBe(
      'Webhook wh_1 (active) sends case.created, action.requested to hooks.example.org.',
    );
    expect(webhook).not.toMatch(/secret|token=abc/);
    expect(summarizeDelivery(aDelivery())).toBe(
      'Delivery dlv_1 of case.created (evt_1) succeeded after 1 attempt (HTTP 200).',
    );
    expect(
      summarizeDelivery(
        aDelivery({ status: 'failed', attempts: 6, last_status_code: null, last_error: 'timeout' }),
      ),
    ).toBe(
      'Delivery dlv_1 of case.created (evt_1) failed after 6 attempts (last: timeout); it can be replayed.',
    );
    const pat = summarizePat({ ...aPat(), token: 'sk_live_secretvalue' } as never);
    expect(pat).toBe(
      'Personal access token "zapier" (6f1c7e0a-2b1d-4c3e-9f00-1234567890ab) of alice is active: scopes cases:read, actions:request; expires 2027-01-01T00:00:00Z; never used.',
    );
  });
});
