import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { ENDPOINTS, type EndpointId } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { startReceiver, type Receiver } from '../helpers/receiver';
import {
  Api,
  apiFor,
  eventually,
  startTestSandbox,
  type ApiResponse,
  type Json,
  type RequestOptions,
} from '../helpers/sandbox';

/**
 * Every endpoint's actual answers, success and error, validated against the OpenAPI document
 * the sandbox serves (which the core generates from the same endpoint table).
 */
let sandbox: RunningSandbox;
let receiver: Receiver;
let document: Json;
let ajv: Ajv2020;
const DOC_ID = 'https://sandbox.senseon.invalid/openapi.json';
const validators = new Map<string, ValidateFunction>();
const covered = new Map<EndpointId, Set<number>>();

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function responseSchemaPointer(id: EndpointId, status: number): string | null {
  const def = ENDPOINTS[id];
  const responses = document.paths[def.path][def.method].responses;
  let response = responses[String(status)];
  if (!response) throw new Error(`${id}: the OpenAPI document has no ${status} answer`);
  let base = `#/${pointer('paths', def.path, def.method, 'responses', String(status))}`;
  if (response.$ref) {
    base = response.$ref;
    const name = (response.$ref as string).split('/').pop() as string;
    response = document.components.responses[name];
  }
  if (!response.content) return null;
  return `${base}/${pointer('content', 'application/json', 'schema')}`;
}

function validate(id: EndpointId, res: ApiResponse): void {
  const schemaPointer = responseSchemaPointer(id, res.status);
  if (schemaPointer === null) {
    expect(res.text).toBe('');
  } else {
    let check = validators.get(schemaPointer);
    if (!check) {
      check = ajv.compile({ $ref: `${DOC_ID}${schemaPointer}` });
      validators.set(schemaPointer, check);
    }
    if (!check(res.body)) {
      throw new Error(
        `${id} ${res.status} does not match the OpenAPI document: ${ajv.errorsText(check.errors)}\n${res.text.slice(0, 500)}`,
      );
    }
  }
  const statuses = covered.get(id) ?? new Set<number>();
  statuses.add(res.status);
  covered.set(id, statuses);
}

async function call(
  api: Api,
  id: EndpointId,
  params: Record<string, string> = {},
  options: RequestOptions & { query?: string } = {},
): Promise<ApiResponse> {
  const def = ENDPOINTS[id];
  const path = def.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${id}: no value for ${name}`);
    return value;
  });
  const res = await api.request(def.method.toUpperCase(), `${path}${options.query ?? ''}`, options);
  validate(id, res);
  return res;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
  document = (await apiFor(sandbox).get('/openapi.json', { anonymous: true })).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
  ajv.addFormat(
    'date-time',
    (value: string) => isoTime.test(value) && !Number.isNaN(Date.parse(value)),
  );
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('ipv4', /^(\d{1,3}\.){3}\d{1,3}$/);
  ajv.addFormat('ipv6', (value: string) => value.includes(':'));
  ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
  ajv.addSchema({ ...document, $id: DOC_ID });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

describe('the sandbox answers as its OpenAPI document says', () => {
  it('for every endpoint, in success and in error', async () => {
    const admin = apiFor(sandbox, 'admin');
    const analyst = apiFor(sandbox, 'analyst');
    const approver = apiFor(sandbox, 'approver');
    const readonly = apiFor(sandbox, 'readonly');

    // Tokens.
    await call(analyst, 'getMe');
    await call(analyst, 'listPatScopes');
    const pat = await call(
      analyst,
      'createPat',
      {},
      {
        body: {
          name: 'conformance',
          expiry_at: new Date(Date.now() + 3_600_000).toISOString(),
          scopes: ['cases:read'],
        },
      },
    );
    await call(analyst, 'listPats');
    await call(admin, 'listAllPats');
    await call(analyst, 'listAllPats'); // 403
    await call(analyst, 'revokePat', { pat_id: pat.body.pat_id });
    await call(analyst, 'revokePat', { pat_id: '22222222-2222-4222-8222-222222222222' }); // 404
    await call(analyst, 'createPat', {}, { body: { name: 'x', expiry_at: 'soon', scopes: [] } }); // 400

    // Cases.
    const cases = await call(analyst, 'listCases', {}, { query: '?limit=5' });
    const caseId: string = cases.body.data[0].id;
    await call(analyst, 'listCases', {}, { query: '?limit=0' }); // 400
    await call(analyst, 'searchCases', {}, { body: { limit: 3, min_severity: 'medium' } });
    await call(analyst, 'getCase', { case_id: caseId });
    await call(analyst, 'getCase', { case_id: 'case_missing1' }); // 404
    await call(
      analyst,
      'updateCase',
      { case_id: caseId },
      { body: { status: 'investigating', tags: ['conformance'] } },
    );
    await call(readonly, 'updateCase', { case_id: caseId }, { body: { status: 'open' } }); // 403
    await call(
      analyst,
      'createComment',
      { case_id: caseId },
      { body: { body: 'Conformance comment.' } },
    );
    await call(analyst, 'listComments', { case_id: caseId });
    await call(analyst, 'getSummary', { case_id: caseId }); // 404
    await call(analyst, 'generateSummary', { case_id: caseId });
    await eventually(async () =>
      (await analyst.get(`/cases/${caseId}/summary`)).body.status === 'ready' ? true : undefined,
    );
    await call(analyst, 'getSummary', { case_id: caseId });
    await call(analyst, 'getCase', { case_id: caseId });
    await call(analyst, 'searchCases', {}, { body: { limit: 1000 } });

    // Devices and observations.
    const devices = await call(analyst, 'listDevices', {}, { query: '?limit=1000' });
    const online = devices.body.data.filter((d: Json) => d.status === 'online');
    const plain = online.filter((d: Json) => d.criticality !== 'crown_jewel');
    const jewel = online.find((d: Json) => d.criticality === 'crown_jewel');
    await call(analyst, 'getDevice', { device_id: plain[0].id });
    await call(analyst, 'getDevice', { device_id: 'dev_missing1' }); // 404
    await call(analyst, 'listUsers', {}, { query: '?limit=2' });
    await call(analyst, 'listUsers', {}, { query: '?status=gone' }); // 400

    // Remote scripts: the catalog, and a run whose result carries every device's answer.
    await call(analyst, 'listScripts', {}, { query: '?os_type=linux&limit=2' });
    await call(analyst, 'listScripts', {}, { query: '?os_type=beos' }); // 400
    const run = await call(
      analyst,
      'requestAction',
      { case_id: caseId },
      {
        body: {
          type: 'run_script',
          target: { script_id: 'scr_persistence', device_ids: [plain[0].id] },
          justification: 'Conformance: persistence triage.',
        },
      },
    );
    await eventually(async () =>
      (await analyst.get(`/actions/${run.body.id}`)).body.result ? true : undefined,
    );
    await call(analyst, 'getAction', { action_id: run.body.id });
    // The event stream's refusals (its 200 is a stream, read in event-stream.test.ts).
    await call(readonly, 'streamEvents'); // 403
    await call(analyst, 'streamEvents', {}, { query: '?last_event_id=evt_unknown1' }); // 400
    const observations = await call(
      analyst,
      'listObservations',
      {},
      { query: '?limit=3&min_severity=low' },
    );
    await call(analyst, 'getObservation', { observation_id: observations.body.data[0].id });
    await call(analyst, 'listObservations', {}, { query: '?sort=ingested_at&limit=2' });
    await call(analyst, 'listEvents', {}, { query: '?type=case.updated&limit=5' });
    await call(analyst, 'listEvents', {}, { query: '?type=device.updated' }); // 400
    await call(apiFor(sandbox, 'admin'), 'listEvents', {}, { query: '?sort=-created_at' });
    const written = { ...observations.body.data[0] };
    for (const key of ['id', 'tenant_id', 'ingested_at']) delete written[key];
    await call(admin, 'createObservations', {}, { body: written });
    await call(admin, 'createObservations', {}, { body: { observations: [written, written] } });
    await call(analyst, 'createObservations', {}, { body: written }); // 403: observations:write
    await call(
      admin,
      'createObservations',
      {},
      {
        rawBody: JSON.stringify({
          observations: Array(1000).fill({
            ...written,
            ocsf: { ...written.ocsf, unmapped: { senseon: { padding: 'x'.repeat(10_000) } } },
          }),
        }),
      },
    ); // 413: over MAX_REQUEST_BODY_BYTES

    // Response actions.
    const isolate = await call(
      analyst,
      'requestAction',
      { case_id: caseId },
      {
        body: {
          type: 'isolate_device',
          target: { device_id: plain[0].id },
          justification: 'Conformance.',
          callback_url: `${receiver.url}/cb`,
        },
      },
    );
    await call(analyst, 'listActions', {}, { query: '?status=pending_approval' });
    await call(analyst, 'getAction', { action_id: isolate.body.id });
    await call(analyst, 'getAction', { action_id: 'act_missing1' }); // 404
    await call(
      approver,
      'approveAction',
      { action_id: isolate.body.id },
      { body: { comment: 'ok' } },
    );
    await call(approver, 'approveAction', { action_id: isolate.body.id }, { body: {} }); // 409
    const second = await call(
      analyst,
      'requestAction',
      { case_id: caseId },
      {
        body: {
          type: 'isolate_device',
          target: { device_id: plain[1].id },
          justification: 'Conformance.',
        },
      },
    );
    await call(
      approver,
      'rejectAction',
      { action_id: second.body.id },
      { body: { reason: 'No.' } },
    );
    await call(
      approver,
      'rejectAction',
      { action_id: second.body.id },
      { body: { reason: 'No.' } },
    ); // 409
    await call(analyst, 'approveAction', { action_id: second.body.id }, { body: {} }); // 403
    if (jewel) {
      const critical = await call(
        analyst,
        'requestAction',
        { case_id: caseId },
        {
          body: {
            type: 'isolate_device',
            target: { device_id: jewel.id },
            justification: 'Conformance.',
          },
        },
      );
      await call(approver, 'approveAction', { action_id: critical.body.id }, { body: {} }); // 428
    }
    await eventually(async () =>
      (await analyst.get(`/actions/${isolate.body.id}`)).body.status === 'completed'
        ? true
        : undefined,
    );
    await call(
      analyst,
      'requestAction',
      { case_id: caseId },
      {
        body: {
          type: 'isolate_device',
          target: { device_id: plain[0].id },
          justification: 'Already isolated.',
        },
      },
    ); // 422
    await call(
      analyst,
      'requestAction',
      { case_id: caseId },
      {
        body: {
          type: 'add_ioc',
          target: { ioc: { type: 'md5', value: 'zz' } },
          justification: 'x',
        },
      },
    ); // 400
    await call(analyst, 'getCaseTrace', { case_id: caseId }, { query: '?limit=1000' });
    const checkpoint = await call(analyst, 'getTraceCheckpoint');
    const size = checkpoint.body.tree_size as number;
    await call(analyst, 'getTraceInclusionProof', {}, { query: `?leaf_index=0&tree_size=${size}` });
    await call(analyst, 'getTraceInclusionProof', {}, { query: `?tree_size=${size}` }); // 400
    await call(analyst, 'getTraceInclusionProof', {}, { query: `?seq=999999&tree_size=${size}` }); // 404
    await call(analyst, 'getTraceConsistencyProof', {}, { query: `?first=1&second=${size}` });
    await call(
      analyst,
      'getTraceConsistencyProof',
      {},
      { query: `?first=${size + 1}&second=${size}` },
    ); // 400
    await call(analyst, 'listTenantTrace', {}, { query: '?start=0&limit=5' });
    await call(analyst, 'getTraceKeys');

    // Raw telemetry and hunts.
    const week = `?observed_after=${new Date(Date.now() - 7 * 86_400_000).toISOString()}&observed_before=${new Date().toISOString()}`;
    const telemetry = await call(analyst, 'listTelemetry', {}, { query: `${week}&limit=20` });
    const device = telemetry.body.data[0].device_id as string;
    await call(analyst, 'listTelemetry', {}, { query: '?limit=5' }); // 400
    await call(readonly, 'listTelemetry', {}, { query: week }); // 403
    await call(analyst, 'listTelemetry', {}, { query: `${week}&device_id=dev_missing123` }); // 404
    const range = Object.fromEntries(new URLSearchParams(week.slice(1)));
    const hunt = await call(
      analyst,
      'createHunt',
      {},
      { body: { query: 'class_uid = 4003', device_ids: [device], ...range } },
    );
    await call(analyst, 'createHunt', {}, { body: { query: 'class_uid =', ...range } }); // 400
    await call(readonly, 'createHunt', {}, { body: { query: 'class_uid = 1', ...range } }); // 403
    await call(
      analyst,
      'createHunt',
      {},
      { body: { query: 'class_uid = 1', device_ids: ['dev_missing123'], ...range } },
    ); // 404
    await eventually(
      async () =>
        (await analyst.get(`/hunts/${hunt.body.id}`)).body.status === 'done' ? true : undefined,
      30_000,
    );
    await call(analyst, 'getHunt', { hunt_id: hunt.body.id });
    await call(analyst, 'getHunt', { hunt_id: 'hunt_missing1' }); // 404
    await call(analyst, 'listHuntResults', { hunt_id: hunt.body.id }, { query: '?limit=5' });
    await call(analyst, 'listHuntResults', { hunt_id: 'hunt_missing1' }); // 404
    const running = await call(
      analyst,
      'createHunt',
      {},
      { body: { query: 'class_uid = 1001', ...range } },
    );
    await call(analyst, 'cancelHunt', { hunt_id: running.body.id });
    await call(analyst, 'cancelHunt', { hunt_id: running.body.id }); // 409

    // Webhooks.
    const hook = await call(
      analyst,
      'createWebhook',
      {},
      { body: { url: `${receiver.url}/hook`, events: ['case.updated'] } },
    );
    await call(analyst, 'listWebhooks');
    await call(analyst, 'getWebhook', { webhook_id: hook.body.id });
    const test = await call(analyst, 'testWebhook', { webhook_id: hook.body.id });
    await eventually(async () =>
      (await analyst.get(`/webhooks/${hook.body.id}/deliveries`)).body.data[0]?.status ===
      'succeeded'
        ? true
        : undefined,
    );
    await call(analyst, 'listDeliveries', { webhook_id: hook.body.id });
    await call(analyst, 'replayDelivery', {
      webhook_id: hook.body.id,
      delivery_id: test.body.delivery_id,
    });
    await call(analyst, 'replayDelivery', {
      webhook_id: hook.body.id,
      delivery_id: 'dlv_missing1',
    }); // 404
    const claimed = { webhook_id: hook.body.id };
    await call(analyst, 'claimEvent', claimed, { body: { event_id: test.body.event_id } });
    await call(analyst, 'claimEvent', claimed, { body: { event_id: 'evt_missing1' } }); // 404
    await call(analyst, 'releaseEventClaim', { ...claimed, event_id: test.body.event_id });
    await call(analyst, 'deleteWebhook', { webhook_id: hook.body.id });
    await call(analyst, 'getWebhook', { webhook_id: hook.body.id }); // 404

    // Errors every endpoint may answer.
    await call(new Api(sandbox.url, 'not-a-token'), 'listCases'); // 401
    for (const status of [429, 500, 503, 504]) {
      sandbox.setFaults({ errorRate: 1, codes: [status] });
      await call(analyst, 'listDevices');
    }
    sandbox.setFaults(null);

    const missing = (Object.keys(ENDPOINTS) as EndpointId[]).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });
});
