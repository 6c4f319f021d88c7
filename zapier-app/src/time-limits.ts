/**
 * Zapier stops a create, a search, a trigger's poll and a REST hook's processing after 30 s,
 * with no error the user can act on. These bounds keep every step of the app well inside it.
 */
export const ZAPIER_STEP_LIMIT_MS = 30_000;

/**
 * Each step's client gets this long from the start of `perform` (the client core's `deadline`):
 * no retry or Retry-After wait reaches past it, and the real error is shown instead. The 5 s
 * left are for Zapier's own work around the step.
 */
export const STEP_DEADLINE_MS = 25_000;

/**
 * One attempt's timeout. Well under the step's deadline, so an answer lost after the server
 * committed (a proxy holding the connection) leaves time for the retry, which carries the same
 * Idempotency-Key and gets the stored answer, instead of the step failing on a write that was
 * made (chaos row 1a: an approval whose answer was held 30 s failed its step).
 */
export const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * The longest Generate AI Case Summary polls for the summary. Shorter than the deadline so that
 * its last poll, and the answer, still fit before it: the whole step stays under 25 s.
 */
export const SUMMARY_WAIT_MAX_MS = 20_000;

/** The deadline of a step that starts now, in epoch ms. */
export function stepDeadline(startedAt: number = Date.now()): number {
  return startedAt + STEP_DEADLINE_MS;
}
