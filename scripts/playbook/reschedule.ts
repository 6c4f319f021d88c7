import type { Invoke } from './invoke';

/**
 * Reschedules of one step before the runner gives up and lets the ThrottledError fail it. Ours,
 * not a figure of Zapier's: a step of many requests (Find Decision Trace fetches one inclusion
 * proof per entry) under 10% random 429s completes once in ~3 runs, so a few tries are not enough.
 */
export const MAX_RESCHEDULES = 20;
/** zapier-platform-core's ThrottledError has no delay of its own unless the app sets one. */
const DEFAULT_DELAY_SECONDS = 60;

/** The delay (seconds) of a zapier-platform-core ThrottledError, or undefined for any other error. */
export function throttledDelay(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'ThrottledError') return undefined;
  // Its message is JSON: {message, delay}.
  try {
    const { delay } = JSON.parse(error.message) as { delay?: unknown };
    return typeof delay === 'number' && delay >= 0 ? delay : DEFAULT_DELAY_SECONDS;
  } catch {
    return DEFAULT_DELAY_SECONDS;
  }
}

/** Replays of one read step that errored, before the runner lets the error fail it. */
export const MAX_READ_REPLAYS = 3;
/** How long Zapier's Autoreplay waits before a replay; ours is short, the point is the replay. */
const REPLAY_DELAY_MS = 1_000;

/**
 * Whether a step's error says SenseOn failed to answer (5xx after the app's own retries, no
 * connection, a timeout), as opposed to an answer (4xx) that a replay would only repeat.
 */
export function unanswered(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  try {
    const { code, status } = JSON.parse(error.message) as { code?: unknown; status?: unknown };
    return (
      (typeof status === 'number' && status >= 500) ||
      code === 'CONNECTION_ERROR' ||
      code === 'TIMEOUT'
    );
  } catch {
    return false;
  }
}

/** Reads: searches and trigger polls change nothing, so running one again is always safe. */
const isRead = (method: string) => method.startsWith('searches.') || method.startsWith('triggers.');

/** How many steps Zapier ran again: after a ThrottledError (rescheduled), or a read that errored (replayed). */
export class RescheduleLog {
  readonly entries: {
    method: string;
    why: 'throttled' | 'replayed';
    delaySeconds: number;
    attempt: number;
  }[] = [];
  get count(): number {
    return this.entries.filter((e) => e.why === 'throttled').length;
  }
  get replays(): number {
    return this.entries.filter((e) => e.why === 'replayed').length;
  }
}

/**
 * What Zapier does with a step that throws `ThrottledError(message, delay)`: the step ends, and
 * the scheduler runs it again, from the start, after `delay` seconds, a bounded number of times.
 * And what Zapier's Autoreplay does with a step that errored because SenseOn did not answer: it
 * runs it again later; here only reads (searches, trigger polls), which change nothing, at most
 * `maxReadReplays` times. A create is never replayed: a write whose answer was lost may have been
 * made. The waiting happens here, between runs of the step, never inside one (a step that sleeps
 * only burns its 30 s). Any other error, or one after the last reschedule or replay, fails the
 * step as it would in Zapier.
 */
export function reschedulingInvoker(
  invoke: Invoke,
  log: RescheduleLog,
  { maxReschedules = MAX_RESCHEDULES, maxReadReplays = MAX_READ_REPLAYS, wait = sleep } = {},
): Invoke {
  return async (method, authData, inputData) => {
    let throttled = 0;
    let replayed = 0;
    for (;;) {
      try {
        return await invoke(method, authData, inputData);
      } catch (error) {
        const delaySeconds = throttledDelay(error);
        if (delaySeconds !== undefined && throttled < maxReschedules) {
          throttled++;
          log.entries.push({ method, why: 'throttled', delaySeconds, attempt: throttled });
          await wait(delaySeconds * 1000);
        } else if (isRead(method) && unanswered(error) && replayed < maxReadReplays) {
          replayed++;
          log.entries.push({
            method,
            why: 'replayed',
            delaySeconds: REPLAY_DELAY_MS / 1000,
            attempt: replayed,
          });
          await wait(REPLAY_DELAY_MS);
        } else {
          throw error;
        }
      }
    }
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
