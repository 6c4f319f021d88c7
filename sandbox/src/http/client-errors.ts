import type { Socket } from 'node:net';
import { newId } from '../ids';
import { ApiError } from './errors';

/**
 * Requests Node refuses before the app sees them (headers or URL over 16 KB, a malformed
 * request line) answered in the API's error envelope, with the headers every answer carries,
 * instead of Node's bare status line with an empty body. The connection is closed after: its
 * remaining bytes cannot be trusted to start another request.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // Nothing to answer: the client went away, or stopped sending (Node's 408 would land on a
  // request the client may already have given up on, and no envelope code names it).
  if (
    error.code === 'ECONNRESET' ||
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ||
    !socket.writable
  ) {
    socket.destroy();
    return;
  }
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError(
          'REQUEST_HEADERS_TOO_LARGE',
          'The request line and headers are larger than 16 KB; send a shorter URL (move filters into the body of POST /cases) or fewer headers.',
          [{ field: 'headers', issue: 'are larger than 16 KB, with the URL' }],
        )
      : new ApiError('VALIDATION_ERROR', 'The request is not valid HTTP/1.1.', [
          { field: 'request', issue: 'is not valid HTTP/1.1' },
        ]);
  const requestId = newId('req');
  const body = JSON.stringify(refusal.body(requestId));
  const reason = refusal.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    [
      `HTTP/1.1 ${refusal.status} ${reason}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
