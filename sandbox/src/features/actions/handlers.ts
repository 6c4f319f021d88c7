import { notFound } from '../../http/errors';
import { ok, docPage, type HandlerTable } from '../../http/handler';
import { requireCase } from '../lookup';

type ActionHandlers = Pick<
  HandlerTable,
  'requestAction' | 'listActions' | 'getAction' | 'approveAction' | 'rejectAction'
>;

export const actionHandlers: ActionHandlers = {
  requestAction: (ctx, { params, body }) => {
    const item = requireCase(ctx, params.case_id);
    return ok(ctx.services.actions.request(ctx.caller, item, body), 202);
  },

  listActions: (ctx, { query }) => {
    // Reads see expiry the moment it is due, not when the timer next fires.
    ctx.services.lifecycle.expireDue();
    const result = ctx.services.repos.actions.page(ctx.caller.tenantId, query);
    return docPage(result);
  },

  getAction: (ctx, { params }) => {
    ctx.services.lifecycle.expireDue();
    const action = ctx.services.repos.actions.get(ctx.caller.tenantId, params.action_id);
    if (!action) throw notFound('INVALID_ACTION_ID', 'action_id', params.action_id, 'action');
    return ok(action);
  },

  approveAction: (ctx, { params, body }) =>
    ok(ctx.services.actions.approve(ctx.caller, params.action_id, body)),

  rejectAction: (ctx, { params, body }) =>
    ok(ctx.services.actions.reject(ctx.caller, params.action_id, body)),
};
