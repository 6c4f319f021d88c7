/**
 * An approved action whose containment then fails (the host went offline before its agent could
 * isolate it) is not an approval to go on with: the core's `decisionOf`, which both connectors'
 * "decision" output and n8n's Approved/Not Approved routing use, says `failed`, and `isApproved`
 * says no. Against the real sandbox over HTTP.
 */
import { SenseOnClient, decisionOf, isApproved, DECISION_LABELS } from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';

let sandbox: RunningSandbox;
const client = (token: string) =>
  new SenseOnClient({ baseUrl: sandbox.url, token, rateLimit: false });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, actionExecutionMs: 10, log: false });
});
afterAll(() => sandbox.close());

test('an approved isolation that fails has the decision "failed", which is not an approval', async () => {
  const analyst = client(sandbox.tokens.analyst!);
  const devices = await analyst.devices.list({ limit: 100 }).collect();
  const device = devices.find((d) => d.status === 'online' && d.criticality !== 'crown_jewel')!;
  const [someCase] = await analyst.cases.list({ limit: 1 }).collect();
  const requested = await analyst.actions.request(someCase!.id, {
    type: 'isolate_device',
    target: { device_id: device.id },
    justification: 'Contain while the SOC investigates.',
  });
  expect(decisionOf(requested)).toBeNull();

  sandbox.services.repos.devices.save({ ...device, status: 'offline' });
  const approved = await client(sandbox.tokens.approver!).actions.approve(requested.id, {});
  // Just approved, not run yet: the person's decision, an approval.
  expect(['approved', 'executing', 'failed']).toContain(approved.status);

  let action = approved;
  for (let i = 0; i < 100 && action.status !== 'failed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    action = await analyst.actions.retrieve(requested.id);
  }
  expect(action.status).toBe('failed');
  expect(action.decided_by).toBeTruthy();
  const decision = decisionOf(action);
  expect(decision).toBe('failed');
  expect(isApproved(decision!)).toBe(false);
  expect(DECISION_LABELS[decision!]).toMatch(/did not take effect/);
});
