import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether an AI agent is calling this node as a tool. n8n runs a `usableAsTool` node under a
 * derived type named `<type>Tool`; some execution paths also answer `isToolExecution()`.
 * Requests made this way carry origin `agent`, so SenseOn always waits for a human.
 */
export function isToolCall(context: IExecuteFunctions): boolean {
  const asksHelper =
    typeof context.isToolExecution === 'function' && context.isToolExecution() === true;
  return asksHelper || context.getNode().type.endsWith('Tool');
}
