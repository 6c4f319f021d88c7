import type { IDeferredPromise, INodeExecutionData, IRun, ITriggerFunctions } from 'n8n-workflow';
import { reconnectDelayMs } from './backoff';
import { pause } from './pause';

/** Tries to start one event before it is given up (about 2.5 minutes of backoff). */
export const MAX_START_ATTEMPTS = 10;

/**
 * `emit` as n8n 2.40.7 passes it: a fourth argument, a deduplication key, which n8n stores on the
 * execution under a unique index and refuses a second execution for (n8n-workflow's types, at
 * 2.8, do not name it yet).
 */
type Emit = (
  data: INodeExecutionData[][],
  responsePromise?: undefined,
  donePromise?: IDeferredPromise<IRun>,
  deduplicationKey?: string,
) => void;

interface StartFailure {
  extra?: { executionId?: unknown };
  level?: unknown;
}

/** Whether this n8n takes a deduplication key with `emit` (its `emit` declares four arguments). */
export function emitTakesDeduplicationKey(emit: ITriggerFunctions['emit']): boolean {
  return emit.length >= 4;
}

/**
 * Starts one event's execution and makes sure n8n did. A trigger's `emit` is fire-and-forget:
 * when n8n cannot create the execution (a real n8n 2.40.7 on SQLite, under a burst: "Timeout
 * waiting for lock SqliteWriteConnectionMutex") it only logs it, and the event, already read
 * from the stream, is lost (201 of 1,000 in one e2e run). So each event is emitted with a
 * `donePromise`, which n8n rejects when the run failed to start, and emitted again after a backoff.
 *
 * Never twice: every emit of an event carries the same deduplication key, and n8n refuses a
 * second execution with a key it holds (it resolves the `donePromise` with nothing). n8n also
 * rejects the promise for runs that did start (when saving their end failed, or when they ended
 * before n8n looked them up), so without the key a retry would run the event again: an e2e run
 * without it doubled 422 of 1,000. On an n8n without deduplication keys the event is emitted
 * once, as before (`emitTakesDeduplicationKey`). An n8n that refuses waiting triggers outright
 * (n8n's own `UserError`, level info: Engine 2.0 "cannot run a trigger that waits for its
 * execution to finish yet") gets the event once more without the promise, and every later one so.
 */
export function emitUntilStarted(
  emit: Emit,
  data: INodeExecutionData[][],
  options: {
    /** Names the event for n8n: the same for every emit of it, unique across workflows. */
    deduplicationKey: string;
    signal: AbortSignal;
    waits: { refused: boolean };
    onGiveUp: (error: unknown) => void;
    attempt?: number;
    maxAttempts?: number;
  },
): void {
  const { signal, waits, deduplicationKey } = options;
  if (waits.refused) {
    emit(data, undefined, undefined, deduplicationKey);
    return;
  }
  const attempt = options.attempt ?? 0;
  const done = deferred<IRun>();
  done.promise.catch(async (error: unknown) => {
    const failure = (error ?? {}) as StartFailure;
    // It started (the error names its execution): nothing to do, not even a refused retry.
    if (failure.extra?.executionId !== undefined || signal.aborted) return;
    if (failure.level === 'info') {
      waits.refused = true;
      emit(data, undefined, undefined, deduplicationKey);
      return;
    }
    if (attempt + 1 >= (options.maxAttempts ?? MAX_START_ATTEMPTS)) {
      options.onGiveUp(error);
      return;
    }
    await pause(reconnectDelayMs(attempt), signal);
    if (!signal.aborted) emitUntilStarted(emit, data, { ...options, attempt: attempt + 1 });
  });
  emit(data, undefined, done, deduplicationKey);
}

/** n8n's `IDeferredPromise`, made here: the package imports no helper n8n may lack. */
function deferred<T>(): IDeferredPromise<T> {
  let resolve!: IDeferredPromise<T>['resolve'];
  let reject!: IDeferredPromise<T>['reject'];
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}
