import { webhookHeaders, type SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { openSeal } from '../src/creates/callback-seal';
import {
  App,
  appError,
  appTester,
  authFor,
  clientAs,
  devicePool,
  someUserId,
  eventOf,
  startReceiver,
  startTestSandbox,
  tampered,
  thrown,
  zapierRequest,
  type Receiver,
} from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Output = Record<string, unknown> & { id: string; summary: string; status?: string };
const create = (key: keyof typeof App.creates) =>
  App.creates[key].operation as unknown as { perform: Perform; performResume?: Perform };

let sandbox: RunningSandbox;
let receiver: Receiver;
let analyst: SenseOnClient;
let caseId: string;
let deviceId: string;
let nextDevice: () => Promise<string>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
  analyst = clientAs(sandbox, 'analyst');
  const [open] = await analyst.cases.list({ status: ['open'], limit: 1 }).collect({ limit: 1 });
  caseId = open!.id;
  nextDevice = devicePool(analyst);
  deviceId = await nextDevice();
});
afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

const run = (
  key: keyof typeof App.creates,
  inputData: Record<string, unknown>,
  token = 'analyst',
) =>
  appTester(create(key).perform, {
    authData: authFor(sandbox, token),
    inputData,
  }) as Promise<Output>;

/**
 * Runs a create with Zapier's callback URL pointed at the test's receiver, so the sandbox's
 * signed decision really arrives (the app tester's own callback URL is an outside placeholder).
 */
const runWithCallback = (
  key: 'request_action' | 'isolate_device',
  inputData: Record<string, unknown>,
  path: string,
) =>
  appTester(
    (z: ZObject, bundle: Bundle) => {
      z.generateCallbackUrl = () => `${receiver.url}${path}`;
      return create(key).perform(z, bundle);
    },
    { authData: authFor(sandbox, 'analyst'), inputData },
  ) as Promise<Output>;

describe('case actions', () => {
  it('Update Case changes status, severity, assignee and tags', async () => {
    const out = await run('update_case', {
      case_id: caseId,
      status: 'investigating',
      severity: 'high',
      assignee: 'maria.lopez@acme.example',
      tags: 'ransomware, finance',
    });
    expect(out).toMatchObject({
      id: caseId,
      status: 'investigating',
      severity: 'high',
      assignee: 'maria.lopez@acme.example',
      tags: ['ransomware', 'finance'],
    });
    expect(out.summary).toContain(caseId);
  });

  it('Add Case Comment keeps the text verbatim, even {{curly braces}}', async () => {
    const body = 'Ticket INC-7 opened. Template left as is: {{bundle.inputData.x}}';
    const out = await run('add_case_comment', { case_id: caseId, body });
    expect(out).toMatchObject({ case_id: caseId, body });
    expect(out.id).toMatch(/^cmt_/);
    expect(out.summary).toContain('Comment');
  });

  it('Generate AI Case Summary waits until the summary is ready and returns it', async () => {
    const out = await run('generate_case_summary', { case_id: caseId, timeout_seconds: 20 });
    expect(out.status).toBe('ready');
    expect(typeof out.text).toBe('string');
    expect(out.summary).toMatch(/^AI summary of/);
  });

  it('Create Observation writes an OCSF Detection Finding from simple fields', async () => {
    const out = await run(
      'create_observation',
      {
        title: 'Suspicious PowerShell from Zapier test',
        severity: 'medium',
        description: 'Encoded command line',
        device_id: deviceId,
        case_id: caseId,
      },
      'admin',
    );
    expect(out.id).toMatch(/^obs_/);
    expect(out).toMatchObject({ severity: 'medium', device_id: deviceId, case_id: caseId });
    expect((out.ocsf as { class_uid: number }).class_uid).toBe(2004);
  });
});

describe('response actions', () => {
  it('Add IOC runs at once for an automation and reports the result', async () => {
    const out = await run('add_ioc', {
      case_id: caseId,
      ioc_type: 'sha256',
      ioc_value: 'a'.repeat(64),
      justification: 'Hash from the phishing attachment',
    });
    expect(out.type).toBe('add_ioc');
    expect(out.requires_approval).toBe(false);
    expect(out.summary).toContain('add_ioc');
  });

  it('Isolate Device asks for approval; Approve Response Action decides it with another token', async () => {
    const requested = await run('isolate_device', {
      case_id: caseId,
      device_id: await nextDevice(),
      justification: 'C2 beaconing',
    });
    expect(requested).toMatchObject({
      type: 'isolate_device',
      status: 'pending_approval',
      waiting_for_decision: false,
      decision: null,
    });
    expect(requested).not.toHaveProperty('callback_secret');
    const approved = await run(
      'approve_action',
      { action_id: requested.id, comment: 'Go' },
      'approver',
    );
    expect(approved).toMatchObject({ id: requested.id, status: 'approved' });
    expect(approved.summary).toContain('approved by approver');
  });

  it('Reject Response Action records the reason', async () => {
    const requested = await run('request_action', {
      case_id: caseId,
      type: 'disable_user',
      target_user_id: await someUserId(analyst),
      justification: 'Impossible travel',
    });
    const rejected = await run(
      'reject_action',
      { action_id: requested.id, reason: 'User is travelling' },
      'approver',
    );
    expect(rejected).toMatchObject({ status: 'rejected', decision_comment: 'User is travelling' });
  });
});

describe('waiting for the human decision', () => {
  it('pauses on a callback URL and resumes with the verified decision', async () => {
    const requested = await runWithCallback(
      'request_action',
      {
        case_id: caseId,
        type: 'isolate_device',
        target_device_id: await nextDevice(),
        justification: 'Ransomware precursor',
        wait_for_decision: true,
      },
      '/callback/approve',
    );
    expect(requested).toMatchObject({ status: 'pending_approval', waiting_for_decision: true });
    expect(requested.callback_url).toBe(`${receiver.url}/callback/approve`);
    // The callback secret never appears in the step's output, only sealed.
    expect(JSON.stringify(requested)).not.toMatch(/whsec_/);
    expect(typeof requested.callback_seal).toBe('string');

    await clientAs(sandbox, 'approver').actions.approve(requested.id, {
      comment: 'Approved in Slack',
    });
    const callback = await receiver.waitFor((d) => d.path === '/callback/approve');
    expect(eventOf(callback).type).toBe('action.approved');

    const resumeBundle = {
      authData: authFor(sandbox, 'analyst'),
      inputData: {},
      outputData: requested,
      ...zapierRequest(callback),
    };
    const resumed = (await appTester(
      create('request_action').performResume!,
      resumeBundle,
    )) as Output;
    expect(resumed).toMatchObject({
      id: requested.id,
      status: 'approved',
      decision_comment: 'Approved in Slack',
      // `decision` as n8n names it; `decision_event`, the old name, stays for saved Zaps.
      decision: 'approved',
      decision_event: 'action.approved',
      waiting_for_decision: false,
    });
    expect(resumed.summary).toMatch(/^Approved\. /);
    expect(resumed).not.toHaveProperty('callback_seal');
    expect(resumed.summary).toContain('approved by approver');

    const forged = await thrown(() =>
      appTester(create('request_action').performResume!, {
        ...resumeBundle,
        ...zapierRequest(tampered(callback)),
      }),
    );
    expect(appError(forged).code).toBe('INVALID_SIGNATURE');
  });

  it('resumes from a callback signed like the sandbox’s, given only the parsed body', async () => {
    const requested = await runWithCallback(
      'isolate_device',
      {
        case_id: caseId,
        device_id: await nextDevice(),
        justification: 'Contain now',
        wait_for_decision: 'true',
      },
      '/callback/unused',
    );
    // The secret the request answered, as the app sealed it for this connection.
    const secret = openSeal(String(requested.callback_seal), sandbox.tokens.analyst);
    expect(secret).toMatch(/^whsec_/);
    expect(openSeal(String(requested.callback_seal), sandbox.tokens.approver)).toBeNull();
    const decision = {
      id: 'evt_test0001',
      type: 'action.rejected',
      created_at: new Date().toISOString(),
      tenant_id: sandbox.tenants[0],
      data: { ...requested, status: 'rejected', decision_comment: 'Not this one' },
    };
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = webhookHeaders({
      id: decision.id,
      timestamp,
      body: JSON.stringify(decision),
      secret: secret!,
    });
    const asZapier = (headers: Record<string, string>) => ({
      authData: authFor(sandbox, 'analyst'),
      outputData: requested,
      cleanedRequest: decision,
      rawRequest: {
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [`Http-${k}`, v])),
      },
    });
    const resumed = (await appTester(
      create('isolate_device').performResume!,
      asZapier(signed),
    )) as Output;
    expect(resumed).toMatchObject({
      id: requested.id,
      status: 'rejected',
      decision: 'rejected',
      decision_event: 'action.rejected',
    });

    const unsigned = await thrown(() =>
      appTester(
        create('isolate_device').performResume!,
        asZapier({ 'webhook-id': decision.id, 'webhook-timestamp': String(timestamp) }),
      ),
    );
    expect(appError(unsigned).code).toBe('INVALID_SIGNATURE');
  });
});
