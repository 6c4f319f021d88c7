import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type { User, UserFilters } from '../schemas/users';
import { ApiResource, withCursor } from './resource';

/** The tenant's user directory: the people response actions can target. */
export class UsersResource extends ApiResource {
  list(filters?: UserFilters, options?: RequestOptions): PagePromise<User> {
    return this.paged('listUsers', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }
}
