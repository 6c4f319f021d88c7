import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type {
  Case,
  CaseFilters,
  CaseSummaryResponse,
  CaseUpdate,
  Comment,
  CommentCreate,
  SummaryAccepted,
} from '../schemas/cases';
import type { CaseDetail } from '../schemas/case-detail';
import type { PageParams } from '../schemas/common';
import type { TraceEntry } from '../schemas/trace';
import { verifyTraceChain, type TraceVerification } from '../trace/chain';
import { ApiResource, withCursor } from './resource';
import { waitForSummary, type SummaryWaitOptions } from './summary-wait';

export class CasesResource extends ApiResource {
  /** `GET /cases`; `status` and `severity` arrays go as repeated query parameters. */
  list(filters?: CaseFilters, options?: RequestOptions): PagePromise<Case> {
    return this.paged('listCases', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }

  /** `POST /cases`, the Connect API's list form: the filters as a JSON body. A read, so retried. */
  search(filters?: CaseFilters, options?: RequestOptions): PagePromise<Case> {
    return this.paged('searchCases', (cursor) => ({ body: withCursor(filters, cursor) }), options);
  }

  retrieve(caseId: string, options?: RequestOptions): Promise<CaseDetail> {
    return this.call('getCase', { params: { case_id: caseId } }, options);
  }

  update(caseId: string, patch: CaseUpdate, options?: RequestOptions): Promise<Case> {
    return this.call('updateCase', { params: { case_id: caseId }, body: patch }, options);
  }

  listComments(caseId: string, page?: PageParams, options?: RequestOptions): PagePromise<Comment> {
    return this.paged(
      'listComments',
      (cursor) => ({ params: { case_id: caseId }, query: withCursor(page, cursor) }),
      options,
    );
  }

  addComment(caseId: string, comment: CommentCreate, options?: RequestOptions): Promise<Comment> {
    return this.call('createComment', { params: { case_id: caseId }, body: comment }, options);
  }

  /** Starts (re)generating the AI summary; answers at once with `status: "generating"`. */
  generateSummary(caseId: string, options?: RequestOptions): Promise<SummaryAccepted> {
    return this.call('generateSummary', { params: { case_id: caseId } }, options);
  }

  retrieveSummary(caseId: string, options?: RequestOptions): Promise<CaseSummaryResponse> {
    return this.call('getSummary', { params: { case_id: caseId } }, options);
  }

  /**
   * Generates the AI summary and polls until it is ready; if it is not in time,
   * `SummaryTimeoutError`, or the summary still generating with `onTimeout: 'return'`. Polling
   * also stops at the call's or the client's deadline.
   */
  async generateSummaryAndWait(
    caseId: string,
    wait: SummaryWaitOptions = {},
    options?: RequestOptions,
  ): Promise<CaseSummaryResponse> {
    const accepted = await this.generateSummary(caseId, options);
    return waitForSummary({
      caseId,
      requestedAt: accepted.requested_at,
      fetch: () => this.retrieveSummary(caseId, options),
      sleep: this.requester.config.sleep,
      now: this.requester.config.now,
      signal: options?.signal,
      deadline: options?.deadline ?? this.requester.config.deadline,
      ...wait,
    });
  }

  /** The DecisionTrace of the case, oldest first. */
  trace(caseId: string, page?: PageParams, options?: RequestOptions): PagePromise<TraceEntry> {
    return this.paged(
      'getCaseTrace',
      (cursor) => ({ params: { case_id: caseId }, query: withCursor(page, cursor) }),
      options,
    );
  }

  /** Every trace entry of the case, and whether their hash chain is intact. */
  async verifyTrace(
    caseId: string,
    options?: RequestOptions,
  ): Promise<{ entries: TraceEntry[]; verification: TraceVerification }> {
    const entries = await this.trace(caseId, { limit: 1000 }, options).collect();
    return { entries, verification: verifyTraceChain(entries) };
  }
}
