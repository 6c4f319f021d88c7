import { ok, page, type HandlerTable } from '../../http/handler';
import { ApiError } from '../../http/errors';
import { ProofRequestError } from '../../trace/trace-proofs';
import { requireCase } from '../lookup';

type TraceEndpoints =
  | 'getCaseTrace'
  | 'getTraceCheckpoint'
  | 'getTraceInclusionProof'
  | 'getTraceConsistencyProof'
  | 'listTenantTrace'
  | 'getTraceKeys';

/** A proof that cannot be given is the caller's mistake: 400 naming the field, 404 for no entry. */
function answer<T>(work: () => T) {
  try {
    return ok(work());
  } catch (error) {
    if (!(error instanceof ProofRequestError)) throw error;
    throw new ApiError(error.notFound ? 'NOT_FOUND' : 'VALIDATION_ERROR', `${error.message}.`, [
      { field: error.field, issue: error.issue },
    ]);
  }
}

export const traceHandlers: Pick<HandlerTable, TraceEndpoints> = {
  getCaseTrace: (ctx, { params, query }) => {
    const item = requireCase(ctx, params.case_id);
    const result = ctx.services.trace.pageForCase(item.id, query.limit, query.cursor);
    return page(result.entries, result);
  },
  getTraceCheckpoint: (ctx) => ok(ctx.services.traceProofs.checkpoint(ctx.caller.tenantId)),
  getTraceInclusionProof: (ctx, { query }) =>
    answer(() => ctx.services.traceProofs.inclusion(ctx.caller.tenantId, query)),
  getTraceConsistencyProof: (ctx, { query }) =>
    answer(() => ctx.services.traceProofs.consistency(ctx.caller.tenantId, query)),
  listTenantTrace: (ctx, { query }) =>
    ok(ctx.services.traceProofs.entries(ctx.caller.tenantId, query.start ?? 0, query.limit ?? 100)),
  getTraceKeys: (ctx) => ok({ keys: [ctx.services.traceProofs.publicKey] }),
};
