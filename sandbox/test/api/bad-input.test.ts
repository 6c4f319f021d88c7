import { MAX_REQUEST_BODY_BYTES } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type RequestOptions } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let caseId: string;
let deviceId: string;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  caseId = (await admin.get('/cases?limit=1')).body.data[0].id;
  deviceId = (await admin.get('/devices?limit=1')).body.data[0].id;
});
afterAll(() => sandbox.close());

// Every row has all seven entries: a shorter row would make jest pass `done` as the last one.
type Case = [
  name: string,
  method: string,
  path: () => string,
  options: RequestOptions,
  status: number,
  code: string,
  field: string | null,
];

const action = (extra: Record<string, unknown>) => ({
  body: { type: 'add_ioc', justification: 'test', ...extra },
});

const CASES: Case[] = [
  [
    'malformed JSON',
    'POST',
    () => `/cases/${caseId}/comments`,
    { rawBody: '{"body": "unterminated' },
    400,
    'VALIDATION_ERROR',
    'body',
  ],
  [
    'JSON that is not an object',
    'POST',
    () => `/cases/${caseId}/comments`,
    { rawBody: '[1,2,3]' },
    400,
    'VALIDATION_ERROR',
    null,
  ],
  [
    'a missing field',
    'POST',
    () => `/cases/${caseId}/comments`,
    { body: {} },
    400,
    'VALIDATION_ERROR',
    'body',
  ],
  [
    'a wrong type',
    'POST',
    () => `/cases/${caseId}/comments`,
    { body: { body: 42 } },
    400,
    'VALIDATION_ERROR',
    'body',
  ],
  [
    'an empty comment',
    'POST',
    () => `/cases/${caseId}/comments`,
    { body: { body: '' } },
    400,
    'VALIDATION_ERROR',
    'body',
  ],
  [
    'a comment over 10,000 characters',
    'POST',
    () => `/cases/${caseId}/comments`,
    { body: { body: 'x'.repeat(10_001) } },
    400,
    'VALIDATION_ERROR',
    'body',
  ],
  [
    'an unknown field',
    'PATCH',
    () => `/cases/${caseId}`,
    { body: { status: 'open', colour: 'red' } },
    400,
    'VALIDATION_ERROR',
    'colour',
  ],
  [
    'an empty update',
    'PATCH',
    () => `/cases/${caseId}`,
    { body: {} },
    400,
    'VALIDATION_ERROR',
    null,
  ],
  [
    'an enum value not in the list',
    'PATCH',
    () => `/cases/${caseId}`,
    { body: { status: 'done' } },
    400,
    'VALIDATION_ERROR',
    'status',
  ],
  [
    'an unknown query parameter',
    'GET',
    () => '/cases?colour=red',
    {},
    400,
    'VALIDATION_ERROR',
    'colour',
  ],
  [
    'a bad date in a filter',
    'GET',
    () => '/cases?created_after=yesterday',
    {},
    400,
    'VALIDATION_ERROR',
    'created_after',
  ],
  [
    'a bad date in a body',
    'POST',
    () => '/cases',
    { body: { created_after: '2026-13-45' } },
    400,
    'VALIDATION_ERROR',
    'created_after',
  ],
  [
    'a bad severity in a repeated filter',
    'GET',
    () => '/cases?severity=high&severity=urgent',
    {},
    400,
    'VALIDATION_ERROR',
    'severity.1',
  ],
  [
    'a bad number',
    'GET',
    () => '/devices?min_risk_score=high',
    {},
    400,
    'VALIDATION_ERROR',
    'min_risk_score',
  ],
  ['a bad IP filter', 'GET', () => '/devices?ip=999.1.1.1', {}, 400, 'VALIDATION_ERROR', 'ip'],
  ['an id of the wrong shape', 'GET', () => '/cases/12345', {}, 400, 'VALIDATION_ERROR', 'case_id'],
  [
    'a device id of the wrong shape',
    'GET',
    () => '/devices/case_abc',
    {},
    400,
    'VALIDATION_ERROR',
    'device_id',
  ],
  [
    'a PAT id that is not a UUID',
    'DELETE',
    () => '/senseonapi/caa/pats/abc',
    {},
    400,
    'VALIDATION_ERROR',
    'pat_id',
  ],
  ['an unknown case', 'GET', () => '/cases/case_unknown0', {}, 404, 'INVALID_CASE_ID', 'case_id'],
  [
    'an unknown action',
    'GET',
    () => '/actions/act_unknown0',
    {},
    404,
    'INVALID_ACTION_ID',
    'action_id',
  ],
  [
    'approving an unknown action',
    'POST',
    () => '/actions/act_unknown0/approve',
    { body: {} },
    404,
    'INVALID_ACTION_ID',
    'action_id',
  ],
  [
    'an unknown device',
    'GET',
    () => '/devices/dev_unknown0',
    {},
    404,
    'INVALID_ENDPOINT_ID',
    'device_id',
  ],
  [
    'an unknown observation',
    'GET',
    () => '/observations/obs_unknown0',
    {},
    404,
    'NOT_FOUND',
    'observation_id',
  ],
  ['an unknown webhook', 'GET', () => '/webhooks/wh_unknown0', {}, 404, 'NOT_FOUND', 'webhook_id'],
  [
    'an unknown PAT',
    'DELETE',
    () => '/senseonapi/caa/pats/11111111-1111-4111-8111-111111111111',
    {},
    404,
    'INVALID_PAT_ID',
    'pat_id',
  ],
  ['an unknown path', 'GET', () => '/nothing-here', {}, 404, 'NOT_FOUND', 'path'],
  [
    'an invalid sha256 IOC',
    'POST',
    () => `/cases/${caseId}/actions`,
    action({ target: { ioc: { type: 'sha256', value: 'abc' } } }),
    400,
    'VALIDATION_ERROR',
    'target.ioc.value',
  ],
  [
    'an invalid IPv4 IOC',
    'POST',
    () => `/cases/${caseId}/actions`,
    action({ target: { ioc: { type: 'ipv4', value: '300.1.1.1' } } }),
    400,
    'VALIDATION_ERROR',
    'target.ioc.value',
  ],
  [
    'an invalid domain IOC',
    'POST',
    () => `/cases/${caseId}/actions`,
    action({ target: { ioc: { type: 'domain', value: 'not a domain' } } }),
    400,
    'VALIDATION_ERROR',
    'target.ioc.value',
  ],
  [
    'an unknown IOC type',
    'POST',
    () => `/cases/${caseId}/actions`,
    action({ target: { ioc: { type: 'email', value: 'a@b.c' } } }),
    400,
    'VALIDATION_ERROR',
    'target.ioc.type',
  ],
  [
    'an action without its target',
    'POST',
    () => `/cases/${caseId}/actions`,
    { body: { type: 'isolate_device', target: {}, justification: 'x' } },
    400,
    'VALIDATION_ERROR',
    'target.device_id',
  ],
  [
    'an unknown action type',
    'POST',
    () => `/cases/${caseId}/actions`,
    { body: { type: 'wipe_device', target: { device_id: 'dev_x' }, justification: 'x' } },
    400,
    'VALIDATION_ERROR',
    'type',
  ],
  [
    'an expires_in too short',
    'POST',
    () => `/cases/${caseId}/actions`,
    action({ target: { ioc: { type: 'md5', value: 'a'.repeat(32) } }, expires_in: 5 }),
    400,
    'VALIDATION_ERROR',
    'expires_in',
  ],
  [
    'a callback URL that is not http(s)',
    'POST',
    () => `/cases/${caseId}/actions`,
    action({
      target: { ioc: { type: 'md5', value: 'a'.repeat(32) } },
      callback_url: 'javascript:alert(1)',
    }),
    400,
    'VALIDATION_ERROR',
    'callback_url',
  ],
  [
    'an observation for an unknown device',
    'POST',
    () => '/observations',
    { body: observation({ device_id: 'dev_unknown0' }) },
    404,
    'INVALID_ENDPOINT_ID',
    'device_id',
  ],
  [
    'a batch with a bad observation',
    'POST',
    () => '/observations',
    { body: { observations: [observation({}), observation({ severity: 'extreme' })] } },
    400,
    'VALIDATION_ERROR',
    'observations.1.severity',
  ],
  [
    'a batch of more than 1,000',
    'POST',
    () => '/observations',
    { body: { observations: Array.from({ length: 1001 }, () => observation({})) } },
    400,
    'VALIDATION_ERROR',
    'observations',
  ],
];

function observation(extra: Record<string, unknown>) {
  return {
    source: 'endpoint',
    severity: 'low',
    title: 't',
    ocsf: {
      class_uid: 1007,
      category_uid: 1,
      activity_id: 1,
      type_uid: 100701,
      time: Date.now(),
      severity_id: 2,
      metadata: { version: '1.3.0', product: { name: 'T', vendor_name: 'T' } },
    },
    ...extra,
  };
}

describe('bad input never gets a 500', () => {
  it.each(CASES)('%s → %s %s', async (_name, method, path, options, status, code, field) => {
    const res = await admin.request(method, path(), options);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.request_id).toMatch(/^req_/);
    expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
    if (field) {
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.error.message).toContain(field);
    }
  });

  it('answers 413 PAYLOAD_TOO_LARGE to a body over the limit, without reading it', async () => {
    const res = await admin.post(`/cases/${caseId}/comments`, {
      body: 'x'.repeat(MAX_REQUEST_BODY_BYTES),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('quotes no secret back from a malformed body', async () => {
    const res = await admin.request('POST', `/cases/${caseId}/comments`, {
      rawBody: `{"body": "${sandbox.tokens.admin}"`,
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(sandbox.tokens.admin);
  });

  it('echoes a valid traceparent and ignores an invalid one', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await admin.get('/cases?limit=1', { headers: { traceparent } });
    expect(res.headers.get('traceparent')).toBe(traceparent);
    const bad = await admin.get('/cases?limit=1', { headers: { traceparent: '00-0000-zz' } });
    expect(bad.status).toBe(200);
    expect(bad.headers.get('traceparent')).toBeNull();
  });

  it('accepts a device id on a device endpoint and filters by it', async () => {
    expect((await admin.get(`/devices/${deviceId}`)).status).toBe(200);
  });
});
