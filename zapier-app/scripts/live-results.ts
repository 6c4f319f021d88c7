/**
 * One live result of every visible Zapier step, run through zapier-platform-core against a real
 * sandbox, next to the step's static sample. Zapier shows the sample until a user tests a step,
 * and a Zap maps fields by key: a sample key that live results lack maps to nothing. The test
 * (`zapier-app/test/samples.test.ts`) and `npm run zapier:checks` both compare them here.
 */
import { SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../src';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Step = {
  key: string;
  display: { hidden?: boolean };
  operation: { perform?: unknown; performList?: unknown; sample?: Record<string, unknown> };
};

export interface LiveResult {
  kind: 'trigger' | 'create' | 'search';
  key: string;
  sample: Record<string, unknown>;
  live: Record<string, unknown> | undefined;
}

/**
 * Objects whose keys depend on what they describe, by design: a DecisionTrace entry's details
 * (per event) and an OCSF event (per class). Their own key is compared, not their contents.
 */
const FREE_FORM = new Set(['details', 'ocsf']);

/**
 * Keys a sample has and a live result lacks, and the reverse, nested keys as `a__b` (a list's
 * first item stands for its items).
 */
export function keyDifferences(
  sample: Record<string, unknown>,
  live: Record<string, unknown>,
  prefix = '',
): { onlyInSample: string[]; onlyLive: string[] } {
  const onlyInSample: string[] = [];
  const onlyLive: string[] = [];
  for (const key of Object.keys(sample)) {
    if (!(key in live)) onlyInSample.push(prefix + key);
  }
  for (const key of Object.keys(live)) {
    if (!(key in sample)) onlyLive.push(prefix + key);
  }
  for (const key of Object.keys(sample)) {
    if (FREE_FORM.has(key)) continue;
    const [a, b] = [firstRecord(sample[key]), firstRecord(live[key])];
    if (a && b) {
      const nested = keyDifferences(a, b, `${prefix}${key}__`);
      onlyInSample.push(...nested.onlyInSample);
      onlyLive.push(...nested.onlyLive);
    }
  }
  return { onlyInSample, onlyLive };
}

/** An object, or the first object of a list; null (an empty value) compares nothing. */
function firstRecord(value: unknown): Record<string, unknown> | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' && !Array.isArray(first)
    ? (first as Record<string, unknown>)
    : null;
}

const auth = (sandbox: RunningSandbox, token: keyof RunningSandbox['tokens']) => ({
  environment: 'sandbox',
  baseUrl: sandbox.url,
  token: sandbox.tokens[token],
});

/** Runs every visible trigger, create and search once, with realistic input. */
export async function liveResults(sandbox: RunningSandbox): Promise<LiveResult[]> {
  const tester = createAppTester(App);
  const analyst = new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.analyst,
    rateLimit: false,
  });
  const [someCase] = await analyst.cases.list({ status: ['open'], limit: 1 }).collect({ limit: 1 });
  const devices = (await analyst.devices.list({ status: 'online', limit: 100 }).collect()).filter(
    (d) => d.criticality !== 'crown_jewel',
  );
  if (!someCase || devices.length < 4) throw new Error('the sandbox seed has too few records');
  const caseId = someCase.id;
  // A change for Updated Case to find, and pending actions to decide.
  await analyst.cases.update(caseId, { status: 'investigating' });
  const pending = async (deviceId: string) =>
    (
      await analyst.actions.request(caseId, {
        type: 'isolate_device',
        target: { device_id: deviceId },
        justification: 'Sample check: contain the beaconing host.',
      })
    ).id;
  const toApprove = await pending(devices[0]!.id);
  const toReject = await pending(devices[1]!.id);

  const run = (
    step: Step,
    method: 'perform' | 'performList',
    inputData: Record<string, unknown>,
    token: keyof RunningSandbox['tokens'] = 'analyst',
  ) => tester(step.operation[method] as Perform, { authData: auth(sandbox, token), inputData });

  const inputs: Record<string, [Record<string, unknown>, ('analyst' | 'approver' | 'admin')?]> = {
    update_case: [{ case_id: caseId, status: 'investigating', tags: ['sample-check'] }],
    add_case_comment: [{ case_id: caseId, body: 'Sample check comment.' }],
    generate_case_summary: [{ case_id: caseId, timeout_seconds: 20 }],
    request_action: [
      {
        case_id: caseId,
        type: 'isolate_device',
        target_device_id: devices[2]!.id,
        justification: 'Sample check: contain the beaconing host.',
      },
    ],
    isolate_device: [
      {
        case_id: caseId,
        device_id: devices[3]!.id,
        justification: 'Sample check: contain the beaconing host.',
      },
    ],
    approve_action: [{ action_id: toApprove, comment: 'Confirmed.' }, 'approver'],
    reject_action: [{ action_id: toReject, reason: 'False positive.' }, 'approver'],
    add_ioc: [
      {
        case_id: caseId,
        ioc_type: 'ipv4',
        ioc_value: '203.0.113.77',
        justification: 'Sample check: block the C2 address.',
      },
    ],
    create_observation: [
      { title: 'Sample check finding', severity: 'high', case_id: caseId },
      'admin',
    ],
    find_case: [{ case_id: caseId }],
    find_device: [{ device_id: devices[0]!.id }],
    find_observations: [{}],
    get_decision_trace: [{ case_id: caseId }],
  };

  const results: LiveResult[] = [];
  const first = (value: unknown) =>
    (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
  for (const [kind, steps] of [
    ['trigger', App.triggers],
    ['create', App.creates],
    ['search', App.searches],
  ] as const) {
    for (const step of Object.values(steps ?? {}) as Step[]) {
      if (step.display.hidden) continue;
      const sample = step.operation.sample ?? {};
      if (kind === 'trigger') {
        results.push({
          kind,
          key: step.key,
          sample,
          live: first(await run(step, 'performList', {})),
        });
        continue;
      }
      const [inputData, token] = inputs[step.key] ?? [{}];
      results.push({
        kind,
        key: step.key,
        sample,
        live: first(await run(step, 'perform', inputData, token)),
      });
    }
  }
  return results;
}
