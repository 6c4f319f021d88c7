import type { ActionRequest, ActionType } from '../schemas';
import type { OperationContext } from './operation';

/**
 * The body of a response action request, shared by every operation that asks for one: who
 * asks (automation unless the platform says agent) and where to call back with the decision.
 */
export function responseActionRequest(
  input: { justification: string; expires_in?: number | undefined },
  ctx: OperationContext,
  type: ActionType,
  target: ActionRequest['target'],
): ActionRequest {
  return {
    type,
    target,
    justification: input.justification,
    origin: ctx.origin ?? 'automation',
    callback_url: ctx.callbackUrl,
    expires_in: input.expires_in,
  };
}
