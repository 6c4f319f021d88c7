import { page, type HandlerTable } from '../../http/handler';
import { requireCase } from '../lookup';

export const traceHandlers: Pick<HandlerTable, 'getCaseTrace'> = {
  getCaseTrace: (ctx, { params, query }) => {
    const item = requireCase(ctx, params.case_id);
    const result = ctx.services.trace.pageForCase(item.id, query.limit, query.cursor);
    return page(result.entries, result);
  },
};
