/**
 * A Zapier step that hits a 429 throws ThrottledError, and Zapier runs the step again after the
 * delay; the playbook runner (`npm start`, chaos row 1a) must do the same, or a throttled step
 * fails where Zapier would have finished it. Against the real sandbox with injected 429s, through
 * the Zapier app in zapier-platform-core.
 */
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { runPlaybook } from '../../scripts/playbook/playbook';
import { invoker } from '../../scripts/playbook/invoke';
import {
  RescheduleLog,
  reschedulingInvoker,
  throttledDelay,
  unanswered,
} from '../../scripts/playbook/reschedule';
import App from '../../zapier-app/src';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    // Every request a 429 with Retry-After: 1 until the test turns it down.
    faults: { errorRate: 1, codes: [429] },
    rateLimit: 1_000_000,
    summaryDelayMs: 20,
    actionExecutionMs: 10,
    log: false,
  });
});
afterAll(() => sandbox.close());

const auth = () => ({
  environment: 'sandbox' as const,
  baseUrl: sandbox.url,
  token: sandbox.tokens.analyst,
});

test('a 429 reaches the runner as ThrottledError with the server delay', async () => {
  sandbox.setFaults({ errorRate: 1, codes: [429] });
  const error = await invoker(App)('searches.find_device.operation.perform', auth(), {
    device_id: 'dev_000001',
  }).catch((e: unknown) => e);
  expect(throttledDelay(error)).toBe(1);
});

test('a step throttled on every try fails after the bounded reschedules, waiting its delay each time', async () => {
  sandbox.setFaults({ errorRate: 1, codes: [429] });
  const log = new RescheduleLog();
  const waits: number[] = [];
  const run = reschedulingInvoker(invoker(App), log, {
    maxReschedules: 3,
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  const error = await run('searches.find_device.operation.perform', auth(), {
    device_id: 'dev_000001',
  }).catch((e: unknown) => e);
  expect((error as Error).name).toBe('ThrottledError');
  expect(log.count).toBe(3);
  expect(waits).toEqual([1000, 1000, 1000]);
});

test('a read SenseOn did not answer is replayed a bounded number of times; a create never', async () => {
  sandbox.setFaults({ errorRate: 1, codes: [500] });
  const log = new RescheduleLog();
  const run = reschedulingInvoker(invoker(App), log, { maxReadReplays: 2, wait: async () => {} });
  const read = await run('searches.find_device.operation.perform', auth(), {
    device_id: 'dev_000001',
  }).catch((e: unknown) => e);
  expect(unanswered(read)).toBe(true);
  expect(log.replays).toBe(2);
  const [someCase] = sandbox.db.prepare('SELECT id FROM cases LIMIT 1').all() as { id: string }[];
  const write = await run('creates.add_case_comment.operation.perform', auth(), {
    case_id: someCase!.id,
    body: 'never replayed',
  }).catch((e: unknown) => e);
  expect(unanswered(write)).toBe(true);
  expect(log.replays).toBe(2);
  sandbox.setFaults(null);
}, 60_000);

test('any other error is not rescheduled', async () => {
  sandbox.setFaults(null);
  const log = new RescheduleLog();
  const run = reschedulingInvoker(invoker(App), log, { wait: async () => {} });
  await expect(
    run('searches.get_decision_trace.operation.perform', auth(), { case_id: 'case_nope' }),
  ).rejects.toThrow();
  expect(log.entries).toHaveLength(0);
});

test('the playbook finishes every step under 10% injected 429s, rescheduling the throttled steps', async () => {
  sandbox.setFaults({ errorRate: 0.1, codes: [429] });
  const log = new RescheduleLog();
  // 10% of ~40 calls: a run with no 429 at all has probability ~0.015, so a run without one
  // proves nothing about rescheduling; every run must finish, and up to 3 run until one is hit.
  for (let run = 1; run <= 3 && log.count === 0; run++) {
    expect(await runPlaybook(sandbox, log)).toBe(true);
  }
  sandbox.setFaults(null);
  expect(log.count).toBeGreaterThan(0);
}, 300_000);
