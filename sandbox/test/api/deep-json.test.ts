import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let caseId: string;
let deviceId: string;
let observation: Json;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  caseId = (await admin.get('/cases?limit=1')).body.data[0].id;
  deviceId = (await admin.get('/devices?limit=1')).body.data[0].id;
  observation = (await admin.get('/observations?limit=1')).body.data[0];
});
afterAll(() => sandbox.close());

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A body valid in every way but one: `DEEP` is replaced by JSON nested `depth` deep. */
const withDeep = (body: unknown, depth: number) =>
  JSON.stringify(body).replace('"DEEP"', nested(depth));

describe('deeply nested JSON', () => {
  it.each([40, 5_000, 50_000])(
    'answers 400 VALIDATION_ERROR naming target for an action target %i deep',
    async (depth) => {
      const res = await admin.request('POST', `/cases/${caseId}/actions`, {
        rawBody: withDeep(
          {
            type: 'isolate_device',
            justification: 'x',
            target: { device_id: deviceId, extra: 'DEEP' },
          },
          depth,
        ),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(res.body.error.details[0].field).toMatch(/^target\.extra/);
    },
  );

  it.each([40, 5_000])('answers 400 naming ocsf for an observation %i deep', async (depth) => {
    const res = await admin.request('POST', '/observations', {
      rawBody: withDeep(
        {
          source: observation.source,
          severity: observation.severity,
          title: 'deep',
          ocsf: { ...observation.ocsf, unmapped: 'DEEP' },
        },
        depth,
      ),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
    expect(res.body.error.details[0].field).toMatch(/^ocsf\.unmapped/);
  });

  it('still accepts ordinary nesting (an observation as the sandbox serves it)', async () => {
    const res = await admin.request('POST', '/observations', {
      rawBody: withDeep(
        {
          source: observation.source,
          severity: observation.severity,
          title: 'shallow',
          ocsf: { ...observation.ocsf, unmapped: 'DEEP' },
        },
        10,
      ),
    });
    expect(res.status).toBe(201);
  });
});
