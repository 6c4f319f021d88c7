import type { RequestOptions } from '../http/request-options';
import type { Me } from '../schemas/me';
import { ApiResource } from './resource';

/** `GET /me`: who the token is, its scopes and tenants; a side-effect-free credentials test. */
export class MeResource extends ApiResource {
  retrieve(options?: RequestOptions): Promise<Me> {
    return this.call('getMe', {}, options);
  }
}
