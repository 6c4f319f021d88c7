/**
 * Where the client core and the sandbox meet: every endpoint, and every error code, driven
 * through `SenseOnClient` against a real sandbox over HTTP. If either side drifts from the
 * contract, a test here fails.
 */
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  ENDPOINTS,
  FetchTransport,
  InvalidDevicesError,
  InvalidInputError,
  MAX_REQUEST_BODY_BYTES,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SenseOnClient,
  ServerError,
  StepUpRequiredError,
  ValidationError,
  auditEntries,
  verifyWebhook,
  type Device,
  type EndpointId,
  type ObservationCreate,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

let sandbox: RunningSandbox;
const fetchTransport = new FetchTransport();
const calledEndpoints = new Set<EndpointId>();

type TokenName = 'admin' | 'analyst' | 'approver' | 'readonly';

/** A client that records which endpoints it called, through the transport's view of the path. */
function clientAs(
  token: TokenName | string,
  extra: { tenantId?: string; maxRetries?: number } = {},
) {
  return new SenseOnClient({
    baseUrl: sandbox.url,
    token: (sandbox.tokens as Record<string, string>)[token] ?? token,
    rateLimit: false,
    maxRetries: extra.maxRetries ?? 0,
    tenantId: extra.tenantId,
    transport: {
      async send(request) {
        const path = new URL(request.url).pathname.replace(/^\/v1/, '');
        for (const [id, def] of Object.entries(ENDPOINTS)) {
          const pattern = new RegExp(`^${def.path.replace(/\{\w+\}/g, '[^/]+')}$`);
          if (def.method.toUpperCase() === request.method && pattern.test(path)) {
            calledEndpoints.add(id as EndpointId);
          }
        }
        return fetchTransport.send(request);
      },
    },
  });
}

async function expectError<T extends ApiError>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
  code: string,
): Promise<T> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${type.name}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as ApiError).code).toBe(code);
  expect((error as ApiError).requestId).toMatch(/^req_/);
  return error as T;
}

let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    summaryDelayMs: 20,
    actionExecutionMs: 10,
    webhookTimeScale: 0.001,
  });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => {
    receiver.close(() => resolve());
    receiver.closeAllConnections();
  });
});

async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the client core against the sandbox', () => {
  it('reads: me, cases (both list forms, every page), devices, users, observations, trace', async () => {
    const analyst = clientAs('analyst');
    const me = await analyst.me();
    expect(me.principal).toBe('analyst');

    const all = await analyst.cases.list({ limit: 7 }).collect();
    const page = await analyst.cases.list({ limit: 7 });
    expect(all.length).toBe(page.pagination.total_items);
    const searched = await analyst.cases
      .search({ limit: 1000, severity: ['critical', 'high'] })
      .collect();
    expect(searched.every((c) => c.severity === 'critical' || c.severity === 'high')).toBe(true);

    const detail = await analyst.cases.retrieve(all[0]!.id);
    expect(detail.timeline.length).toBeGreaterThan(0);

    const devices: Device[] = await analyst.devices.list({ limit: 1000 }).collect();
    expect(devices.length).toBeGreaterThan(0);
    expect((await analyst.devices.retrieve(devices[0]!.id)).id).toBe(devices[0]!.id);

    // GET /users: every user once across pages, in id order; the status filter holds.
    const users = await analyst.users.list({ limit: 3 }).collect();
    const firstPage = await analyst.users.list({ limit: 3 });
    expect(users.length).toBe(firstPage.pagination.total_items);
    expect(users.length).toBeGreaterThan(3);
    expect(users.map((u) => u.id)).toEqual([...users.map((u) => u.id)].sort());
    expect(users.every((u) => u.id.startsWith('usr_') && u.email.includes('@'))).toBe(true);
    const active = await analyst.users.list({ status: 'active', limit: 1000 }).collect();
    expect(active.every((u) => u.status === 'active')).toBe(true);

    // GET /scripts, and a collection script run waited on for every device's result.
    const scripts = await analyst.scripts.list({ os_type: 'linux' }).collect();
    expect(scripts.every((sc) => sc.os_types.includes('linux'))).toBe(true);
    const linux = devices.filter((d) => d.os.type === 'linux' && d.status === 'online');
    const requested = await analyst.actions.request(all[0]!.id, {
      type: 'run_script',
      target: { script_id: 'scr_persistence', device_ids: [linux[0]!.id] },
      justification: 'Client contract: persistence triage.',
    });
    const ran = await analyst.actions.waitForResult(requested, {
      timeoutMs: 10_000,
      pollIntervalMs: 100,
    });
    expect(ran.status).toBe('completed');
    expect(ran.result?.devices?.[0]).toMatchObject({ device_id: linux[0]!.id, exit_code: 0 });

    const observations = await analyst.observations.list({ limit: 5 });
    expect((await analyst.observations.retrieve(observations.data[0]!.id)).id).toBe(
      observations.data[0]!.id,
    );

    const { verification, entries } = await analyst.cases.verifyTrace(all[0]!.id);
    expect(verification.valid).toBe(true);

    // The tenant's Merkle tree: a signed checkpoint, proofs, the leaves, the key.
    const admin = clientAs('admin');
    const [key] = (await admin.trace.keys()).keys;
    const audit = await auditEntries(admin.trace, entries, key!);
    expect(audit.problems).toEqual([]);
    const { tree_size } = audit.checkpoint!;
    expect((await admin.trace.entries(0, 5)).data).toHaveLength(Math.min(5, tree_size));
    expect((await admin.trace.consistencyProof(1, tree_size)).first).toBe(1);
  });

  it('writes: case update, comments, summary, observations', async () => {
    const analyst = clientAs('analyst');
    const [item] = (await analyst.cases.list({ limit: 1 })).data;
    const updated = await analyst.cases.update(item!.id, {
      assignee: 'priya.shah',
      tags: ['contract'],
    });
    expect(updated.assignee).toBe('priya.shah');
    const comment = await analyst.cases.addComment(item!.id, { body: 'From the contract test.' });
    const comments = await analyst.cases.listComments(item!.id).collect();
    expect(comments.map((c) => c.id)).toContain(comment.id);
    const summary = await analyst.cases.generateSummaryAndWait(item!.id, { timeoutMs: 5_000 });
    expect(summary.status).toBe('ready');
    expect((await analyst.cases.retrieveSummary(item!.id)).text).toBe(summary.text);

    const admin = clientAs('admin');
    const sample = (await admin.observations.list({ limit: 1 })).data[0]!;
    const input: ObservationCreate = {
      source: sample.source,
      severity: sample.severity,
      title: 'Written by the contract test',
      ocsf: sample.ocsf,
      device_id: sample.device_id,
    };
    const one = await admin.observations.create(input);
    expect(one.id).toMatch(/^obs_/);
    const batch = await admin.observations.createBatch([input, input]);
    expect(batch).toHaveLength(2);
    // Storage order: the newest stored first, and the case update above as an event.
    const newest = await admin.observations.list({ sort: '-ingested_at', limit: 1 });
    expect(newest.data[0]!.id).toBe(batch[1]!.id);
    const events = await analyst.events.list({ type: ['case.updated'], sort: '-created_at' });
    expect(events.data[0]).toMatchObject({
      data: { id: item!.id },
      actor: { principal: 'analyst' },
    });
  });

  it('response actions: request, list, retrieve, approve, reject, with a verified callback', async () => {
    const analyst = clientAs('analyst');
    const approver = clientAs('approver');
    const [item] = (await analyst.cases.list({ limit: 1 })).data;
    const devices = await analyst.devices.list({ status: 'online', limit: 1000 }).collect();
    const plain = devices.filter((d) => d.criticality !== 'crown_jewel');
    const action = await analyst.actions.request(item!.id, {
      type: 'isolate_device',
      target: { device_id: plain[0]!.id },
      justification: 'Contract test.',
      callback_url: `${receiverUrl}/decision`,
    });
    expect(action.status).toBe('pending_approval');
    expect(
      (await analyst.actions.list({ status: 'pending_approval' }).collect()).map((a) => a.id),
    ).toContain(action.id);
    const approved = await approver.actions.approve(action.id, { comment: 'Go.' });
    expect(approved.status).toBe('approved');
    const completed = await until(async () => {
      const current = await analyst.actions.retrieve(action.id);
      return current.status === 'completed' ? current : undefined;
    }, 'the isolation to complete');
    expect(completed.result?.outcome).toBe('completed');
    const callbacks = await until(
      async () => (received.length >= 2 ? received : undefined),
      'the callbacks',
    );
    const events = callbacks.map((c) =>
      verifyWebhook(c.body, c.headers, action.callback_secret as string),
    );
    expect(events.map((e) => e.type)).toEqual(['action.approved', 'action.completed']);

    const other = await analyst.actions.request(item!.id, {
      type: 'isolate_device',
      target: { device_id: plain[1]!.id },
      justification: 'Contract test.',
    });
    expect((await approver.actions.reject(other.id, { reason: 'Not needed.' })).status).toBe(
      'rejected',
    );
  });

  it('webhooks: create, list, retrieve, test, deliveries, replay, delete', async () => {
    const analyst = clientAs('analyst');
    const hook = await analyst.webhooks.create({
      url: `${receiverUrl}/hook`,
      events: ['case.updated'],
    });
    expect((await analyst.webhooks.list().collect()).map((w) => w.id)).toContain(hook.id);
    expect((await analyst.webhooks.retrieve(hook.id)).status).toBe('active');
    const test = await analyst.webhooks.test(hook.id);
    const delivered = await until(async () => {
      const deliveries = await analyst.webhooks.listDeliveries(hook.id).collect();
      return deliveries.find((d) => d.id === test.delivery_id && d.status === 'succeeded');
    }, 'the test delivery');
    const replay = await analyst.webhooks.replayDelivery(hook.id, delivered.id);
    expect(replay.event_id).toBe(test.event_id);
    const claim = await analyst.webhooks.claimEvent(hook.id, test.event_id);
    expect(claim.first).toBe(true);
    expect((await analyst.webhooks.claimEvent(hook.id, test.event_id)).first).toBe(false);
    await analyst.webhooks.releaseEventClaim(hook.id, test.event_id);
    expect((await analyst.webhooks.claimEvent(hook.id, test.event_id)).first).toBe(true);
    const testEvent = received.find((r) => r.headers['webhook-id'] === test.event_id)!;
    expect(verifyWebhook(testEvent.body, testEvent.headers, hook.secret).type).toBe('case.updated');
    await analyst.webhooks.delete(hook.id);
    await expectError(analyst.webhooks.retrieve(hook.id), NotFoundError, 'NOT_FOUND');
  });

  it('personal access tokens: scopes, create, list, list all, revoke', async () => {
    const admin = clientAs('admin');
    expect((await admin.pats.listScopes()).data.length).toBeGreaterThan(5);
    const created = await admin.pats.create({
      name: 'contract',
      expiry_at: new Date(Date.now() + 3_600_000).toISOString(),
      scopes: ['cases:read'],
    });
    expect((await admin.pats.list().collect()).map((p) => p.pat_id)).toContain(created.pat_id);
    expect((await admin.pats.listAll().collect()).map((p) => p.pat_id)).toContain(created.pat_id);
    expect((await clientAs(created.token).me()).token_name).toBe('contract');
    await admin.pats.revoke(created.pat_id);
    await expectError(clientAs(created.token).me(), AuthenticationError, 'UNAUTHORIZED');
  });

  it('telemetry and hunts: list, create, wait, results, cancel; a malformed query is a ValidationError', async () => {
    const analyst = clientAs('analyst');
    const range = {
      observed_after: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      observed_before: new Date().toISOString(),
    };
    const events = await analyst.telemetry.list({ ...range, limit: 50 }).collect({ limit: 120 });
    expect(events).toHaveLength(120);
    expect(new Set(events.map((e) => e.id)).size).toBe(120);
    const device = events[0]!.device_id;
    const hunt = await analyst.hunts.createAndWait(
      { query: 'class_uid = 4003', ...range, device_ids: [device] },
      { timeoutMs: 30_000, pollIntervalMs: 100 },
    );
    expect(hunt.status).toBe('done');
    const hits = await analyst.hunts.results(hunt.id, { limit: 1000 }).collect();
    expect(hits).toHaveLength(hunt.result_count);
    expect(hits.every((e) => e.class_uid === 4003 && e.device_id === device)).toBe(true);
    expect((await analyst.hunts.retrieve(hunt.id)).id).toBe(hunt.id);
    const queued = await analyst.hunts.create({ query: 'class_uid = 1001', ...range });
    expect((await analyst.hunts.cancel(queued.id)).status).toBe('cancelled');
    await expectError(
      analyst.hunts.create({ query: 'class_uid = ', ...range }),
      ValidationError,
      'VALIDATION_ERROR',
    );
  });

  it('every error code reaches the client as its error class', async () => {
    const analyst = clientAs('analyst');
    const approver = clientAs('approver');
    const [item] = (await analyst.cases.list({ limit: 1 })).data;

    await expectError(
      clientAs('nope-not-a-token').cases.list(),
      AuthenticationError,
      'UNAUTHORIZED',
    );
    await expectError(
      clientAs('readonly').cases.update(item!.id, { status: 'open' }),
      PermissionError,
      'FORBIDDEN',
    );
    await expectError(analyst.cases.retrieve('case_nothere1'), NotFoundError, 'INVALID_CASE_ID');
    await expectError(analyst.actions.retrieve('act_nothere1'), NotFoundError, 'INVALID_ACTION_ID');
    await expectError(
      analyst.devices.retrieve('dev_nothere1'),
      NotFoundError,
      'INVALID_ENDPOINT_ID',
    );
    await expectError(
      analyst.pats.revoke('33333333-3333-4333-8333-333333333333'),
      NotFoundError,
      'INVALID_PAT_ID',
    );
    await expectError(analyst.observations.retrieve('obs_nothere1'), NotFoundError, 'NOT_FOUND');

    // The client validates shapes itself; what only the server knows still comes back as 400.
    const invalid = await expectError(
      analyst.pats.create({
        name: 'late',
        expiry_at: '2020-01-01T00:00:00Z',
        scopes: ['cases:read'],
      }),
      ValidationError,
      'VALIDATION_ERROR',
    );
    expect(JSON.stringify(invalid.details)).toContain('expiry_at');

    const sample = (await clientAs('admin').observations.list({ limit: 1 })).data[0]!;
    const bulky: ObservationCreate = {
      source: sample.source,
      severity: sample.severity,
      title: 'bulky',
      ocsf: { ...sample.ocsf, unmapped: { senseon: { padding: 'x'.repeat(10_000) } } },
    };
    // The client splits a batch by body size as well as by count (the sandbox's own 413 is
    // tested in sandbox/test/api/body-limit.test.ts): 1,000 of these are over the limit together,
    // so they go as two requests, and all are stored.
    const stored = await clientAs('admin').observations.createBatch(
      Array.from({ length: 1000 }, () => bulky),
    );
    expect(stored).toHaveLength(1000);
    // One observation over the limit on its own is refused before anything is sent.
    const huge: ObservationCreate = {
      ...bulky,
      ocsf: {
        ...sample.ocsf,
        unmapped: { senseon: { padding: 'x'.repeat(MAX_REQUEST_BODY_BYTES) } },
      },
    };
    const tooLarge = await clientAs('admin')
      .observations.createBatch([bulky, huge])
      .catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(InvalidInputError);
    expect((tooLarge as InvalidInputError).field).toBe('observations.1');

    const devices = await analyst.devices.list({ status: 'online', limit: 1000 }).collect();
    const plain = devices.filter((d) => d.criticality !== 'crown_jewel');
    const jewel = devices.find((d) => d.criticality === 'crown_jewel');
    const admin = clientAs('admin');
    const action = await admin.actions.request(item!.id, {
      type: 'isolate_device',
      target: { device_id: plain[2]!.id },
      justification: 'Contract errors.',
    });
    // Four eyes: whoever asked cannot approve.
    await expectError(admin.actions.approve(action.id), PermissionError, 'FORBIDDEN');
    await approver.actions.reject(action.id, { reason: 'No.' });
    await expectError(approver.actions.approve(action.id), ConflictError, 'CONFLICT');
    if (jewel) {
      const critical = await analyst.actions.request(item!.id, {
        type: 'isolate_device',
        target: { device_id: jewel.id },
        justification: 'Contract errors.',
      });
      await expectError(
        approver.actions.approve(critical.id),
        StepUpRequiredError,
        'STEP_UP_REQUIRED',
      );
    }
    const offline = devices[3]!;
    sandbox.db
      .prepare(
        `UPDATE devices SET status = 'offline', doc = json_set(doc, '$.status', 'offline') WHERE id = ?`,
      )
      .run(offline.id);
    await expectError(
      analyst.actions.request(item!.id, {
        type: 'isolate_device',
        target: { device_id: offline.id },
        justification: 'Contract errors.',
      }),
      InvalidDevicesError,
      'INVALID_DEVICES',
    );
    // A device that does not exist is not "ineligible": the contract's 404 for a device id.
    const unknown = await expectError(
      analyst.actions.request(item!.id, {
        type: 'isolate_device',
        target: { device_id: 'dev_nothere1' },
        justification: 'Contract errors.',
      }),
      NotFoundError,
      'INVALID_ENDPOINT_ID',
    );
    expect(unknown.resourceId).toBe('dev_nothere1');
    expect(unknown.details).toEqual([expect.objectContaining({ field: 'target.device_id' })]);

    for (const [status, code] of [
      [429, 'RATE_LIMITED'],
      [500, 'INTERNAL_SERVER_ERROR'],
      [503, 'SERVICE_UNAVAILABLE'],
      [504, 'GATEWAY_TIMEOUT'],
    ] as const) {
      sandbox.setFaults({ errorRate: 1, codes: [status] });
      try {
        await expectError(
          analyst.cases.list(),
          status === 429 ? RateLimitError : ServerError,
          code,
        );
      } finally {
        sandbox.setFaults(null);
      }
    }
    // With retries, the client rides out a flaky server.
    sandbox.setFaults({ errorRate: 0.3, codes: [503] });
    try {
      const patient = clientAs('analyst', { maxRetries: 8 });
      for (let i = 0; i < 10; i++) await patient.cases.list({ limit: 1 });
    } finally {
      sandbox.setFaults(null);
    }
  });

  it('covered every endpoint of the contract', () => {
    // GET /events/stream is a long-lived stream, not a client call: read by the n8n Stream
    // Trigger and tested in sandbox/test/api/event-stream.test.ts and test/stream.
    const missing = (Object.keys(ENDPOINTS) as EndpointId[]).filter(
      (id) => !calledEndpoints.has(id) && id !== 'streamEvents',
    );
    expect(missing).toEqual([]);
  });
});
