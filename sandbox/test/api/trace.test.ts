import { verifyTraceChain, type TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { Api, apiFor, startTestSandbox } from '../helpers/sandbox';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('DecisionTrace', () => {
  it('records updates, comments and summaries in a chain that verifies', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
    await analyst.patch(`/cases/${caseId}`, { status: 'investigating', assignee: 'priya.shah' });
    await analyst.post(`/cases/${caseId}/comments`, { body: 'Looking into it.' });
    await analyst.post(`/cases/${caseId}/summary`);
    const res = await analyst.get(`/cases/${caseId}/trace`);
    expect(res.status).toBe(200);
    const entries: TraceEntry[] = res.body.data;
    const events = entries.map((e) => e.event);
    expect(events[0]).toBe('case.created');
    expect(events).toEqual(
      expect.arrayContaining(['case.updated', 'case.comment_added', 'summary.requested']),
    );
    const update = entries.find((e) => e.event === 'case.updated');
    expect(update?.details.changes).toMatchObject({ status: { to: 'investigating' } });
    expect(update?.actor.principal).toBe('analyst');
    expect(verifyTraceChain(entries)).toMatchObject({ valid: true, checked: entries.length });
  });

  it('cannot be changed: raw SQL UPDATE and DELETE fail, and no endpoint writes it', () => {
    expect(() => sandbox.db.prepare(`UPDATE trace_entries SET event = 'x'`).run()).toThrow(
      /append-only/,
    );
    expect(() => sandbox.db.prepare('DELETE FROM trace_entries').run()).toThrow(/append-only/);
    const count = sandbox.db.prepare('SELECT COUNT(*) AS n FROM trace_entries').get() as {
      n: number;
    };
    expect(count.n).toBeGreaterThan(0);
  });

  it('detects tampering when an entry is changed behind the triggers’ back', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    const caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
    const entries: TraceEntry[] = (await analyst.get(`/cases/${caseId}/trace`)).body.data;
    const forged = entries.map((e, i) =>
      i === 1 ? { ...e, details: { ...e.details, forged: true } } : e,
    );
    expect(verifyTraceChain(forged)).toMatchObject({
      valid: false,
      first_bad_seq: entries[1]!.seq,
    });
  });

  it('keeps tenant-level entries (tokens, subscriptions) in their own chain', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    await analyst.post('/webhooks', { url: 'http://127.0.0.1:9/x', events: ['case.created'] });
    const rows = sandbox.db
      .prepare('SELECT * FROM trace_entries WHERE case_id IS NULL AND tenant_id = ? ORDER BY seq')
      .all(sandbox.tenants[0] as string) as Record<string, unknown>[];
    const entries = rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      tenant_id: r.tenant_id,
      case_id: null,
      actor: JSON.parse(r.actor as string),
      event: r.event,
      details: JSON.parse(r.details as string),
      prev_hash: r.prev_hash,
      hash: r.hash,
    })) as TraceEntry[];
    expect(entries.map((e) => e.event)).toContain('webhook.created');
    expect(verifyTraceChain(entries).valid).toBe(true);
  });

  it('needs trace:read', async () => {
    const caseId = (await apiFor(sandbox, 'admin').get('/cases?limit=1')).body.data[0].id;
    const created = await apiFor(sandbox, 'admin').post('/senseonapi/caa/pats', {
      name: 'no-trace',
      expiry_at: new Date(Date.now() + 3_600_000).toISOString(),
      scopes: ['cases:read'],
    });
    const res = await new Api(sandbox.url, created.body.token).get(`/cases/${caseId}/trace`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('trace:read');
  });
});
