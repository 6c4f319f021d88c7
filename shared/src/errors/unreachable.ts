import { showBaseUrl } from './base-url';
import { ConnectionError, TimeoutError } from './client-errors';
import { describeSystemError, isNothingListening } from './system-errors';

/**
 * A transport only knows the host it could not reach; the client knows the base URL the user
 * typed. When nothing listens there (refused, unknown host), say so in those words, with what
 * to check, so a credential test and a run say the same. Anything else passes unchanged.
 */
export function atBaseUrl(error: unknown, baseUrl: string): unknown {
  if (!(error instanceof ConnectionError) || error instanceof TimeoutError) return error;
  if (!isNothingListening(error.systemCode)) return error;
  const code = error.systemCode as string;
  return new ConnectionError(
    `Nothing answered at ${showBaseUrl(baseUrl)}: ${describeSystemError(code)}.`,
    {
      systemCode: code,
      requestId: error.requestId,
      cause: error.cause,
      advice:
        'Check the host and the port of the base URL, that the SenseOn API (or the local ' +
        'sandbox) is running there, and that this machine can reach it.',
    },
  );
}
