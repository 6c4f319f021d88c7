import type { SenseOnClient } from '../client';
import { OPERATIONS, type OperationKey } from './catalog';
import { readOperationInput } from './input';
import type { OperationContext, OperationResult, OperationSpec } from './operation';

/**
 * Runs one operation with platform-neutral input (field names as in its spec): the input is
 * read and checked against the spec's fields, then the operation's typed `run` gets it. Both
 * connectors call this, so an operation behaves the same in Zapier and n8n. A key means the
 * newest version; a spec runs that version (an n8n node of an older typeVersion).
 */
export function runOperation(
  operation: OperationKey | OperationSpec,
  client: SenseOnClient,
  input: Record<string, unknown>,
  ctx: OperationContext = {},
): Promise<OperationResult> {
  const spec: OperationSpec = typeof operation === 'string' ? operationSpec(operation) : operation;
  return spec.run(client, readOperationInput(spec.fields, input), ctx);
}

/** The newest version of an operation. */
export function operationSpec(key: OperationKey): OperationSpec {
  const found = OPERATIONS.find((op) => op.key === key);
  if (!found) throw new Error(`The catalog has no operation ${key}`);
  return found;
}
