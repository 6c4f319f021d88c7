import type { TraceEntry } from '@senseon/client';
import type { RunningSandbox } from '../../src';
import { apiFor, startTestSandbox, type Api, type Json } from '../helpers/sandbox';

let sandbox: RunningSandbox;
let admin: Api;
let caseId: string;

const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();

async function tokenWith(origins: string[] | undefined, scopes: string[], as = admin) {
  const res = await as.post('/senseonapi/caa/pats', {
    name: `origins ${origins?.join('+') ?? 'default'}`,
    expiry_at: inOneDay(),
    scopes,
    ...(origins ? { origins } : {}),
  });
  return res;
}

const addIoc = (as: Api, origin: string | undefined, value: string) =>
  as.post(`/cases/${caseId}/actions`, {
    type: 'add_ioc',
    target: { ioc: { type: 'domain', value } },
    justification: 'Seen in the case evidence.',
    ...(origin ? { origin } : {}),
  });

const traceOf = async (): Promise<TraceEntry[]> =>
  (await admin.get(`/cases/${caseId}/trace?limit=1000`)).body.data;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = apiFor(sandbox, 'admin');
  caseId = (await admin.get('/cases?limit=1&status=open')).body.data[0].id;
});
afterAll(() => sandbox.close());

describe('the origins a token may declare', () => {
  it('gives the default tokens sensible origins: people approve, the analyst drives automations and agents', async () => {
    const origins = async (name: 'admin' | 'analyst' | 'approver' | 'readonly') =>
      (await apiFor(sandbox, name).get('/me')).body.origins;
    expect(await origins('admin')).toEqual(['human', 'automation', 'agent']);
    expect(await origins('analyst')).toEqual(['human', 'automation', 'agent']);
    expect(await origins('approver')).toEqual(['human']);
    expect(await origins('readonly')).toEqual(['human']);
  });

  it('an agent token can never claim to be a human or an automation (403 naming origin)', async () => {
    const created = await tokenWith(['agent'], ['cases:read', 'actions:request']);
    expect(created.status).toBe(201);
    expect(created.body.origins).toEqual(['agent']);
    const agent = admin.as(created.body.token);
    for (const spoofed of ['automation', 'human']) {
      const res = await addIoc(agent, spoofed, `${spoofed}-spoof.example`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.error.details[0].field).toBe('origin');
    }
    // Nothing was requested, and each attempt is in the case's chain.
    const actions: Json[] = (await admin.get(`/actions?case_id=${caseId}&limit=1000`)).body.data;
    expect(actions.some((a) => String(a.target.ioc?.value).endsWith('-spoof.example'))).toBe(false);
    const refusals = (await traceOf()).filter((e) => e.details.reason === 'origin_not_allowed');
    expect(refusals.map((e) => e.details.declared_origin)).toEqual(['automation', 'human']);
    expect(refusals.every((e) => e.actor.origin === 'agent')).toBe(true);
  });

  it('an agent token that declares nothing, or agent, waits for approval', async () => {
    const agent = admin.as((await tokenWith(['agent'], ['actions:request'])).body.token);
    for (const origin of [undefined, 'agent']) {
      const res = await addIoc(agent, origin, `agent-${origin ?? 'none'}.example`);
      expect(res.status).toBe(202);
      expect(res.body.requested_by.origin).toBe('agent');
      expect(res.body.requires_approval).toBe(true);
      expect(res.body.policy.rule).toBe('agent_requires_approval');
    }
  });

  it('a token allowed several origins declares any of them; undeclared is automation', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    expect((await addIoc(analyst, undefined, 'plain.example')).body.requested_by.origin).toBe(
      'automation',
    );
    expect((await addIoc(analyst, 'agent', 'agent.example')).body.requires_approval).toBe(true);
  });

  it('a new token takes its creator’s origins, and cannot be given one its creator lacks', async () => {
    const approver = apiFor(sandbox, 'approver');
    const inherited = await tokenWith(undefined, ['cases:read'], approver);
    expect(inherited.status).toBe(201);
    expect(inherited.body.origins).toEqual(['human']);
    const widened = await tokenWith(['human', 'agent'], ['cases:read'], approver);
    expect(widened.status).toBe(403);
    expect(widened.body.error.details[0].field).toBe('origins');
    const agent = admin.as((await tokenWith(['agent'], ['cases:read'])).body.token);
    const human = await tokenWith(['human'], ['cases:read'], agent);
    expect(human.status).toBe(403);
  });

  it('an agent token cannot approve or reject, even with actions:approve: decisions are a person’s', async () => {
    const agent = admin.as((await tokenWith(['agent'], ['actions:approve'])).body.token);
    const pending = await addIoc(apiFor(sandbox, 'analyst'), 'agent', 'decide-me.example');
    expect(pending.body.status).toBe('pending_approval');
    const approve = await agent.post(`/actions/${pending.body.id}/approve`, {});
    const reject = await agent.post(`/actions/${pending.body.id}/reject`, { reason: 'No.' });
    for (const res of [approve, reject]) {
      expect(res.status).toBe(403);
      expect(res.body.error.details[0].field).toBe('origin');
    }
    expect((await admin.get(`/actions/${pending.body.id}`)).body.status).toBe('pending_approval');
    const refused = (await traceOf()).filter(
      (e) => e.details.action_id === pending.body.id && e.details.reason === 'origin_not_allowed',
    );
    expect(refused.map((e) => e.event)).toEqual([
      'action.approval_refused',
      'action.rejection_refused',
    ]);
  });

  it('a decision declared as agent or automation is refused, even with a token people use (403 naming origin, traced)', async () => {
    const analyst = apiFor(sandbox, 'analyst');
    const approver = apiFor(sandbox, 'approver');
    const pending = await addIoc(analyst, 'agent', 'agent-decides.example');
    expect(pending.body.status).toBe('pending_approval');
    // The admin token may act as human, automation or agent: the declared origin decides.
    for (const origin of ['agent', 'automation']) {
      const approve = await admin.post(`/actions/${pending.body.id}/approve`, { origin });
      const reject = await admin.post(`/actions/${pending.body.id}/reject`, {
        origin,
        reason: 'No.',
      });
      for (const res of [approve, reject]) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
        expect(res.body.error.details[0].field).toBe('origin');
      }
    }
    expect((await admin.get(`/actions/${pending.body.id}`)).body.status).toBe('pending_approval');
    const refused = (await traceOf()).filter(
      (e) => e.details.action_id === pending.body.id && e.details.reason === 'origin_not_allowed',
    );
    expect(refused.map((e) => [e.event, e.details.declared_origin])).toEqual([
      ['action.approval_refused', 'agent'],
      ['action.rejection_refused', 'agent'],
      ['action.approval_refused', 'automation'],
      ['action.rejection_refused', 'automation'],
    ]);
    // Declared human (or nothing) by a person's token still decides.
    const decided = await approver.post(`/actions/${pending.body.id}/approve`, {
      origin: 'human',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.decided_by.origin).toBe('human');
  });
});
