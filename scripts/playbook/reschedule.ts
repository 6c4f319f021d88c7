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

/** How many steps Zapier's scheduler ran again after a ThrottledError, and why. */
export class RescheduleLog {
  readonly entries: { method: string; delaySeconds: number; attempt: number }[] = [];
  get count(): number {
    return this.entries.length;
  }
}

/**
 * What Zapier does with a step that throws `ThrottledError(message, delay)`: the step ends, and
 * the scheduler runs it again, from the start, after `delay` seconds, a bounded number of times.
 * The waiting happens here, between runs of the step, never inside one (a step that sleeps only
 * burns its 30 s). Any other error, or a ThrottledError after the last reschedule, fails the
 * step as it would in Zapier.
 */
export function reschedulingInvoker(
  invoke: Invoke,
  log: RescheduleLog,
  { maxReschedules = MAX_RESCHEDULES, wait = sleep } = {},
): Invoke {
  return async (method, authData, inputData) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await invoke(method, authData, inputData);
      } catch (error) {
        const delaySeconds = throttledDelay(error);
        if (delaySeconds === undefined || attempt > maxReschedules) throw error;
        log.entries.push({ method, delaySeconds, attempt });
        await wait(delaySeconds * 1000);
      }
    }
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
