import { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Context } from 'hono';
import { AFTER_COMMIT_TIMEOUT_MS, type AfterCommitFailure } from '../faults/config';
import type { AppEnv } from './app-env';
import { ApiError, CODE_OF_STATUS } from './errors';

/** The headers every answer carries, kept when an after-commit fault replaces the answer. */
const KEPT_HEADERS = [
  'x-request-id',
  'traceparent',
  'cache-control',
  'x-content-type-options',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

const MESSAGES: Record<number, string> = {
  500: 'An unexpected error occurred (injected fault, after the change was stored); retry with the same Idempotency-Key.',
  503: 'The service is temporarily unavailable (injected fault, after the change was stored); retry with the same Idempotency-Key.',
  504: 'The gateway timed out (injected fault, after the change was stored); retry with the same Idempotency-Key.',
};

/** The socket under a request served by @hono/node-server; none in `app.request()`. */
function socketOf(c: Context<AppEnv>): Socket | null {
  const env: unknown = c.env;
  if (env === null || typeof env !== 'object' || !('incoming' in env)) return null;
  return env.incoming instanceof IncomingMessage ? env.incoming.socket : null;
}

/**
 * Fails the answer to a write whose change is already stored: as an error status (the
 * stored change is kept, and an `Idempotency-Key` retry is answered from it), or by closing
 * the connection at once (`drop`) or after a long silence (`timeout`).
 */
export async function failAfterCommit(
  c: Context<AppEnv>,
  failure: AfterCommitFailure,
): Promise<void> {
  const socket = socketOf(c);
  if (failure === 'timeout' && socket) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, AFTER_COMMIT_TIMEOUT_MS);
      // The sandbox stopping, or the client giving up, ends the wait.
      timer.unref();
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if ((failure === 'drop' || failure === 'timeout') && socket) {
    socket.destroy();
    return;
  }
  // Without a socket (in-process requests) a lost connection is shown as a 500.
  const status = typeof failure === 'number' ? failure : 500;
  const error = new ApiError(
    CODE_OF_STATUS[status] ?? 'INTERNAL_SERVER_ERROR',
    MESSAGES[status] ?? 'Injected fault after the change was stored.',
  );
  const headers = new Headers({ 'Content-Type': 'application/json' });
  for (const name of KEPT_HEADERS) {
    const value = c.res.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // Cleared first, so none of the stored answer's headers (Location, Content-Length) carry over.
  c.res = undefined;
  c.res = new Response(JSON.stringify(error.body(c.get('requestId'))), { status, headers });
}
