import type { Sleep } from '../http/sleep';
import { sleepUnlessAborted } from '../http/sleep';
import { FINAL_HUNT_STATUSES, type Hunt } from '../schemas/telemetry';

export interface HuntWaitOptions {
  /** Stop waiting after this long and answer the hunt as it stands (default 60000 ms). */
  timeoutMs?: number;
  /** Time between polls (default 1000 ms). */
  pollIntervalMs?: number;
}

interface WaitArgs extends HuntWaitOptions {
  hunt: Hunt;
  fetch: () => Promise<Hunt>;
  sleep: Sleep;
  now: () => number;
  signal?: AbortSignal;
  /** Epoch ms: no poll starts at or after it (the client's or the call's deadline). */
  deadline?: number;
}

export const isFinalHunt = (hunt: Hunt): boolean => FINAL_HUNT_STATUSES.includes(hunt.status);

/**
 * Polls a hunt until it ends (done, failed, cancelled, timed_out) or the wait is over, and
 * answers it either way: a hunt still queued or running is not an error, its id is how to come
 * back for it. The wait is bounded because platforms stop steps (Zapier at 30 s).
 */
export async function waitForHunt(args: WaitArgs): Promise<Hunt> {
  const timeoutMs = args.timeoutMs ?? 60_000;
  const pollIntervalMs = args.pollIntervalMs ?? 1000;
  const started = args.now();
  let slept = 0;
  let hunt = args.hunt;
  while (!isFinalHunt(hunt)) {
    const waited = Math.max(args.now() - started, slept);
    const nextPollAt = started + waited + pollIntervalMs;
    if (waited + pollIntervalMs > timeoutMs) return hunt;
    if (args.deadline !== undefined && nextPollAt >= args.deadline) return hunt;
    await sleepUnlessAborted(args.sleep, pollIntervalMs, args.signal);
    slept += pollIntervalMs;
    hunt = await args.fetch();
  }
  return hunt;
}
