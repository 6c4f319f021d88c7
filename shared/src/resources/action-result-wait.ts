import type { Sleep } from '../http/sleep';
import { sleepUnlessAborted } from '../http/sleep';
import type { Action } from '../schemas/actions';

export interface ActionResultWaitOptions {
  /** Give up after this long and answer the action as it stands (default 30000 ms). */
  timeoutMs?: number;
  /** Time between polls (default 1000 ms). */
  pollIntervalMs?: number;
}

interface WaitArgs extends ActionResultWaitOptions {
  first: Action;
  fetch: () => Promise<Action>;
  sleep: Sleep;
  now: () => number;
  signal?: AbortSignal;
  deadline?: number;
}

/**
 * Whether waiting can still change the action: an approved or executing action is on its way to
 * a result; a final one has it, and one pending approval waits for a person, which polling does
 * not hasten (wait for the decision instead).
 */
export const isRunning = (action: Action): boolean =>
  action.status === 'approved' || action.status === 'executing';

/**
 * Polls an action until it has its result, or the wait is over; never throws for time: the
 * action comes back as it stands (still executing), and its status says so.
 */
export async function waitForActionResult(args: WaitArgs): Promise<Action> {
  const timeoutMs = args.timeoutMs ?? 30_000;
  const pollIntervalMs = args.pollIntervalMs ?? 1000;
  const started = args.now();
  let slept = 0;
  let action = args.first;
  while (isRunning(action)) {
    const waited = Math.max(args.now() - started, slept);
    const pastDeadline =
      args.deadline !== undefined && started + waited + pollIntervalMs >= args.deadline;
    if (waited + pollIntervalMs > timeoutMs || pastDeadline) break;
    await sleepUnlessAborted(args.sleep, pollIntervalMs, args.signal);
    slept += pollIntervalMs;
    action = await args.fetch();
  }
  return action;
}
