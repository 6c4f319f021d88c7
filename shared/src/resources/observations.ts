import { z } from 'zod';
import { MAX_REQUEST_BODY_BYTES } from '../contract/limits';
import type { FieldIssue } from '../errors/client-errors';
import type { RequestOptions } from '../http/request-options';
import { checkInput, throwIfInvalid } from '../http/validate';
import type { PagePromise } from '../pagination';
import {
  Observation,
  ObservationBatchCreate,
  ObservationBatchCreated,
  ObservationCreate,
  type ObservationFilters,
} from '../schemas/observations';
import { splitBatch } from './batch-split';
import { ApiResource, withCursor } from './resource';

/** The most observations the API takes in one request. */
export const MAX_OBSERVATIONS_PER_BATCH = 1000;

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

  /**
   * Writes any number of observations, in as few requests as the API takes: at most 1,000 a
   * request and a body of at most `MAX_REQUEST_BODY_BYTES`. Every observation is checked before
   * anything is sent (errors name `observations.<index in this list>`). Each request is stored
   * all or nothing; when one fails, the requests before it are stored and the error says how
   * many observations that is (`storedBefore` in its message).
   */
  async createBatch(
    observations: ObservationCreate[],
    options?: RequestOptions,
  ): Promise<Observation[]> {
    const what = 'POST /observations';
    const issues: FieldIssue[] = [];
    const checked = checkInput(z.array(ObservationCreate).min(1), observations, issues, [
      'observations',
    ]);
    const { batches, tooLarge } = splitBatch(checked ?? [], {
      key: 'observations',
      maxCount: MAX_OBSERVATIONS_PER_BATCH,
      maxBytes: MAX_REQUEST_BODY_BYTES,
    });
    for (const { index, bytes } of tooLarge) {
      issues.push({
        field: `observations.${index}`,
        issue: `is ${bytes} bytes as JSON; one request body holds at most ${MAX_REQUEST_BODY_BYTES}`,
      });
    }
    throwIfInvalid(what, issues, this.requester.secretsFor(options));
    const created: Observation[] = [];
    for (const batch of batches) {
      try {
        const answer = (await this.call(
          'createObservations',
          { body: { observations: batch.items } },
          options,
          { bodySchema: ObservationBatchCreate, responseSchema: ObservationBatchCreated },
        )) as { data: Observation[] };
        created.push(...answer.data);
      } catch (error) {
        if (batch.start > 0 && error instanceof Error) {
          // Say what is already stored, so a retry of the whole list is not a blind one.
          error.message += ` (storedBefore: the first ${batch.start} observations of this list were stored by earlier requests; this request held observations ${batch.start}–${batch.start + batch.items.length - 1}, and an index in its field names counts from the request's first: add ${batch.start})`;
        }
        throw error;
      }
    }
    return created;
  }
}
