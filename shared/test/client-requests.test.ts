import { InvalidInputError, ResponseValidationError, SenseOnClient, VERSION } from '../src';
import { FakeApi, type RecordedRequest } from './helpers/fake-api';
import {
  aCase,
  aCaseDetail,
  aComment,
  aDevice,
  anAction,
  anObservation,
  aPat,
  aWebhook,
  page,
} from './helpers/fixtures';

let api: FakeApi;
let client: SenseOnClient;
const token = 'tok_requests_1234567890';
const last = (): RecordedRequest => api.requests.at(-1) as RecordedRequest;

beforeEach(async () => {
  api = await new FakeApi().start();
  client = new SenseOnClient({
    baseUrl: `${api.baseUrl}/`,
    token,
    tenantId: 'ten_acme',
    userAgent: 'senseon-zapier/0.1.0',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    rateLimit: false,
  });
});
afterEach(() => api.stop());

describe('what the client sends', () => {
  it('sends the identifying, auth, tenant and trace headers', async () => {
    api.reply({ status: 200, body: aDevice() });
    await client.devices.retrieve('dev_4');
    const { headers, url } = last();
    expect(url).toBe('/v1/devices/dev_4');
    expect(headers['user-agent']).toBe(
      `senseon-client/${VERSION} node/${process.versions.node} senseon-zapier/0.1.0`,
    );
    expect(headers).toMatchObject({
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'x-senseon-tenant': 'ten_acme',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(headers['content-type']).toBeUndefined();
    expect(headers['idempotency-key']).toBeUndefined();
  });

  it('lets one call override the traceparent and add headers; no Authorization without a token', async () => {
    const anonymous = new SenseOnClient({ baseUrl: api.baseUrl, rateLimit: false });
    api.reply({ status: 200, body: { data: [] } });
    await anonymous.pats.listScopes({
      traceparent: '00-11111111111111111111111111111111-2222222222222222-00',
      headers: { 'X-Gateway': 'yes' },
    });
    expect(last().headers.authorization).toBeUndefined();
    expect(last().headers.traceparent).toBe(
      '00-11111111111111111111111111111111-2222222222222222-00',
    );
    expect(last().headers['x-gateway']).toBe('yes');
  });

  it('repeats array filters in the query string', async () => {
    api.reply({ status: 200, body: page([aCase()]) });
    await client.cases.list({
      status: ['open', 'investigating'],
      severity: ['critical'],
      q: 'ransom ware',
    });
    expect(last().url).toBe(
      '/v1/cases?status=open&status=investigating&severity=critical&q=ransom+ware',
    );
  });

  it('sends JSON bodies with Content-Type and URL-encodes ids', async () => {
    api.reply({ status: 200, body: aCase({ status: 'contained' }) });
    const updated = await client.cases.update('case_123', { status: 'contained', tags: ['ir'] });
    expect(updated.status).toBe('contained');
    expect(last()).toMatchObject({ method: 'PATCH', url: '/v1/cases/case_123' });
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toEqual({ status: 'contained', tags: ['ir'] });
  });

  it('calls every endpoint at its path', async () => {
    const calls: [() => PromiseLike<unknown>, string, string, unknown][] = [
      [() => client.cases.retrieve('case_1'), 'GET', '/v1/cases/case_1', aCaseDetail()],
      [
        () => client.cases.listComments('case_1', { limit: 5 }),
        'GET',
        '/v1/cases/case_1/comments?limit=5',
        page([aComment()]),
      ],
      [
        () => client.cases.addComment('case_1', { body: 'hi' }),
        'POST',
        '/v1/cases/case_1/comments',
        aComment(),
      ],
      [
        () => client.actions.list({ status: 'pending_approval' }),
        'GET',
        '/v1/actions?status=pending_approval',
        page([anAction()]),
      ],
      [() => client.actions.retrieve('act_9'), 'GET', '/v1/actions/act_9', anAction()],
      [
        () => client.actions.approve('act_9'),
        'POST',
        '/v1/actions/act_9/approve',
        anAction({ status: 'approved' }),
      ],
      [
        () => client.actions.reject('act_9', { reason: 'no' }),
        'POST',
        '/v1/actions/act_9/reject',
        anAction({ status: 'rejected' }),
      ],
      [
        () => client.devices.list({ os_type: 'linux', min_risk_score: 50 }),
        'GET',
        '/v1/devices?os_type=linux&min_risk_score=50',
        page([aDevice()]),
      ],
      [
        () => client.observations.list({ class_uid: 2004 }),
        'GET',
        '/v1/observations?class_uid=2004',
        page([anObservation()]),
      ],
      [
        () => client.observations.retrieve('obs_1'),
        'GET',
        '/v1/observations/obs_1',
        anObservation(),
      ],
      [() => client.webhooks.list(), 'GET', '/v1/webhooks', page([aWebhook()])],
      [() => client.webhooks.retrieve('wh_1'), 'GET', '/v1/webhooks/wh_1', aWebhook()],
      [
        () => client.webhooks.test('wh_1'),
        'POST',
        '/v1/webhooks/wh_1/test',
        { delivery_id: 'dlv_1', event_id: 'evt_1' },
      ],
      [() => client.pats.list(), 'GET', '/v1/senseonapi/caa/pats', page([aPat()])],
      [
        () => client.pats.listAll({ limit: 10 }),
        'GET',
        '/v1/senseonapi/caa/pats/all?limit=10',
        page([aPat()]),
      ],
    ];
    for (const [call, method, url, body] of calls) {
      api.reply({ status: 200, body });
      await call();
      expect({ method: last().method, url: last().url }).toEqual({ method, url });
    }
  });

  it('returns nothing for 204 answers', async () => {
    api.reply({ status: 204 }, { status: 204 });
    await expect(client.webhooks.delete('wh_1')).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'DELETE', url: '/v1/webhooks/wh_1' });
    await client.pats.revoke('6f1c7e0a-2b1d-4c3e-9f00-1234567890ab');
    expect(last().url).toBe('/v1/senseonapi/caa/pats/6f1c7e0a-2b1d-4c3e-9f00-1234567890ab');
  });

  it('writes one observation or a batch', async () => {
    const { id: _id, tenant_id: _t, ingested_at: _stored, ...draft } = anObservation();
    api.reply(
      { status: 201, body: anObservation() },
      { status: 201, body: { data: [anObservation(), anObservation({ id: 'obs_2' })] } },
    );
    expect((await client.observations.create(draft)).id).toBe('obs_1');
    expect(JSON.parse(last().body)).toEqual(draft);
    const batch = await client.observations.createBatch([draft, draft]);
    expect(batch.map((o) => o.id)).toEqual(['obs_1', 'obs_2']);
    expect(JSON.parse(last().body).observations).toHaveLength(2);
  });
});

describe('input validation', () => {
  it('names each bad field and sends nothing', async () => {
    const attempts: [() => Promise<unknown>, string[]][] = [
      [() => client.cases.retrieve('dev_1'), ['case_id']],
      [
        () => client.cases.update('case_1', { severity: 'huge' as never, tags: [''] }),
        ['severity', 'tags.0'],
      ],
      [
        () => client.cases.list({ status: ['opened' as never], limit: 5000 }),
        ['status.0', 'limit'],
      ],
      [
        () =>
          client.actions.request('case_1', {
            type: 'isolate_device',
            target: {},
            justification: 'x',
          }),
        ['target.device_id'],
      ],
      [
        () =>
          client.actions.request('case_1', {
            type: 'add_ioc',
            target: { ioc: { type: 'sha256', value: 'abc' } },
            justification: 'x',
          }),
        ['target.ioc.value'],
      ],
      [() => client.cases.addComment('case_1', { body: '' }), ['body']],
      [() => client.observations.createBatch([]), ['observations']],
      [() => client.webhooks.create({ url: 'ftp://x', events: [] }), ['url', 'events']],
    ];
    for (const [call, fields] of attempts) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).fields.map((f) => f.field)).toEqual(fields);
      expect((error as Error).message).toMatch(/nothing was sent/);
    }
    expect(api.requests).toHaveLength(0);
  });

  it('rejects bad client options, naming the option', () => {
    expect(() => new SenseOnClient({ baseUrl: 'api.senseon.io' })).toThrow(/baseUrl/);
    expect(() => new SenseOnClient({ baseUrl: api.baseUrl, tenantId: 'acme' })).toThrow(/tenantId/);
    expect(() => new SenseOnClient({ baseUrl: api.baseUrl, traceparent: 'x' })).toThrow(
      /traceparent/,
    );
  });
});

describe('response validation', () => {
  it('names the path of a wrong type, with the request id', async () => {
    api.reply({ status: 200, body: page([aCase(), { ...aCase(), severity: 42 }]) });
    const error = await client.cases.list().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues[0]?.field).toBe('data.1.severity');
    expect((error as ResponseValidationError).requestId).toBe('req_1');
  });

  it('lets unknown extra fields through', async () => {
    api.reply({
      status: 200,
      body: { ...aDevice(), firmware: 'v9', os: { ...aDevice().os, arch: 'arm64' } },
    });
    const device = await client.devices.retrieve('dev_4');
    expect(device.firmware).toBe('v9');
    expect(device.os.arch).toBe('arm64');
  });

  it('reports a body that is not JSON', async () => {
    api.reply({ status: 200, body: '<html>proxy</html>' });
    await expect(client.devices.retrieve('dev_4')).rejects.toThrow(/not JSON/);
  });
});
