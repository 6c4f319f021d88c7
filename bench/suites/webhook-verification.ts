import { randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  generateWebhookSecret,
  hashTraceEntry,
  verifyTraceChain,
  verifyWebhook,
  webhookHeaders,
  type TraceEntry,
} from '@senseon/client';
import { Webhook } from 'standardwebhooks';
import { compare, compareRounds, ratioFigure, timed } from '../measure';
import type { Suite } from '../suite';

/** Our Standard Webhooks verification against the reference `standardwebhooks` library. */
function webhookVerification(quick: boolean) {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({
    id: 'evt_bench1',
    type: 'case.created',
    created_at: new Date().toISOString(),
    tenant_id: 'ten_bench',
    data: { id: 'case_bench', title: 'x'.repeat(2000) },
  });
  const headers = webhookHeaders({
    id: `msg_${randomUUID()}`,
    timestamp: Math.floor(Date.now() / 1000),
    body,
    secret,
  });
  const reference = new Webhook(secret);
  const count = quick ? 2_000 : 20_000;
  return compare({
    name: `verify ${count.toLocaleString('en')} signed 2 KB deliveries`,
    unit: 'ms',
    rounds: quick ? 3 : 11,
    candidate: {
      label: 'verifyWebhook',
      run: () =>
        timed(async () => {
          for (let i = 0; i < count; i++) verifyWebhook(body, headers, secret);
        }),
    },
    baseline: {
      label: 'standardwebhooks',
      run: () =>
        timed(async () => {
          for (let i = 0; i < count; i++) reference.verify(body, headers);
        }),
    },
  });
}

/** A valid chain of `n` entries in one case, as the sandbox writes them. */
function traceChain(n: number): TraceEntry[] {
  const entries: TraceEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry = {
      seq,
      at: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
      tenant_id: 'ten_bench',
      case_id: 'case_bench',
      actor: { principal: 'bench', origin: 'automation' as const },
      event: 'action.requested',
      details: { action_id: `act_${seq}`, type: 'isolate_device', note: 'x'.repeat(200) },
      prev_hash: prev,
    };
    const hash = hashTraceEntry(entry);
    entries.push({ ...entry, hash });
    prev = hash;
  }
  return entries;
}

/**
 * Per-entry cost of verifying a 100,000-entry chain against a 10,000-entry one: linear is 1.
 * (`verifyTraceChain` keeps one map entry per chain and hashes each entry once.)
 */
async function traceVerification(quick: boolean) {
  const [small, large] = quick ? [1_000, 10_000] : [10_000, 100_000];
  const smallChain = traceChain(small);
  const largeChain = traceChain(large);
  const perEntry = (chain: TraceEntry[]) => async () => {
    // Collect the garbage of the round before, so neither size pays for the other's.
    (globalThis as { gc?: () => void }).gc?.();
    const ms = await timed(async () => {
      if (!verifyTraceChain(chain).valid) throw new Error('bench chain does not verify');
    });
    return { us: (ms * 1000) / chain.length };
  };
  const rounds = await compareRounds({
    rounds: quick ? 3 : 7,
    candidate: { label: `${large.toLocaleString('en')} entries`, run: perEntry(largeChain) },
    baseline: { label: `${small.toLocaleString('en')} entries`, run: perEntry(smallChain) },
  });
  return ratioFigure({
    measure: 'trace verification, time per entry (verifyTraceChain)',
    unit: 'µs',
    candidate: {
      label: `${large.toLocaleString('en')} entries`,
      values: rounds.candidate.us ?? [],
    },
    baseline: { label: `${small.toLocaleString('en')} entries`, values: rounds.baseline.us ?? [] },
    goal: { text: 'linear: ≤ 1.2', holds: (r) => r <= 1.2 },
  });
}

export const suite: Suite = {
  id: 'verification',
  order: 7,
  title: 'Webhook and trace verification',
  run: async ({ quick }) => ({
    figures: [(await webhookVerification(quick)).figure, await traceVerification(quick)],
    notes: [
      'Webhook: the same signed delivery verified in a loop by the core and by the `standardwebhooks` library, alternating rounds.',
      'Trace: one valid chain verified whole; the per-entry time of a long chain against a short one says whether verification stays linear.',
    ],
  }),
};
