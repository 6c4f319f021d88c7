import { docPage, type HandlerTable } from '../../http/handler';

export const eventHandlers: Pick<HandlerTable, 'listEvents'> = {
  listEvents: (ctx, { query }) =>
    docPage(ctx.services.repos.events.page(ctx.caller.tenantId, query)),
};
