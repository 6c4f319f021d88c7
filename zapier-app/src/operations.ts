import { OPERATIONS, type OperationSpec } from '@senseon/client';

type Operation = (typeof OPERATIONS)[number];

/** Every catalog operation a Zapier create or search key renders (a search may merge two). */
export function operationsFor(zapierKey: string): Operation[] {
  const found = OPERATIONS.filter((op) => 'key' in op.zapier && op.zapier.key === zapierKey);
  if (found.length === 0)
    throw new Error(`No catalog operation is placed at Zapier key ${zapierKey}`);
  return found;
}

/** The one catalog operation behind a Zapier create. */
export function operationFor(zapierKey: string): Operation {
  const [only, ...more] = operationsFor(zapierKey);
  if (!only || more.length > 0) {
    throw new Error(`Zapier key ${zapierKey} must render exactly one catalog operation`);
  }
  return only;
}

export type { OperationSpec };
