import type { IDeferredPromise, INodeExecutionData, IRun, ITriggerFunctions } from 'n8n-workflow';
import { reconnectDelayMs } from './backoff';
import { pause } from './pause';

/** Tries to start one event before it is given up (about 2.5 minutes of backoff). */
export const MAX_START_ATTEMPTS = 10;

type Emit = ITriggerFunctions['emit'];

interface StartFailure {
  extra?: { executionId?: unknown };
  level?: unknown;
  message?: unknown;
}

/**
 * Starts one event's execution and makes sure n8n did. A trigger's `emit` is fire-and-forget:
 * when n8n cannot create the execution (a real n8n 2.40.7 on SQLite, under a burst: "Timeout
 * waiting for lock SqliteWriteConnectionMutex") it only logs it, and the event, already read
 * from the stream, is lost (201 of 1,000 in one e2e run). So each event is emitted with a
 * `donePromise`, which n8n rejects when the start failed, and is emitted again after a backoff.
 *
 * Never twice: n8n also rejects it for an execution that did start (ended before n8n looked it
 * up, or was cancelled), and those errors name the execution (`extra.executionId`); they count
 * as started. An n8n that refuses waiting triggers outright (n8n's own `UserError`, level info:
 * Engine 2.0 "cannot run a trigger that waits for its execution to finish yet") gets the event
 * once more as a plain emit, and every later one so (`waits.refused`).
 */
export function emitUntilStarted(
  emit: Emit,
  data: INodeExecutionData[][],
  options: {
    signal: AbortSignal;
    waits: { refused: boolean };
    onGiveUp: (error: unknown) => void;
    attempt?: number;
    maxAttempts?: number;
  },
): void {
  const { signal, waits } = options;
  if (waits.refused) {
    emit(data);
    return;
  }
  const attempt = options.attempt ?? 0;
  const done = deferred<IRun>();
  done.promise.catch(async (error: unknown) => {
    const failure = (error ?? {}) as StartFailure;
    if (failure.extra?.executionId !== undefined || signal.aborted) return;
    if (failure.level === 'info') {
      waits.refused = true;
      emit(data);
      return;
    }
    if (attempt + 1 >= (options.maxAttempts ?? MAX_START_ATTEMPTS)) {
      options.onGiveUp(error);
      return;
    }
    await pause(reconnectDelayMs(attempt), signal);
    if (!signal.aborted) emitUntilStarted(emit, data, { ...options, attempt: attempt + 1 });
  });
  emit(data, undefined, done);
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
