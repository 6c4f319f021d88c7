import type { RequestOptions } from '../http/request-options';
import type { PagePromise } from '../pagination';
import {
  Observation,
  ObservationBatchCreate,
  ObservationBatchCreated,
  ObservationCreate,
  type ObservationFilters,
} from '../schemas/observations';
import { ApiResource, withCursor } from './resource';

export class ObservationsResource extends ApiResource {
  list(filters?: ObservationFilters, options?: RequestOptions): PagePromise<Observation> {
    return this.paged(
      'listObservations',
      (cursor) => ({ query: withCursor(filters, cursor) }),
      options,
    );
  }

  retrieve(observationId: string, options?: RequestOptions): Promise<Observation> {
    return this.call('getObservation', { params: { observation_id: observationId } }, options);
  }

  /** Writes one observation; needs `observations:write`, granted only after review. */
  async create(observation: ObservationCreate, options?: RequestOptions): Promise<Observation> {
    // The narrow schemas name the bad field; the endpoint's union would only say "no match".
    return (await this.call('createObservations', { body: observation }, options, {
      bodySchema: ObservationCreate,
      responseSchema: Observation,
    })) as Observation;
  }

  /** Writes up to 1,000 observations in one request. */
  async createBatch(
    observations: ObservationCreate[],
    options?: RequestOptions,
  ): Promise<Observation[]> {
    const created = (await this.call('createObservations', { body: { observations } }, options, {
      bodySchema: ObservationBatchCreate,
      responseSchema: ObservationBatchCreated,
    })) as { data: Observation[] };
    return created.data;
  }
}
