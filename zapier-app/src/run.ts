import { runOperation, type OperationContext, type OperationKey } from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from './client';

/** What a Zapier step outputs: a record with its one-sentence summary. */
export type StepRecord = Record<string, unknown> & { summary: string };

/**
 * Runs a catalog operation exactly as the n8n node does (`runOperation` in the core), with the
 * step's input as given. Zapier steps act as automations unless told otherwise.
 */
export async function runStep(
  z: ZObject,
  bundle: Bundle,
  key: OperationKey,
  input: Record<string, unknown> = bundle.inputData,
  ctx: OperationContext = {},
): Promise<StepRecord | StepRecord[]> {
  return runOperation(key, clientFor(z, bundle), input, { origin: 'automation', ...ctx });
}

/** The single record of a create; a list here would be a catalog bug. */
export function single(result: StepRecord | StepRecord[]): StepRecord {
  if (Array.isArray(result)) throw new Error('Expected one record from the operation, got a list');
  return result;
}
