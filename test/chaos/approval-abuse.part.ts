/**
 * Row "approval abuse": every way around the four-eyes rule the issue lists, tried against the
 * sandbox over HTTP. Each API attempt must be refused with its status, leave the device as it was
 * (no containment ran), and land in the DecisionTrace as a refusal with its reason. Forged and
 * replayed callbacks never reach the API: they are refused by `verifyWebhook`, the check both
 * connectors run on a callback before they resume.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWebhookSecret, signWebhook, verifyWebhook } from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import type { ChaosContext } from './context';
import type { ChaosPart } from './parts';
import type { ChaosRow } from './table';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

interface Attempt {
  name: string;
  /** The statuses that mean "refused as the contract says". */
  refusedWith: number[];
  /** The trace `details.reason` the refusal must be recorded with. */
  reason: string;
  send: () => Promise<Answer>;
}

interface Callback {
  headers: IncomingHttpHeaders;
  body: string;
}

const REQUESTER_SCOPES = [
  'cases:read',
  'devices:read',
  'actions:request',
  'actions:approve',
  'pats:admin',
  'trace:read',
];

function api(sandbox: RunningSandbox) {
  return async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  };
}

/** A local receiver for action callbacks: keeps each raw body and its headers. */
async function callbackReceiver() {
  const received: Callback[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const approvalAbusePart: ChaosPart = {
  name: 'approval-abuse',
  rows: ['4 approval abuse'],
  async run(ctx: ChaosContext): Promise<ChaosRow[]> {
    const sandbox = await startSandbox({
      port: 0,
      webhookTimeScale: 0.01,
      actionExecutionMs: 20,
      tokens: [{ name: 'requester', value: ctx.tokens.analyst, scopes: REQUESTER_SCOPES }],
    });
    ctx.secret(...Object.values(sandbox.tokens));
    ctx.onCleanup(() => sandbox.close());
    const receiver = await callbackReceiver();
    ctx.onCleanup(receiver.close);
    const call = api(sandbox);
    const requester = ctx.tokens.analyst;
    const { approver, readonly, admin } = sandbox.tokens;
    const [tenantA, tenantB] = sandbox.tenants as [string, string];

    const devicesOf = (tenant: string, crownJewel: boolean) =>
      (
        sandbox.db
          .prepare(
            `SELECT id FROM devices WHERE tenant_id = ? AND status = 'online'
             AND (json_extract(doc, '$.criticality') = 'crown_jewel') = ? ORDER BY id`,
          )
          .all(tenant, crownJewel ? 1 : 0) as { id: string }[]
      ).map((d) => d.id);
    const ordinary = devicesOf(tenantA, false);
    const [crownJewel] = devicesOf(tenantA, true);
    const [foreignDevice] = devicesOf(tenantB, false);
    const caseOf = (tenant: string) =>
      (
        sandbox.db
          .prepare("SELECT id FROM cases WHERE tenant_id = ? AND status != 'closed' LIMIT 1")
          .get(tenant) as { id: string }
      ).id;
    const caseA = caseOf(tenantA);
    if (ordinary.length < 4 || !crownJewel || !foreignDevice) {
      throw new Error(
        'the seed lacks online devices for the attempts (4 ordinary, 1 crown jewel, 1 in a second tenant)',
      );
    }
    const [d1, d2, d3, d4] = ordinary as [string, string, string, string];

    const isolate = async (
      token: string,
      deviceId: string,
      extra: Record<string, unknown> = {},
      headers: Record<string, string> = {},
      caseId = caseA,
    ) => {
      const answer = await call(
        token,
        'POST',
        `/cases/${caseId}/actions`,
        {
          type: 'isolate_device',
          target: { device_id: deviceId },
          justification: 'Chaos run: an isolation nobody may approve by going around the rules.',
          ...extra,
        },
        headers,
      );
      if (answer.status !== 202)
        throw new Error(`the isolation of ${deviceId} was answered ${answer.status}`);
      return answer.body as { id: string; callback_secret?: string };
    };
    const newPat = async (scopes: string[], origins?: string[]) => {
      const answer = await call(requester, 'POST', '/senseonapi/caa/pats', {
        name: `chaos ${scopes.length} ${origins?.join('+') ?? 'same'}`,
        expiry_at: new Date(Date.now() + 3600_000).toISOString(),
        scopes,
        ...(origins ? { origins } : {}),
      });
      const token = String(answer.body.token);
      ctx.secret(token);
      return token;
    };

    const pending = await isolate(requester, d1, { callback_url: receiver.url });
    const other = await isolate(requester, d4, { callback_url: receiver.url });
    ctx.callbackSecret(pending.callback_secret, other.callback_secret);
    const secondPat = await newPat(['cases:read', 'actions:approve']);
    const agentPat = await newPat(['cases:read', 'actions:request', 'actions:approve'], ['agent']);
    const short = await isolate(requester, d3, { expires_in: 60 });
    const jewel = await isolate(requester, crownJewel);
    const foreign = await isolate(
      admin,
      foreignDevice,
      {},
      { 'x-senseon-tenant': tenantB },
      caseOf(tenantB),
    );
    const devicesBefore = new Map(
      [d1, d2, d3, d4, crownJewel, foreignDevice].map((id) => [id, statusOf(sandbox, id)]),
    );

    const approve = (token: string, actionId: string, headers: Record<string, string> = {}) =>
      call(token, 'POST', `/actions/${actionId}/approve`, { comment: 'chaos' }, headers);
    const attempts: Attempt[] = [
      {
        name: 'self-approval',
        refusedWith: [403],
        reason: 'self_approval',
        send: () => approve(requester, pending.id),
      },
      {
        name: 'a second PAT of the requester approves',
        refusedWith: [403],
        reason: 'self_approval',
        send: () => approve(secondPat, pending.id),
      },
      {
        name: 'an agent token approves',
        refusedWith: [403],
        reason: 'origin_not_allowed',
        send: () => approve(agentPat, pending.id),
      },
      {
        name: 'an agent token claims origin automation',
        refusedWith: [403],
        reason: 'origin_not_allowed',
        send: () =>
          call(agentPat, 'POST', `/cases/${caseA}/actions`, {
            type: 'add_ioc',
            target: { ioc: { type: 'domain', value: 'chaos-agent.example' } },
            justification: 'An agent that says it is an automation, to skip the approval.',
            origin: 'automation',
          }),
      },
      {
        name: 'an agent token claims origin human',
        refusedWith: [403],
        reason: 'origin_not_allowed',
        send: () =>
          call(agentPat, 'POST', `/cases/${caseA}/actions`, {
            type: 'release_device',
            target: { device_id: d2 },
            justification: 'An agent that says it is a person.',
            origin: 'human',
          }),
      },
      {
        name: 'missing scope: a read-only token requests an isolation',
        refusedWith: [403],
        reason: 'missing_scope',
        send: () =>
          call(readonly, 'POST', `/cases/${caseA}/actions`, {
            type: 'isolate_device',
            target: { device_id: d2 },
            justification: 'No actions:request scope.',
          }),
      },
      {
        name: 'missing scope: a read-only token approves',
        refusedWith: [403],
        reason: 'missing_scope',
        send: () => approve(readonly, pending.id),
      },
      {
        name: 'an expired approval is approved',
        refusedWith: [409],
        reason: 'not_pending',
        send: async () => {
          sandbox.clock.advance(61_000);
          await waitForStatus(sandbox, short.id, 'expired');
          return approve(approver, short.id);
        },
      },
      {
        name: 'a crown-jewel isolation without actions:approve_critical',
        refusedWith: [428],
        reason: 'step_up_required',
        send: () => approve(approver, jewel.id),
      },
      {
        name: "another tenant's action is approved",
        refusedWith: [404],
        reason: 'foreign_tenant',
        send: () => approve(approver, foreign.id),
      },
      {
        name: 'X-SenseOn-Tenant names a tenant the token may not act for',
        refusedWith: [403],
        reason: 'foreign_tenant',
        send: () => approve(approver, foreign.id, { 'x-senseon-tenant': tenantB }),
      },
    ];

    let refused = 0;
    let traced = 0;
    const problems: string[] = [];
    for (const attempt of attempts) {
      const lastSeq = maxSeq(sandbox);
      const answer = await attempt.send();
      if (attempt.refusedWith.includes(answer.status)) refused++;
      else problems.push(`${attempt.name}: answered ${answer.status}`);
      const entries = traceSince(sandbox, lastSeq);
      if (entries.some((e) => e.event.endsWith('refused') && e.details.reason === attempt.reason))
        traced++;
      else
        problems.push(
          `${attempt.name}: no refusal with reason ${attempt.reason} in the trace (${entries.map((e) => e.event).join(', ') || 'nothing'})`,
        );
    }
    const moved = [...devicesBefore].filter(([id, status]) => statusOf(sandbox, id) !== status);
    const ran = [pending.id, jewel.id, short.id, foreign.id].filter((id) =>
      ['approved', 'executing', 'completed'].includes(actionStatus(sandbox, id)),
    );
    for (const id of ran) problems.push(`${id} ran`);
    for (const [id] of moved) problems.push(`device ${id} changed`);

    // Callbacks: reject `other`, capture its signed callback, then forge and replay it.
    await call(approver, 'POST', `/actions/${other.id}/reject`, {
      reason: 'chaos: a real decision to replay',
    });
    const deadline = Date.now() + 15_000;
    while (!receiver.received.some((r) => r.body.includes(other.id)) && Date.now() < deadline)
      await wait(100);
    const genuine = receiver.received.find((r) => r.body.includes(other.id));
    const callbackAttempts: {
      name: string;
      body: string;
      headers: IncomingHttpHeaders;
      secret: string;
      now?: number;
    }[] = [];
    if (!genuine) problems.push('no callback arrived for the rejected action');
    else {
      const id = String(genuine.headers['webhook-id']);
      const forgedBody = genuine.body
        .replace('"action.rejected"', '"action.approved"')
        .replace('"rejected"', '"approved"');
      const forgedTimestamp = Math.floor(Date.now() / 1000);
      callbackAttempts.push(
        {
          name: 'the rejection turned into an approval (body changed)',
          body: forgedBody,
          headers: genuine.headers,
          secret: other.callback_secret!,
        },
        {
          name: 'replayed 6 minutes later',
          body: genuine.body,
          headers: genuine.headers,
          secret: other.callback_secret!,
          now: Date.now() + 6 * 60_000,
        },
        {
          name: "replayed to another action's receiver",
          body: genuine.body,
          headers: genuine.headers,
          secret: pending.callback_secret!,
        },
        {
          name: 'forged with a made-up secret',
          body: forgedBody,
          headers: {
            'webhook-id': id,
            'webhook-timestamp': String(forgedTimestamp),
            'webhook-signature': signWebhook({
              id,
              timestamp: forgedTimestamp,
              body: forgedBody,
              secret: generateWebhookSecret(),
            }),
          },
          secret: other.callback_secret!,
        },
      );
      try {
        verifyWebhook(genuine.body, genuine.headers, other.callback_secret!);
      } catch (error) {
        problems.push(`the genuine callback did not verify: ${String(error)}`);
      }
    }
    let callbacksRefused = 0;
    for (const forged of callbackAttempts) {
      try {
        verifyWebhook(
          forged.body,
          forged.headers,
          forged.secret,
          forged.now ? { now: forged.now } : {},
        );
        problems.push(`callback accepted: ${forged.name}`);
      } catch {
        callbacksRefused++;
      }
    }
    for (const problem of problems) console.log(`  ${problem}`);
    const total = attempts.length;
    return [
      {
        row: '4 approval abuse',
        fault:
          'self-approval, a second PAT of the requester, agent tokens approving or claiming automation/human, missing scopes, an expired approval, a crown jewel without step-up, another tenant; forged and replayed callbacks',
        promise:
          'each refused, the device untouched, each API attempt in the DecisionTrace; each forged or replayed callback refused',
        figure:
          `${total} API attempts: ${refused} refused, ${traced} traced, ${moved.length} devices changed, ${ran.length} actions ran; ` +
          `${callbackAttempts.length} forged/replayed callbacks: ${callbacksRefused} refused`,
        kept:
          problems.length === 0 &&
          refused === total &&
          traced === total &&
          callbackAttempts.length === 4 &&
          callbacksRefused === callbackAttempts.length,
      },
    ];
  },
};

function statusOf(sandbox: RunningSandbox, deviceId: string): string {
  return (
    sandbox.db.prepare('SELECT status FROM devices WHERE id = ?').get(deviceId) as {
      status: string;
    }
  ).status;
}

function actionStatus(sandbox: RunningSandbox, actionId: string): string {
  return (
    sandbox.db.prepare('SELECT status FROM actions WHERE id = ?').get(actionId) as {
      status: string;
    }
  ).status;
}

async function waitForStatus(sandbox: RunningSandbox, actionId: string, status: string) {
  const deadline = Date.now() + 10_000;
  while (actionStatus(sandbox, actionId) !== status && Date.now() < deadline) await wait(50);
}

function maxSeq(sandbox: RunningSandbox): number {
  return Number(
    (sandbox.db.prepare('SELECT max(seq) AS n FROM trace_entries').get() as { n: number | null })
      .n ?? 0,
  );
}

function traceSince(sandbox: RunningSandbox, seq: number) {
  return (
    sandbox.db
      .prepare('SELECT event, details FROM trace_entries WHERE seq > ? ORDER BY seq')
      .all(seq) as { event: string; details: string }[]
  ).map((e) => ({ event: e.event, details: JSON.parse(e.details) as { reason?: string } }));
}
