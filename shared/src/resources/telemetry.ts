import type { PagePromise } from '../pagination';
import type { RequestOptions } from '../http/request-options';
import type { TelemetryEvent, TelemetryFilters } from '../schemas/telemetry';
import { ApiResource, withCursor } from './resource';

export class TelemetryResource extends ApiResource {
  /**
   * Raw OCSF events in a time range of at most 7 days (both ends required), newest first unless
   * `sort: 'time'`; iterate the answer for every page. Needs `telemetry:read`.
   */
  list(filters: TelemetryFilters, options?: RequestOptions): PagePromise<TelemetryEvent> {
    return this.paged(
      'listTelemetry',
      (cursor) => ({ query: withCursor(filters, cursor) }),
      options,
    );
  }
}
