import { docPage, ok, type HandlerTable } from '../../http/handler';

type HuntHandlers = Pick<HandlerTable, 'createHunt' | 'getHunt' | 'listHuntResults' | 'cancelHunt'>;

export const huntHandlers: HuntHandlers = {
  createHunt: (ctx, { body }) => ok(ctx.services.hunts.create(ctx.caller, body), 202),

  getHunt: (ctx, { params }) => ok(ctx.services.hunts.get(ctx.caller, params.hunt_id)),

  listHuntResults: (ctx, { params, query }) => {
    const hunt = ctx.services.hunts.get(ctx.caller, params.hunt_id);
    return docPage(ctx.services.hunts.results(hunt.id, query.limit, query.cursor));
  },

  cancelHunt: (ctx, { params }) => ok(ctx.services.hunts.cancel(ctx.caller, params.hunt_id)),
};
