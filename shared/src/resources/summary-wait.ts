import { NotFoundError, SummaryTimeoutError } from '../errors';
import type { Sleep } from '../http/sleep';
import { sleepUnlessAborted } from '../http/sleep';
import type { CaseSummaryResponse } from '../schemas/cases';

export interface SummaryWaitOptions {
  /** Give up after this long (default 120000 ms). */
  timeoutMs?: number;
  /** Time between polls (default 1000 ms). */
  pollIntervalMs?: number;
  /**
   * When the summary is still generating at the end of the wait: `throw` a `SummaryTimeoutError`
   * (the default), or `return` the summary as it stands, with `status: 'generating'`. The latter
   * is for callers on a platform's time limit (Zapier), which tell the user how to fetch it later.
   */
  onTimeout?: 'throw' | 'return';
}

interface WaitArgs extends SummaryWaitOptions {
  caseId: string;
  /** When this generation was requested: an older ready summary is not the one we asked for. */
  requestedAt: string;
  fetch: () => Promise<CaseSummaryResponse>;
  sleep: Sleep;
  now: () => number;
  signal?: AbortSignal;
  /** Epoch ms: no poll starts at or after it (the client's or the call's deadline). */
  deadline?: number;
}

function isFresh(summary: CaseSummaryResponse, requestedAt: string): boolean {
  if (summary.status !== 'ready') return false;
  if (!summary.generated_at) return true;
  return Date.parse(summary.generated_at) >= Date.parse(requestedAt);
}

/**
 * The summary when the wait ends before it is ready: what the API last answered (it keeps the
 * previous text readable while generating), marked as generating, since a ready one from before
 * this request is not the one asked for; or an empty one if the API had none to show yet.
 */
function stillGenerating(caseId: string, last: CaseSummaryResponse | undefined) {
  if (last) return { ...last, status: 'generating' } satisfies CaseSummaryResponse;
  return {
    case_id: caseId,
    status: 'generating',
    text: null,
    severity_assessment: null,
    recommended_actions: [],
    generated_at: null,
    model: null,
  } satisfies CaseSummaryResponse;
}

/** Polls the summary until it is ready and generated after `requestedAt`. */
export async function waitForSummary(args: WaitArgs): Promise<CaseSummaryResponse> {
  const timeoutMs = args.timeoutMs ?? 120_000;
  const pollIntervalMs = args.pollIntervalMs ?? 1000;
  const started = args.now();
  // Counting the time slept too keeps the deadline honest when tests inject a sleep.
  let slept = 0;
  let last: CaseSummaryResponse | undefined;
  for (;;) {
    try {
      const summary = await args.fetch();
      if (isFresh(summary, args.requestedAt)) return summary;
      last = summary;
    } catch (error) {
      // Until the first summary exists the API answers 404; that only means "not yet".
      if (!(error instanceof NotFoundError)) throw error;
    }
    const waited = Math.max(args.now() - started, slept);
    const nextPollAt = started + waited + pollIntervalMs;
    const pastDeadline = args.deadline !== undefined && nextPollAt >= args.deadline;
    if (waited + pollIntervalMs > timeoutMs || pastDeadline) {
      if (args.onTimeout === 'return') return stillGenerating(args.caseId, last);
      throw new SummaryTimeoutError(args.caseId, waited);
    }
    await sleepUnlessAborted(args.sleep, pollIntervalMs, args.signal);
    slept += pollIntervalMs;
  }
}
