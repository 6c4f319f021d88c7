import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type { PageParams } from '../schemas/common';
import type { Pat, PatCreate, PatCreated } from '../schemas/pats';
import { ApiResource, withCursor, type ResponseOf } from './resource';

export type ScopeListResponse = ResponseOf<'listPatScopes'>;

export class PatsResource extends ApiResource {
  listScopes(options?: RequestOptions): Promise<ScopeListResponse> {
    return this.call('listPatScopes', {}, options);
  }

  /** Creates a token; its value is in the answer only this once. */
  create(body: PatCreate, options?: RequestOptions): Promise<PatCreated> {
    return this.call('createPat', { body }, options);
  }

  list(page?: PageParams, options?: RequestOptions): PagePromise<Pat> {
    return this.paged('listPats', (cursor) => ({ query: withCursor(page, cursor) }), options);
  }

  /** Every user's tokens; needs `pats:admin`. */
  listAll(page?: PageParams, options?: RequestOptions): PagePromise<Pat> {
    return this.paged('listAllPats', (cursor) => ({ query: withCursor(page, cursor) }), options);
  }

  async revoke(patId: string, options?: RequestOptions): Promise<void> {
    await this.call('revokePat', { params: { pat_id: patId } }, options);
  }
}
