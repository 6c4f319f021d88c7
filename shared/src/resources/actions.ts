import { randomUUID } from 'node:crypto';
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
   * Requests a response action on a case. It always carries an `Idempotency-Key` (a new one unless
   * given), so a retry after a lost answer can never isolate a device twice.
   */
  request(caseId: string, body: ActionRequest, options?: RequestOptions): Promise<Action> {
    return this.call('requestAction', { params: { case_id: caseId }, body }, options, {
      idempotencyKey: randomUUID(),
    });
  }

  list(filters?: ActionFilters, options?: RequestOptions): PagePromise<Action> {
    return this.paged('listActions', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }

  retrieve(actionId: string, options?: RequestOptions): Promise<Action> {
    return this.call('getAction', { params: { action_id: actionId } }, options);
  }

  /**
   * Needs `actions:approve`; the approver must not be the requester. Carries an
   * `Idempotency-Key` too, so a retry after a lost answer returns the decision instead of a 409.
   */
  approve(actionId: string, body: ActionApprove = {}, options?: RequestOptions): Promise<Action> {
    return this.call('approveAction', { params: { action_id: actionId }, body }, options, {
      idempotencyKey: randomUUID(),
    });
  }

  reject(actionId: string, body: ActionReject, options?: RequestOptions): Promise<Action> {
    return this.call('rejectAction', { params: { action_id: actionId }, body }, options, {
      idempotencyKey: randomUUID(),
    });
  }
}
