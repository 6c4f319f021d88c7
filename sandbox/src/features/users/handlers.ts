import { docPage, type HandlerTable } from '../../http/handler';

export const userHandlers: Pick<HandlerTable, 'listUsers'> = {
  listUsers: (ctx, { query }) => docPage(ctx.services.repos.users.page(ctx.caller.tenantId, query)),
};
