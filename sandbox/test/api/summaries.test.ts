import type { RunningSandbox } from '../../src';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { apiFor, eventually, startTestSandbox, type Api, type Json } from '../helpers/sandbox';
import { verifiedEvent } from '../helpers/webhooks';

let sandbox: RunningSandbox;
let analyst: Api;
let inbox: Receiver;
beforeAll(async () => {
  sandbox = await startTestSandbox({ summaryDelayMs: 150 });
  analyst = apiFor(sandbox, 'analyst');
  inbox = await startReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await inbox.close();
});

describe('AI case summaries', () => {
  it('404 before one is generated; 202 generating; then ready, with summary.generated', async () => {
    const hook = (
      await analyst.post('/webhooks', { url: inbox.url, events: ['summary.generated'] })
    ).body;
    const cases = (await analyst.get('/cases?limit=100&min_severity=high')).body.data as Json[];
    const item = cases[0];
    const missing = await analyst.get(`/cases/${item.id}/summary`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');

    const accepted = await analyst.post(`/cases/${item.id}/summary`);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ case_id: item.id, status: 'generating' });
    expect(Date.parse(accepted.body.requested_at)).not.toBeNaN();
    expect((await analyst.get(`/cases/${item.id}/summary`)).body.status).toBe('generating');

    const ready = await eventually(async () => {
      const res = await analyst.get(`/cases/${item.id}/summary`);
      return res.body.status === 'ready' ? res.body : undefined;
    });
    expect(ready.text).toContain(item.title);
    expect(ready.model).toEqual(expect.any(String));
    expect(ready.severity_assessment).toMatchObject({
      severity: expect.any(String),
      confidence: expect.any(Number),
    });
    expect(ready.recommended_actions.length).toBeGreaterThan(0);

    const [delivery] = await inbox.waitFor(1);
    const event = verifiedEvent(delivery!, hook.secret);
    expect(event.type).toBe('summary.generated');
    expect(event.data).toMatchObject({ case_id: item.id, status: 'ready', text: ready.text });

    // The case carries it, and so does the Connect API's list form.
    expect((await analyst.get(`/cases/${item.id}`)).body.ai_summary.text).toBe(ready.text);
    const listed = await analyst.post('/cases', { limit: 1000 });
    const inList = listed.body.data.find((c: Json) => c.id === item.id);
    expect(inList.ai_summary).toMatchObject({ status: 'ready', text: ready.text });
  });

  it('is deterministic: the same case gives the same text', async () => {
    const item = (await analyst.get('/cases?limit=1&sort=created_at')).body.data[0];
    const once = async () => {
      await analyst.post(`/cases/${item.id}/summary`);
      return eventually(async () => {
        const res = await analyst.get(`/cases/${item.id}/summary`);
        return res.body.status === 'ready' ? res.body : undefined;
      });
    };
    const a = await once();
    const b = await once();
    expect(b.text).toBe(a.text);
    expect(b.recommended_actions).toEqual(a.recommended_actions);
  });

  it('recommends isolating an online device of a critical case, and blocking its file hash', async () => {
    const cases = (await analyst.get('/cases?limit=1000&severity=critical')).body.data as Json[];
    const devices = new Map(
      ((await analyst.get('/devices?limit=1000')).body.data as Json[]).map((d) => [d.id, d]),
    );
    const critical = cases.find((c) =>
      c.device_ids.some((id: string) => devices.get(id)?.status === 'online'),
    );
    expect(critical).toBeDefined();
    await analyst.post(`/cases/${critical.id}/summary`);
    const ready = await eventually(async () => {
      const res = await analyst.get(`/cases/${critical.id}/summary`);
      return res.body.status === 'ready' ? res.body : undefined;
    });
    const isolate = ready.recommended_actions.find((a: Json) => a.action_type === 'isolate_device');
    expect(critical.device_ids).toContain(isolate.target.device_id);
    const observations = JSON.stringify(
      (await apiFor(sandbox, 'admin').get(`/observations?case_id=${critical.id}&limit=1000`)).body
        .data,
    );
    for (const ioc of ready.recommended_actions.filter((a: Json) => a.action_type === 'add_ioc')) {
      expect(observations.toLowerCase()).toContain(ioc.target.ioc.value);
    }
  });

  it('needs summaries:write to generate, and a known case', async () => {
    const item = (await analyst.get('/cases?limit=1')).body.data[0];
    expect((await apiFor(sandbox, 'readonly').post(`/cases/${item.id}/summary`)).status).toBe(403);
    const unknown = await analyst.post('/cases/case_doesnotexist/summary');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INVALID_CASE_ID');
  });
});
