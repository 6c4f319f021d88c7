import { NotFoundError, SummaryTimeoutError } from '../errors';
import type { Sleep } from '../http/sleep';
import { sleepUnlessAborted } from '../http/sleep';
import type { CaseSummaryResponse } from '../schemas/cases';

export interface SummaryWaitOptions {
  /** Give up after this long (default 120000 ms). */
  timeoutMs?: number;
  /** Time between polls (default 1000 ms). */
  pollIntervalMs?: number;
}

interface WaitArgs extends SummaryWaitOptions {
  caseId: string;
  /** When this generation was requested: an older ready summary is not the one we asked for. */
  requestedAt: string;
  fetch: () => Promise<CaseSummaryResponse>;
  sleep: Sleep;
  now: () => number;
  signal?: AbortSignal;
}

function isFresh(summary: CaseSummaryResponse, requestedAt: string): boolean {
  if (summary.status !== 'ready') return false;
  if (!summary.generated_at) return true;
  return Date.parse(summary.generated_at) >= Date.parse(requestedAt);
}

/** Polls the summary until it is ready and generated after `requestedAt`. */
export async function waitForSummary(args: WaitArgs): Promise<CaseSummaryResponse> {
  const timeoutMs = args.timeoutMs ?? 120_000;
  const pollIntervalMs = args.pollIntervalMs ?? 1000;
  const started = args.now();
  // Counting the time slept too keeps the deadline honest when tests inject a sleep.
  let slept = 0;
  for (;;) {
    try {
      const summary = await args.fetch();
      if (isFresh(summary, args.requestedAt)) return summary;
    } catch (error) {
      // Until the first summary exists the API answers 404; that only means "not yet".
      if (!(error instanceof NotFoundError)) throw error;
    }
    const waited = Math.max(args.now() - started, slept);
    if (waited + pollIntervalMs > timeoutMs) throw new SummaryTimeoutError(args.caseId, waited);
    await sleepUnlessAborted(args.sleep, pollIntervalMs, args.signal);
    slept += pollIntervalMs;
  }
}
