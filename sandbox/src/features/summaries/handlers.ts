import { ApiError } from '../../http/errors';
import { ok, type HandlerTable } from '../../http/handler';
import { requireCase } from '../lookup';

export const summaryHandlers: Pick<HandlerTable, 'generateSummary' | 'getSummary'> = {
  generateSummary: (ctx, { params }) => {
    const item = requireCase(ctx, params.case_id);
    return ok(ctx.services.summaries.request(ctx.caller, item), 202);
  },

  getSummary: (ctx, { params }) => {
    const item = requireCase(ctx, params.case_id);
    const summary = ctx.services.summaries.get(item.id);
    if (!summary) {
      throw new ApiError(
        'NOT_FOUND',
        `No AI summary was generated for case ${item.id} yet; POST /cases/${item.id}/summary generates one.`,
        [{ field: 'case_id', issue: 'has no summary yet' }],
      );
    }
    return ok(summary);
  },
};
