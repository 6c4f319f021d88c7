import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let analyst: Api;
let caseId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  analyst = apiFor(sandbox, 'analyst');
  caseId = (await analyst.get('/cases?limit=1')).body.data[0].id;
});
afterAll(() => sandbox.close());

const countComments = async () =>
  (await analyst.get(`/cases/${caseId}/comments?limit=1000`)).body.pagination.total_items as number;

describe('Idempotency-Key', () => {
  it('answers the same key and body with the first answer, and creates nothing new', async () => {
    const before = await countComments();
    const headers = { 'Idempotency-Key': 'comment-0001' };
    const first = await analyst.post(
      `/cases/${caseId}/comments`,
      { body: 'Escalated to IR.' },
      { headers },
    );
    const second = await analyst.post(
      `/cases/${caseId}/comments`,
      { body: 'Escalated to IR.' },
      { headers },
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await countComments()).toBe(before + 1);
  });

  it('answers 409 CONFLICT for the same key with another body', async () => {
    const headers = { 'Idempotency-Key': 'comment-0002' };
    await analyst.post(`/cases/${caseId}/comments`, { body: 'one' }, { headers });
    const res = await analyst.post(`/cases/${caseId}/comments`, { body: 'two' }, { headers });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.details[0].field).toBe('Idempotency-Key');
  });

  it('keeps keys per token', async () => {
    const headers = { 'Idempotency-Key': 'shared-key' };
    const before = await countComments();
    const a = await analyst.post(
      `/cases/${caseId}/comments`,
      { body: 'from analyst' },
      { headers },
    );
    const b = await apiFor(sandbox, 'admin').post(
      `/cases/${caseId}/comments`,
      { body: 'from admin' },
      { headers },
    );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await countComments()).toBe(before + 2);
  });

  it('replays a response action request, with its callback secret, without a second action', async () => {
    const devices = await analyst.get('/devices?status=online&limit=1000');
    const device = devices.body.data.find(
      (d: { criticality: string }) => d.criticality !== 'crown_jewel',
    );
    const body = {
      type: 'isolate_device',
      target: { device_id: device.id },
      justification: 'Ransomware note found.',
      callback_url: 'http://127.0.0.1:9/callback',
    };
    const headers = { 'Idempotency-Key': 'isolate-once' };
    const first = await analyst.post(`/cases/${caseId}/actions`, body, { headers });
    const again = await analyst.post(`/cases/${caseId}/actions`, body, { headers });
    expect(first.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(first.body.callback_secret).toMatch(/^whsec_/);
    const actions = await analyst.get(`/actions?case_id=${caseId}&type=isolate_device`);
    expect(actions.body.data.filter((a: { id: string }) => a.id === first.body.id)).toHaveLength(1);
    expect(actions.body.pagination.total_items).toBe(1);
    // The stored answer is encrypted: the secret it carried is nowhere in the database in clear
    // apart from the action's own column, which signs the callbacks.
    const stored = JSON.stringify(sandbox.db.prepare('SELECT * FROM idempotency_keys').all());
    expect(stored).not.toContain(first.body.callback_secret);
  });

  it('forgets a key after 24 hours', async () => {
    const headers = { 'Idempotency-Key': 'comment-expiring' };
    const first = await analyst.post(`/cases/${caseId}/comments`, { body: 'day one' }, { headers });
    sandbox.clock.advance(24 * 3600 * 1000 + 1000);
    const later = await analyst.post(`/cases/${caseId}/comments`, { body: 'day one' }, { headers });
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('rejects a key that is not 1–255 visible characters, naming the header', async () => {
    const res = await analyst.post(
      `/cases/${caseId}/comments`,
      { body: 'x' },
      {
        headers: { 'Idempotency-Key': 'k'.repeat(256) },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('Idempotency-Key');
  });
});
