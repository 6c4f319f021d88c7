import type { Case } from '@senseon/client';
import type { RequestContext } from '../http/handler';
import { notFound } from '../http/errors';

/** The case, if it exists in the caller's tenant; else 404 `INVALID_CASE_ID`. */
export function requireCase(ctx: RequestContext, caseId: string): Case {
  const item = ctx.services.repos.cases.get(ctx.caller.tenantId, caseId);
  if (!item) throw notFound('INVALID_CASE_ID', 'case_id', caseId, 'case');
  return item;
}
