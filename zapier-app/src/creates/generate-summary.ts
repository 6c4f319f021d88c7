import type { OperationContext } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { FieldOverrides } from '../fields/render';
import { runStep, single, type StepRecord } from '../run';
import { SUMMARY_WAIT_MAX_MS } from '../time-limits';

type SummaryWait = NonNullable<OperationContext['summaryWait']>;

/**
 * Zapier's summary wait: never longer than the step allows, whatever "Wait up to" says, and a
 * summary still generating then is returned (with what to do next), not a failed step. The n8n
 * node has no such limit and keeps the catalog's 120 s and its timeout error.
 */
export const ZAPIER_SUMMARY_WAIT: SummaryWait = {
  maxTimeoutMs: SUMMARY_WAIT_MAX_MS,
  onTimeout: 'return',
};

const maxSeconds = SUMMARY_WAIT_MAX_MS / 1000;

/** The catalog's "Wait up to (seconds)", as Zapier must present it. */
export const SUMMARY_TIMEOUT_OVERRIDES: Record<string, FieldOverrides> = {
  timeout_seconds: {
    default: maxSeconds,
    help:
      `How long to wait for the AI summary, in seconds: at most ${maxSeconds}, because Zapier ` +
      `stops a step after 30 s (a larger value counts as ${maxSeconds}). If the summary is not ` +
      'ready by then, the step still succeeds, with Status **Generating** and a Next Step that ' +
      'says how to pick the summary up later.',
  },
};

/** What the user should do when the summary was not ready in time, with the steps the app has. */
export function nextStepFor(caseId: string): string {
  return (
    `The AI summary of ${caseId} was still being generated when this step had to finish ` +
    '(Zapier stops a step after 30 s). To use it, add a "Delay by Zapier" step (1–2 minutes), ' +
    `then a SenseOn "Find Case" step with Case ${caseId}: once its AI Summary Status is ` +
    '"ready", AI Summary Text holds the summary. Running Generate AI Case Summary again would ' +
    'start a new summary instead.'
  );
}

/**
 * Generate AI Case Summary in Zapier: the catalog operation within Zapier's time limit. A ready
 * summary comes back as the catalog returns it; one still generating gets `next_step`.
 */
export async function generateSummary(
  z: ZObject,
  bundle: Bundle,
  summaryWait: SummaryWait = ZAPIER_SUMMARY_WAIT,
): Promise<StepRecord> {
  const result = single(
    await runStep(z, bundle, 'case.generateSummary', bundle.inputData, { summaryWait }),
  );
  // Next Step is always there (empty when the summary is ready), so a Zap can map it either way.
  if (result.status !== 'generating') return { ...result, next_step: null };
  const caseId = String(result.case_id);
  return {
    ...result,
    next_step: nextStepFor(caseId),
    summary: `${result.summary} Next Step says how to pick it up later.`,
  };
}
