import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type {
  Action,
  ActionApprove,
  ActionFilters,
  ActionReject,
  ActionRequest,
} from '../schemas/actions';
import { waitForActionResult, type ActionResultWaitOptions } from './action-result-wait';
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

  /**
   * Polls an approved action until it completes or fails (a script run's per-device results),
   * at most `timeoutMs`; answers it as it stands then. One pending approval is answered at once.
   */
  waitForResult(
    action: Action,
    wait: ActionResultWaitOptions = {},
    options?: RequestOptions,
  ): Promise<Action> {
    return waitForActionResult({
      first: action,
      fetch: () => this.retrieve(action.id, options),
      sleep: this.requester.config.sleep,
      now: this.requester.config.now,
      signal: options?.signal,
      deadline: options?.deadline ?? this.requester.config.deadline,
      ...wait,
    });
  }
}
