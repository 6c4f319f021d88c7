import type { PagePromise } from '../pagination';
import type { RequestOptions } from '../http/request-options';
import type { PageParams } from '../schemas/common';
import type { Hunt, HuntCreate, TelemetryEvent } from '../schemas/telemetry';
import { waitForHunt, type HuntWaitOptions } from './hunt-wait';
import { ApiResource, withCursor } from './resource';

/** Hunts over raw telemetry (`telemetry:read`): queued at once, run by SenseOn, read later. */
export class HuntsResource extends ApiResource {
  /** Queues a hunt; answers it with status `queued`. A malformed query is a ValidationError. */
  create(hunt: HuntCreate, options?: RequestOptions): Promise<Hunt> {
    return this.call('createHunt', { body: hunt }, options);
  }

  retrieve(huntId: string, options?: RequestOptions): Promise<Hunt> {
    return this.call('getHunt', { params: { hunt_id: huntId } }, options);
  }

  /** The events the hunt matched, oldest first; iterate the answer for every page. */
  results(
    huntId: string,
    page?: PageParams,
    options?: RequestOptions,
  ): PagePromise<TelemetryEvent> {
    return this.paged(
      'listHuntResults',
      (cursor) => ({ params: { hunt_id: huntId }, query: withCursor(page, cursor) }),
      options,
    );
  }

  /** Cancels a queued or running hunt (a ConflictError once it has ended). */
  cancel(huntId: string, options?: RequestOptions): Promise<Hunt> {
    return this.call('cancelHunt', { params: { hunt_id: huntId } }, options);
  }

  /** Waits, at most `wait.timeoutMs`, for the hunt to end; answers it as it then stands. */
  wait(hunt: Hunt, wait: HuntWaitOptions = {}, options?: RequestOptions): Promise<Hunt> {
    return waitForHunt({
      hunt,
      fetch: () => this.retrieve(hunt.id, options),
      sleep: this.requester.config.sleep,
      now: this.requester.config.now,
      signal: options?.signal,
      deadline: options?.deadline ?? this.requester.config.deadline,
      ...wait,
    });
  }

  /** Queues a hunt and waits for it as `wait` does. */
  async createAndWait(
    hunt: HuntCreate,
    wait: HuntWaitOptions = {},
    options?: RequestOptions,
  ): Promise<Hunt> {
    return this.wait(await this.create(hunt, options), wait, options);
  }
}
