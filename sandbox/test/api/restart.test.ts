import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyTraceChain, type TraceEntry } from '@senseon/client';
import { startReceiver } from '../helpers/receiver';
import { Api, startTestSandbox } from '../helpers/sandbox';
import { verifiedEvent } from '../helpers/webhooks';

const ADMIN = 'restart-admin-token-000000000001';
const ANALYST = 'restart-analyst-token-00000000001';
const APPROVER = 'restart-approver-token-0000000001';
const tokens = [
  {
    value: ANALYST,
    scopes: [
      'cases:read',
      'cases:write',
      'devices:read',
      'actions:request',
      'webhooks:manage',
      'trace:read',
    ],
    name: 'analyst',
  },
  { value: APPROVER, scopes: ['cases:read', 'actions:approve'], name: 'approver' },
];

describe('restart with a database file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'senseon-sandbox-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps data, tokens, the pending delivery queue and an intact trace chain', async () => {
    const db = join(dir, 'sandbox.db');
    // A receiver that is down at first: the delivery stays queued.
    const down = await startReceiver();
    const port = down.port;
    await down.close();

    const first = await startTestSandbox({ db, adminToken: ADMIN, tokens, webhookTimeScale: 1 });
    const analyst = new Api(first.url, ANALYST);
    const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
    const hook = await analyst.post('/webhooks', {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['case.comment_added'],
    });
    const comment = await analyst.post(`/cases/${caseId}/comments`, {
      body: 'Written before the restart.',
    });
    const updated = await analyst.patch(`/cases/${caseId}`, {
      severity: 'critical',
      tags: ['restart'],
    });
    const pat = await new Api(first.url, ADMIN).post('/senseonapi/caa/pats', {
      name: 'survives',
      expiry_at: new Date(Date.now() + 86_400_000).toISOString(),
      scopes: ['cases:read'],
    });
    // Wait for the first, failing attempt: the next one is 30 s away.
    const failedOnce = await (async () => {
      for (let i = 0; i < 100; i++) {
        const res = await analyst.get(`/webhooks/${hook.body.id}/deliveries`);
        if (res.body.data[0]?.attempts >= 1) return res.body.data[0];
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('no attempt was made');
    })();
    expect(failedOnce.status).toBe('pending');
    await first.close();

    const inbox = await startReceiver(undefined, port);
    try {
      const second = await startTestSandbox({
        db,
        adminToken: ADMIN,
        tokens,
        webhookTimeScale: 0.001,
      });
      try {
        const again = new Api(second.url, ANALYST);
        const comments = await again.get(`/cases/${caseId}/comments`);
        expect(comments.body.data.map((c: { id: string }) => c.id)).toContain(comment.body.id);
        const item = await again.get(`/cases/${caseId}`);
        expect(item.body).toMatchObject({
          severity: 'critical',
          tags: ['restart'],
          updated_at: updated.body.updated_at,
        });
        expect((await new Api(second.url, pat.body.token).get('/cases?limit=1')).status).toBe(200);

        // The queued delivery resumes at its next attempt (30 s after the failure) and arrives,
        // signed with the same secret.
        second.clock.advance(31_000);
        const [delivery] = await inbox.waitFor(1, 5_000);
        const event = verifiedEvent(delivery!, hook.body.secret);
        expect(event.type).toBe('case.comment_added');
        expect(event.data.id).toBe(comment.body.id);

        const trace: TraceEntry[] = (await again.get(`/cases/${caseId}/trace?limit=1000`)).body
          .data;
        expect(trace.map((e) => e.event)).toEqual(
          expect.arrayContaining(['case.comment_added', 'case.updated']),
        );
        expect(verifyTraceChain(trace).valid).toBe(true);
        // New entries continue the same chain.
        await again.post(`/cases/${caseId}/comments`, { body: 'After the restart.' });
        const longer: TraceEntry[] = (await again.get(`/cases/${caseId}/trace?limit=1000`)).body
          .data;
        expect(longer).toHaveLength(trace.length + 1);
        expect(longer[longer.length - 1]!.prev_hash).toBe(trace[trace.length - 1]!.hash);
        expect(verifyTraceChain(longer).valid).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await inbox.close();
    }
  });

  it('resumes an approved action that had not run yet, and a summary still generating', async () => {
    const db = join(dir, 'resume.db');
    const first = await startTestSandbox({
      db,
      adminToken: ADMIN,
      tokens,
      actionExecutionMs: 60_000,
      summaryDelayMs: 60_000,
    });
    const analyst = new Api(first.url, ANALYST);
    const device = (await analyst.get('/devices?status=online&limit=100')).body.data.find(
      (d: { criticality: string }) => d.criticality !== 'crown_jewel',
    );
    const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
    const action = await analyst.post(`/cases/${caseId}/actions`, {
      type: 'isolate_device',
      target: { device_id: device.id },
      justification: 'Beaconing to a known C2.',
    });
    expect(
      (await new Api(first.url, APPROVER).post(`/actions/${action.body.id}/approve`, {})).status,
    ).toBe(200);
    await new Api(first.url, ADMIN).post(`/cases/${caseId}/summary`);
    await first.close();

    const second = await startTestSandbox({
      db,
      adminToken: ADMIN,
      tokens,
      actionExecutionMs: 10,
      summaryDelayMs: 10,
    });
    try {
      const again = new Api(second.url, ANALYST);
      const deadline = Date.now() + 5_000;
      let status = '';
      while (Date.now() < deadline && status !== 'completed') {
        status = (await again.get(`/actions/${action.body.id}`)).body.status;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe('completed');
      expect((await again.get(`/devices/${device.id}`)).body.status).toBe('isolated');
      // The summary keeps the time it was promised for; move the clock past it.
      second.clock.advance(61_000);
      const summary = await again.get(`/cases/${caseId}/summary`);
      expect(summary.body.status).toBe('ready');
    } finally {
      await second.close();
    }
  });
});
