import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import type { Script, ScriptFilters } from '../schemas/scripts';
import { ApiResource, withCursor } from './resource';

/** The remote script catalog; a run is a response action (`actions.request` with run_script). */
export class ScriptsResource extends ApiResource {
  list(filters?: ScriptFilters, options?: RequestOptions): PagePromise<Script> {
    return this.paged('listScripts', (cursor) => ({ query: withCursor(filters, cursor) }), options);
  }
}
