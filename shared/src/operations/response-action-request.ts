import { DECISION_CALLBACK_EVENTS, type ActionRequest, type ActionType } from '../schemas';
import type { OperationContext } from './operation';

/**
 * The body of a response action request, shared by every operation that asks for one: who
 * asks (automation unless the platform says agent) and where to call back with the decision.
 * Both connectors' callbacks wait for the decision only (an n8n resume URL, a Zapier callback
 * URL), and n8n answers 409 to a resume URL whose execution has moved on: so the decision and
 * the expiry are all they ask SenseOn to send, never the result that comes after.
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
    ...(ctx.callbackUrl ? { callback_events: [...DECISION_CALLBACK_EVENTS] } : {}),
    expires_in: input.expires_in,
  };
}
