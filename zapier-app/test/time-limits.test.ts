/**
 * Zapier stops a step after 30 s. Against the real sandbox: Generate AI Case Summary returns a
 * summary still generating (with what to do next) instead of running out of time, and a retry
 * that would cross the step's deadline is not made: the step fails at once with the real error.
 */
import type { SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  generateSummary,
  SUMMARY_TIMEOUT_OVERRIDES,
  ZAPIER_SUMMARY_WAIT,
} from '../src/creates/generate-summary';
import { AI_SUMMARY_GENERATING } from '../src/samples/records';
import { AI_SUMMARY_FIELDS } from '../src/samples/output-fields';
import { STEP_DEADLINE_MS, SUMMARY_WAIT_MAX_MS, ZAPIER_STEP_LIMIT_MS } from '../src/time-limits';
import { App, appError, appTester, authFor, clientAs, startTestSandbox, thrown } from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Output = Record<string, unknown> & { summary: string; status?: string };

/** Slower than the test's injected bounds, yet quick enough to see the ready summary too. */
const SUMMARY_DELAY_MS = 2500;

let sandbox: RunningSandbox;
let analyst: SenseOnClient;
let caseIds: string[];

beforeAll(async () => {
  sandbox = await startTestSandbox({ summaryDelayMs: SUMMARY_DELAY_MS });
  analyst = clientAs(sandbox, 'analyst');
  const cases = await analyst.cases.list({ status: ['open'], limit: 10 }).collect({ limit: 10 });
  caseIds = cases.map((c) => c.id);
});
afterEach(() => sandbox.setFaults(null));
afterAll(() => sandbox.close());

/** Each test its own case: generating again restarts a summary's clock. */
let used = 0;
const nextCase = () => {
  const id = caseIds[used++];
  if (!id) throw new Error('no more open cases for this file');
  return id;
};

/** Runs `perform` as Zapier would, counting the HTTP requests it makes and the time it takes. */
async function timed<T>(perform: Perform, inputData: Record<string, unknown>) {
  let requests = 0;
  const started = Date.now();
  const run = appTester(
    (z: ZObject, bundle: Bundle) => {
      const request = z.request.bind(z);
      z.request = ((...args: Parameters<typeof request>) => {
        requests++;
        return request(...args);
      }) as typeof z.request;
      return perform(z, bundle);
    },
    { authData: authFor(sandbox, 'analyst'), inputData },
  ) as Promise<T>;
  const settled = await run.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error: error as Error }),
  );
  return { ...settled, requests, ms: Date.now() - started };
}

const generateCreate = App.creates.generate_case_summary.operation;

describe('Zapier’s time limit for one step', () => {
  it('keeps every bound under 25 s, inside Zapier’s 30 s', () => {
    expect(ZAPIER_STEP_LIMIT_MS).toBe(30_000);
    expect(STEP_DEADLINE_MS).toBeLessThanOrEqual(25_000);
    expect(SUMMARY_WAIT_MAX_MS).toBeLessThanOrEqual(25_000);
    expect(SUMMARY_WAIT_MAX_MS).toBeLessThan(STEP_DEADLINE_MS);
    expect(ZAPIER_SUMMARY_WAIT).toEqual({ maxTimeoutMs: SUMMARY_WAIT_MAX_MS, onTimeout: 'return' });
  });

  it('says so in the "Wait up to" field, whose default is the bound', () => {
    const field = (generateCreate.inputFields ?? []).find(
      (f) => typeof f === 'object' && 'key' in f && f.key === 'timeout_seconds',
    ) as { helpText?: string; default?: string } | undefined;
    const max = String(SUMMARY_WAIT_MAX_MS / 1000);
    expect(field?.default).toBe(max);
    expect(field?.helpText).toContain(`at most ${max}`);
    expect(field?.helpText).toContain('30 s');
    expect(field?.helpText).toContain('**Generating**');
    expect(SUMMARY_TIMEOUT_OVERRIDES.timeout_seconds?.help).toBe(field?.helpText);
  });
});

describe('Generate AI Case Summary', () => {
  it('returns the summary still generating, with the next step, when it is not ready in time', async () => {
    const caseId = nextCase();
    const { value: out, ms } = await timed<Output>(generateCreate.perform as Perform, {
      case_id: caseId,
      timeout_seconds: 1,
    });
    expect(ms).toBeLessThan(SUMMARY_DELAY_MS);
    expect(out).toMatchObject({ case_id: caseId, status: 'generating' });
    expect(out!.next_step).toContain(`"Find Case" step with Case ${caseId}`);
    expect(out!.next_step).toContain('"Delay by Zapier"');
    expect(out!.summary).toBe(
      `The AI summary of ${caseId} is still being generated. Next Step says how to pick it up later.`,
    );
    // The shape the samples and output fields describe.
    expect(Object.keys(out!).sort()).toEqual(
      [...Object.keys(AI_SUMMARY_GENERATING), 'summary'].sort(),
    );
    expect(AI_SUMMARY_FIELDS.map((f) => f.key)).toEqual(
      expect.arrayContaining(['status', 'next_step']),
    );

    // The advice holds: Find Case shows the summary once it is ready.
    await new Promise((resolve) => setTimeout(resolve, SUMMARY_DELAY_MS + 1200));
    const search = App.searches.find_case.operation.perform as Perform;
    const { value: found } = await timed<Output[]>(search, { case_id: caseId });
    expect(found?.[0]).toMatchObject({ id: caseId, ai_summary: { status: 'ready' } });
    expect(typeof (found?.[0]?.ai_summary as { text?: unknown }).text).toBe('string');
  });

  it('clamps a requested wait of 120 s to Zapier’s bound (here a small one)', async () => {
    const bound = 1500;
    const { value: out, ms } = await timed<Output>(
      (z, bundle) => generateSummary(z, bundle, { ...ZAPIER_SUMMARY_WAIT, maxTimeoutMs: bound }),
      { case_id: nextCase(), timeout_seconds: 120 },
    );
    expect(out?.status).toBe('generating');
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(bound + 1000);
  });

  it('still returns the ready summary as before when it is ready in time', async () => {
    const caseId = nextCase();
    const { value: out, error } = await timed<Output>(generateCreate.perform as Perform, {
      case_id: caseId,
      timeout_seconds: 20,
    });
    expect(error).toBeUndefined();
    expect(out).toMatchObject({ case_id: caseId, status: 'ready', model: expect.any(String) });
    expect(typeof out!.text).toBe('string');
    expect(out!.summary).toMatch(/^AI summary of/);
    expect(out!.next_step).toBeNull();
  });
});

describe('retries within the step’s deadline', () => {
  const findCase = App.searches.find_case.operation.perform as Perform;
  const newCasePoll = (App.triggers.new_case.operation as { performList: Perform }).performList;

  it.each([
    ['Find Case', 503, 'SERVICE_UNAVAILABLE', 'temporarily unavailable', findCase],
    ['the New Case poll', 504, 'GATEWAY_TIMEOUT', 'query timed out', newCasePoll],
  ])(
    '%s fails at once with the real %i when its Retry-After would cross the deadline',
    async (_name, status, code, text, perform) => {
      sandbox.setFaults({ errorRate: 1, codes: [status], retryAfterSeconds: 60 });
      const { error, requests, ms } = await timed(perform, { case_id: caseIds[0] });
      expect(error).toBeDefined();
      expect(appError(error)).toMatchObject({ code, status });
      expect(appError(error).message).toContain(`(${status} ${code})`);
      expect(appError(error).message).toContain(text);
      expect(requests).toBe(1);
      expect(ms).toBeLessThan(3000);
    },
  );

  it('a 429 still goes back to Zapier as a ThrottledError with the server’s delay', async () => {
    sandbox.setFaults({ errorRate: 1, codes: [429], retryAfterSeconds: 60 });
    const { error, requests, ms } = await timed(findCase, { case_id: caseIds[0] });
    expect(error?.name).toBe('ThrottledError');
    expect(error?.message).toContain('60');
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(3000);
  });

  it('still retries when the wait ends before the deadline', async () => {
    sandbox.setFaults({ errorRate: 1, codes: [503], retryAfterSeconds: 1 });
    setTimeout(() => sandbox.setFaults(null), 300);
    const { value, error, requests, ms } = await timed<Output[]>(findCase, {
      case_id: caseIds[0],
    });
    expect(error).toBeUndefined();
    expect(value?.[0]?.id).toBe(caseIds[0]);
    expect(requests).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(900);
  });

  it('the error of a step that fails this way is the API’s, not a timeout', async () => {
    sandbox.setFaults({ errorRate: 1, codes: [503], retryAfterSeconds: 60 });
    const error = await thrown(() =>
      appTester(findCase, {
        authData: authFor(sandbox, 'analyst'),
        inputData: { case_id: caseIds[0] },
      }),
    );
    expect(appError(error).message).not.toMatch(/not sent|deadline|timed out/i);
  });
});
