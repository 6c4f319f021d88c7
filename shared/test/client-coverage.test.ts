import { ENDPOINTS, SenseOnClient, type EndpointId } from '../src';
import { FakeApi, type RecordedRequest } from './helpers/fake-api';
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
  page,
} from './helpers/fixtures';
import { aHunt, aTelemetryEvent } from './helpers/telemetry-fixtures';

/** The endpoint a recorded request hit, by method and path template. */
function endpointOf(request: RecordedRequest): EndpointId | undefined {
  const path = request.url.split('?')[0]?.replace(/^\/v1/, '');
  return (Object.keys(ENDPOINTS) as EndpointId[]).find((id) => {
    const endpoint = ENDPOINTS[id];
    const pattern = new RegExp(`^${endpoint.path.replace(/\{\w+\}/g, '[^/]+')}$`);
    return endpoint.method.toUpperCase() === request.method && pattern.test(path ?? '');
  });
}

/**
 * Not request-and-answer calls, so not the client's: `GET /events/stream` is a long-lived
 * Server-Sent Events stream, read by the n8n Stream Trigger's own reader
 * (n8n-nodes/nodes/SenseOnStreamTrigger) and tested against the sandbox there.
 */
const STREAMS = ['streamEvents'] as const satisfies readonly EndpointId[];

const ANSWERS: Record<Exclude<EndpointId, (typeof STREAMS)[number]>, unknown> = {
  getMe: {
    principal: 'zapier',
    token_name: 'zapier',
    scopes: ['cases:read'],
    tenant: { id: 'ten_acme', name: 'Acme' },
    tenants: [{ id: 'ten_acme', name: 'Acme' }],
    expires_at: null,
  },
  listCases: page([aCase()]),
  searchCases: page([aCase()]),
  getCase: aCaseDetail(),
  updateCase: aCase(),
  listComments: page([aComment()]),
  createComment: aComment(),
  generateSummary: {
    case_id: 'case_123',
    status: 'generating',
    requested_at: '2026-11-23T18:00:00Z',
  },
  getSummary: aSummary(),
  getCaseTrace: page(aTraceChain(2)),
  getTraceCheckpoint: {
    tenant_id: 'ten_acme',
    tree_size: 2,
    root_hash: 'a'.repeat(64),
    timestamp: '2026-11-23T18:00:00Z',
    key_id: '0123456789abcdef',
    signature: 'c2ln',
    note: 'senseon.io/decisiontrace/ten_acme',
  },
  getTraceInclusionProof: { leaf_index: 0, seq: 1, tree_size: 2, audit_path: ['b'.repeat(64)] },
  getTraceConsistencyProof: { first: 1, second: 2, consistency_path: ['b'.repeat(64)] },
  listTenantTrace: { start: 0, tree_size: 2, data: aTraceChain(2) },
  getTraceKeys: {
    keys: [{ key_id: '0123456789abcdef', algorithm: 'Ed25519', public_key: 'A'.repeat(43) + '=' }],
  },
  requestAction: anAction(),
  listActions: page([anAction()]),
  getAction: anAction(),
  approveAction: anAction({ status: 'approved' }),
  rejectAction: anAction({ status: 'rejected' }),
  listDevices: page([aDevice()]),
  getDevice: aDevice(),
  listUsers: page([
    {
      id: 'usr_1',
      name: 'Dana Reyes',
      email: 'dana.reyes@acme.example',
      department: 'Finance',
      status: 'active',
      tenant_id: 'ten_1',
    },
  ]),
  listObservations: page([anObservation()]),
  listEvents: page([
    {
      id: 'evt_1',
      type: 'case.created',
      created_at: '2026-11-23T18:00:00Z',
      tenant_id: 'ten_acme',
      data: aCase(),
    },
  ]),
  getObservation: anObservation(),
  createObservations: anObservation(),
  createWebhook: { ...aWebhook(), secret: 'whsec_c2VjcmV0c2VjcmV0' },
  listWebhooks: page([aWebhook()]),
  getWebhook: aWebhook(),
  deleteWebhook: undefined,
  testWebhook: { delivery_id: 'dlv_1', event_id: 'evt_1' },
  listDeliveries: page([aDelivery()]),
  replayDelivery: aDelivery(),
  claimEvent: {
    webhook_id: 'wh_1',
    event_id: 'evt_1',
    first: true,
    claimed_at: '2026-11-29T00:00:00.000Z',
  },
  releaseEventClaim: undefined,
  listPatScopes: { data: [{ scope: 'cases:read', description: 'Read cases' }] },
  createPat: { ...aPat(), token: 'sk_new_token_value' },
  listPats: page([aPat()]),
  listAllPats: page([aPat()]),
  revokePat: undefined,
  listTelemetry: page([aTelemetryEvent()]),
  createHunt: aHunt(),
  getHunt: aHunt(),
  listHuntResults: page([aTelemetryEvent()]),
  cancelHunt: { ...aHunt(), status: 'cancelled' },
  listScripts: page([
    {
      id: 'scr_processlist',
      name: 'Collect running processes',
      description: 'Lists the running processes.',
      os_types: ['windows', 'linux'],
      parameters: { type: 'object', properties: {} },
      containment: false,
      timeout_seconds: 120,
    },
  ]),
};

describe('the client covers the whole contract', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await new FakeApi().start();
    api.handle((request) => {
      const id = endpointOf(request);
      if (!id) return { status: 404, body: { error: { code: 'NOT_FOUND', message: request.url } } };
      const body = ANSWERS[id as keyof typeof ANSWERS];
      return { status: body === undefined ? 204 : ENDPOINTS[id].success.status, body };
    });
  });
  afterAll(() => api.stop());

  it('has a method for every endpoint, and each answer validates', async () => {
    const client = new SenseOnClient({
      baseUrl: api.baseUrl,
      token: 'tok_cover_123456',
      rateLimit: false,
    });
    const { id: _id, tenant_id: _tenant, ingested_at: _stored, ...draft } = anObservation();
    await client.me();
    await client.cases.list();
    await client.cases.search();
    await client.cases.retrieve('case_1');
    await client.cases.update('case_1', { assignee: null });
    await client.cases.listComments('case_1');
    await client.cases.addComment('case_1', { body: 'x' });
    await client.cases.generateSummary('case_1');
    await client.cases.retrieveSummary('case_1');
    await client.cases.trace('case_1');
    await client.trace.checkpoint();
    await client.trace.inclusionProof({ seq: 1, tree_size: 2 });
    await client.trace.consistencyProof(1, 2);
    await client.trace.entries();
    await client.trace.keys();
    await client.actions.request('case_1', {
      type: 'close_case',
      target: {},
      justification: 'done',
    });
    await client.actions.list();
    await client.actions.retrieve('act_1');
    await client.actions.approve('act_1', { approver: 'alice' });
    await client.actions.reject('act_1', { reason: 'no' });
    await client.devices.list();
    await client.devices.retrieve('dev_1');
    await client.users.list();
    await client.observations.list();
    await client.observations.retrieve('obs_1');
    await client.observations.create(draft);
    await client.events.list({ type: ['case.updated'] });
    await client.webhooks.create({ url: 'https://example.org/hook', events: ['case.created'] });
    await client.webhooks.list();
    await client.webhooks.retrieve('wh_1');
    await client.webhooks.delete('wh_1');
    await client.webhooks.test('wh_1');
    await client.webhooks.listDeliveries('wh_1');
    await client.webhooks.replayDelivery('wh_1', 'dlv_1');
    await client.webhooks.claimEvent('wh_1', 'evt_1');
    await client.webhooks.releaseEventClaim('wh_1', 'evt_1');
    await client.pats.listScopes();
    await client.pats.create({
      name: 'n8n',
      expiry_at: '2027-01-01T00:00:00Z',
      scopes: ['cases:read'],
    });
    await client.pats.list();
    await client.pats.listAll();
    await client.pats.revoke('6f1c7e0a-2b1d-4c3e-9f00-1234567890ab');
    const range = {
      observed_after: '2026-11-23T00:00:00Z',
      observed_before: '2026-11-24T00:00:00Z',
    };
    await client.telemetry.list(range);
    await client.hunts.create({ query: 'process.name = "cmd.exe"', ...range });
    await client.hunts.retrieve('hunt_1');
    await client.hunts.results('hunt_1');
    await client.hunts.cancel('hunt_1');
    await client.scripts.list({ os_type: 'linux' });
    const hit = new Set(api.requests.map(endpointOf));
    const missing = Object.keys(ENDPOINTS).filter(
      (id) => !hit.has(id as EndpointId) && !(STREAMS as readonly string[]).includes(id),
    );
    expect(missing).toEqual([]);
  });
});
