import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type {
  Action,
  ActionApprove,
  ActionFilters,
  ActionReject,
  ActionRequest,
} from '../schemas/actions';
import { ApiResource, withCursor } from './resource';

export class ActionsResource extends ApiResource {
  /**
   * Requests a response action on a case. Like every write it carries an `Idempotency-Key` (see
   * `ApiResource.call`), so a retry after a lost answer can never isolate a device twice.
   */
  request(caseId: string, body: ActionRequest, options?: RequestOptions): Promise<Action> {
    return this.call('requestAction', { params: { case_id: caseId }, body }, options);
  }

  list(filters?: ActionFilters, options?: RequestOptions): PagePromise<Action> {
    return this.paged('listActions', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }

  retrieve(actionId: string, options?: RequestOptions): Promise<Action> {
    return this.call('getAction', { params: { action_id: actionId } }, options);
  }

  /**
   * Needs `actions:approve`; the approver must not be the requester. Its `Idempotency-Key` makes
   * a retry after a lost answer return the decision instead of a 409.
   */
  approve(actionId: string, body: ActionApprove = {}, options?: RequestOptions): Promise<Action> {
    return this.call('approveAction', { params: { action_id: actionId }, body }, options);
  }

  reject(actionId: string, body: ActionReject, options?: RequestOptions): Promise<Action> {
    return this.call('rejectAction', { params: { action_id: actionId }, body }, options);
  }
}
