/**
 * Row "bad input": malformed requests generated for every endpoint of the endpoint table (see
 * malformed-requests.ts), sent over HTTP to the sandbox, and bad input given to every operation
 * of the shared catalog through `runOperation`, as both connectors call it. Promise: never a 5xx;
 * every answer in the error envelope, naming the field (or header) at fault.
 */
import {
  ENDPOINTS,
  SenseOnClient,
  OPERATIONS,
  runOperation,
  type FieldSpec,
  type OperationSpec,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import type { ChaosContext } from './context';
import { malformedRequests, type Malformed, type ValidIds } from './malformed-requests';
import type { ChaosPart } from './parts';
import type { ChaosRow } from './table';

interface Envelope {
  error?: { code?: unknown; message?: unknown; details?: { field?: unknown }[] };
  request_id?: unknown;
}

/**
 * Whether `named` (what an error names) is `field`: the same, a part of it (`target.device_id`
 * for `target`), or the API's path of a connector field (`target.ioc.value` for `ioc_value`).
 */
const names = (field: string, named: string) => {
  const a = field.toLowerCase();
  const b = named.toLowerCase();
  const flat = (text: string) => text.replace(/[.[\]]+/g, '_');
  return (
    b === a ||
    b.startsWith(`${a}.`) ||
    b.startsWith(`${a}[`) ||
    flat(b) === flat(a) ||
    flat(b).endsWith(`_${flat(a)}`)
  );
};

/** Valid numbers for the number fields that have no default. */
const VALID_NUMBERS: Record<string, number> = { expires_in: 3600, timeout_seconds: 10, limit: 5 };

async function setUp(sandbox: RunningSandbox) {
  const { admin } = sandbox.tokens;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`setting up: POST ${path} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const tenant = sandbox.tenants[0]!;
  const one = (sql: string) => (sandbox.db.prepare(sql).get(tenant) as { id: string }).id;
  const caseId = one("SELECT id FROM cases WHERE tenant_id = ? AND status != 'closed' LIMIT 1");
  const deviceId = one("SELECT id FROM devices WHERE tenant_id = ? AND status = 'online' LIMIT 1");
  const observationId = one('SELECT id FROM observations WHERE tenant_id = ? LIMIT 1');
  const action = await post(`/cases/${caseId}/actions`, {
    type: 'isolate_device',
    target: { device_id: deviceId },
    justification: 'Chaos run: a pending action for bad-input checks.',
  });
  const webhook = await post('/webhooks', {
    url: 'http://127.0.0.1:9/chaos',
    events: ['case.updated'],
  });
  const test = await post(`/webhooks/${String(webhook.id)}/test`, {});
  const pat = await post('/senseonapi/caa/pats', {
    name: 'chaos bad input',
    expiry_at: new Date(Date.now() + 3600_000).toISOString(),
    scopes: ['cases:read'],
  });
  const range = huntRange();
  const hunt = await post('/hunts', { query: 'process.name = "cmd.exe"', ...range });
  const ids: ValidIds = {
    hunt_id: String(hunt.id),
    case_id: caseId,
    action_id: String(action.id),
    device_id: deviceId,
    observation_id: observationId,
    webhook_id: String(webhook.id),
    delivery_id: String(test.delivery_id),
    // The test delivery's event: one that was sent to this subscription, so it may be claimed.
    event_id: (
      sandbox.db
        .prepare('SELECT event_id FROM deliveries WHERE id = ?')
        .get(String(test.delivery_id)) as { event_id: string }
    ).event_id,
    pat_id: String(pat.pat_id),
  };
  return { ids, secrets: [String(webhook.secret), String(pat.token)] };
}

/** A day of telemetry ending a minute ago: what a hunt or a telemetry read may span. */
function huntRange(): { observed_after: string; observed_before: string } {
  const before = Date.now() - 60_000;
  return {
    observed_after: new Date(before - 86_400_000).toISOString(),
    observed_before: new Date(before).toISOString(),
  };
}

/** Query parameters an endpoint cannot answer without, so that each request breaks one thing. */
const VALID_QUERIES: Record<string, Record<string, string>> = {
  listTelemetry: { ...huntRange(), field: 'process.name', value: 'cmd.exe' },
};

function validBodies(ids: ValidIds): Record<string, Record<string, unknown>> {
  const now = Date.now();
  return {
    createHunt: { query: 'process.name = "cmd.exe"', ...huntRange() },
    searchCases: { status: ['open'], limit: 5 },
    updateCase: { status: 'investigating' },
    createComment: { body: 'chaos' },
    requestAction: {
      type: 'add_ioc',
      target: { ioc: { type: 'domain', value: 'chaos.example' } },
      justification: 'chaos',
    },
    approveAction: { comment: 'chaos' },
    rejectAction: { reason: 'chaos' },
    createObservations: {
      source: 'endpoint',
      severity: 'low',
      title: 'chaos',
      device_id: ids.device_id,
      ocsf: {
        class_uid: 2004,
        category_uid: 2,
        activity_id: 1,
        type_uid: 200401,
        time: now,
        severity_id: 2,
        metadata: { version: '1.9.0-dev', product: { name: 'chaos', vendor_name: 'SenseOn' } },
        finding_info: { uid: 'chaos', title: 'chaos' },
      },
    },
    createWebhook: { url: 'http://127.0.0.1:9/chaos', events: ['case.updated'] },
    claimEvent: { event_id: ids.event_id },
    createPat: {
      name: 'chaos',
      expiry_at: new Date(now + 3600_000).toISOString(),
      scopes: ['cases:read'],
    },
  };
}

async function send(sandbox: RunningSandbox, request: Malformed) {
  const url = `${sandbox.url}${request.path}${request.query ? `?${request.query}` : ''}`;
  const response = await fetch(url, {
    method: request.method,
    headers: {
      authorization: `Bearer ${sandbox.tokens.admin}`,
      ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    },
    body: request.body,
  });
  const text = await response.text();
  let body: Envelope = {};
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    // Not JSON: counted as outside the envelope below.
  }
  return { status: response.status, body, text };
}

/** A valid value for each field, so each bad input breaks exactly one. */
function validInput(fields: readonly FieldSpec[], ids: ValidIds): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const byName: Record<string, string | undefined> = {
      case_id: ids.case_id,
      device_id: ids.device_id,
      action_id: ids.action_id,
      observation_id: ids.observation_id,
    };
    if (byName[field.name]) input[field.name] = byName[field.name];
    else if (field.type === 'number')
      input[field.name] = field.default ?? VALID_NUMBERS[field.name] ?? 1;
    else if (field.type === 'boolean') input[field.name] = false;
    else if (field.type === 'datetime') input[field.name] = new Date().toISOString();
    else if (field.type === 'options') input[field.name] = field.default ?? field.options?.[0];
    else if (field.type === 'multiOptions') input[field.name] = [field.options?.[0]];
    else if (field.required) input[field.name] = 'chaos';
  }
  return input;
}

function badInputs(
  spec: OperationSpec,
  ids: ValidIds,
): { what: string; field: string; input: Record<string, unknown> }[] {
  const valid = validInput(spec.fields, ids);
  const out: { what: string; field: string; input: Record<string, unknown> }[] = [];
  for (const field of spec.fields) {
    // A field shown only for some values of another (`target_user_id` for `disable_user`) is
    // broken with that other field set so that it shows.
    const shown: Record<string, unknown> = { ...valid };
    for (const [other, values] of Object.entries(field.showWhen ?? {})) shown[other] = values[0];
    const set = (what: string, value: unknown) =>
      out.push({
        what: `${field.name} ${what}`,
        field: field.name,
        input: { ...shown, [field.name]: value },
      });
    // A field with a default is filled in when left out (Medium, Add IOC): not missing.
    if (field.required && !field.showWhen && field.default === undefined) {
      const { [field.name]: _dropped, ...without } = valid;
      out.push({ what: `${field.name} missing`, field: field.name, input: without });
    }
    if (field.type === 'number') set('not a number', 'twelve');
    if (field.type === 'options' || field.type === 'multiOptions')
      set('not an option', 'not_a_value');
    if (field.type === 'datetime') set('not a date', 'yesterday-ish');
    if (/_id$/.test(field.name)) set('malformed id', 'bad id!');
    if (field.type === 'string' || field.type === 'text') set('too long', 'x'.repeat(20_000));
  }
  return out;
}

export const badInputPart: ChaosPart = {
  name: 'bad-input',
  rows: ['5a bad input: API', '5b bad input: connector operations'],
  async run(ctx: ChaosContext): Promise<ChaosRow[]> {
    const sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000, webhookTimeScale: 0.001 });
    ctx.secret(...Object.values(sandbox.tokens));
    ctx.onCleanup(() => sandbox.close());
    const { ids, secrets } = await setUp(sandbox);
    ctx.secret(...secrets);

    const requests = malformedRequests(ids, validBodies(ids), VALID_QUERIES);
    const endpoints = new Set(requests.map((r) => r.endpoint));
    let serverErrors = 0;
    let outsideEnvelope = 0;
    let unnamed = 0;
    let accepted = 0;
    const problems: string[] = [];
    for (const request of requests) {
      const { status, body, text } = await send(sandbox, request);
      const label = `${request.method} ${request.endpoint} (${request.what}) → ${status}`;
      if (status >= 500) {
        serverErrors++;
        problems.push(`${label}: ${text.slice(0, 160)}`);
      }
      if (status < 400) {
        accepted++;
        problems.push(`${label}: accepted`);
        continue;
      }
      const error = body.error;
      if (
        !error ||
        typeof error.code !== 'string' ||
        typeof error.message !== 'string' ||
        !Array.isArray(error.details) ||
        typeof body.request_id !== 'string'
      ) {
        outsideEnvelope++;
        problems.push(`${label}: not in the envelope: ${text.slice(0, 120)}`);
        continue;
      }
      const field = request.field;
      if (
        field &&
        !error.details.some((d) => typeof d.field === 'string' && names(field, d.field))
      ) {
        unnamed++;
        problems.push(
          `${label}: does not name ${field}: ${JSON.stringify(error.details).slice(0, 160)}`,
        );
      }
    }
    ctx.output('bad-input-api-problems', problems);

    // Every operation of the catalog, as the connectors run it.
    const client = new SenseOnClient({
      baseUrl: sandbox.url,
      token: sandbox.tokens.admin,
      rateLimit: false,
      maxRetries: 0,
    });
    let operationInputs = 0;
    let operationServerErrors = 0;
    let operationUnnamed = 0;
    let operationAccepted = 0;
    /** Text without a length limit in the API (an OCSF description) may be long: not a defect. */
    const longTextAccepted: string[] = [];
    const operationProblems: string[] = [];
    for (const spec of OPERATIONS as readonly OperationSpec[]) {
      for (const bad of badInputs(spec, ids)) {
        operationInputs++;
        const label = `${spec.key} (${bad.what})`;
        try {
          await runOperation(spec, client, bad.input);
          if (bad.what.endsWith('too long')) {
            longTextAccepted.push(label);
            continue;
          }
          operationAccepted++;
          operationProblems.push(`${label}: accepted`);
        } catch (error) {
          const e = error as { status?: number; details?: { field?: string }[]; message?: string };
          if ((e.status ?? 0) >= 500) {
            operationServerErrors++;
            operationProblems.push(`${label}: ${e.status}`);
          }
          const named =
            (e.details ?? []).some(
              (d) => typeof d.field === 'string' && names(bad.field, d.field),
            ) || String(e.message).includes(bad.field);
          if (!named) {
            operationUnnamed++;
            operationProblems.push(
              `${label}: does not name ${bad.field}: ${String(e.message).slice(0, 160)}`,
            );
          }
        }
      }
    }
    ctx.output('bad-input-operation-problems', operationProblems);
    for (const problem of [...problems, ...operationProblems].slice(0, 40))
      console.log(`  ${problem}`);

    return [
      {
        row: '5a bad input: API',
        fault: `malformed requests generated from ENDPOINTS and the zod schemas (types, required, lengths, enums, ranges, unknown fields, ids, query, bad JSON, 100-deep nesting, 1.1 MiB, headers)`,
        promise: '0 × 5xx; every answer in the error envelope, naming the field or header',
        figure: `${requests.length} requests over ${endpoints.size}/${Object.keys(ENDPOINTS).length} endpoints: ${serverErrors} × 5xx, ${outsideEnvelope} outside the envelope, ${unnamed} not naming the field, ${accepted} accepted`,
        kept:
          requests.length >= 200 &&
          endpoints.size === Object.keys(ENDPOINTS).length &&
          serverErrors === 0 &&
          outsideEnvelope === 0 &&
          unnamed === 0 &&
          accepted === 0,
      },
      {
        row: '5b bad input: connector operations',
        fault: `bad input to each of the ${OPERATIONS.length} operations of the shared catalog, through runOperation (what both connectors call)`,
        promise: '0 × 5xx; every error names the field',
        figure:
          `${operationInputs} inputs: ${operationServerErrors} × 5xx, ${operationUnnamed} not naming the field, ${operationAccepted} accepted` +
          (longTextAccepted.length
            ? ` (20,000 characters accepted where the API sets no limit: ${longTextAccepted.join(', ')})`
            : ''),
        kept: operationServerErrors === 0 && operationUnnamed === 0 && operationAccepted === 0,
      },
    ];
  },
};
