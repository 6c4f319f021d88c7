/**
 * Node's system error codes in words, one table for every transport. (n8n replaces any error
 * message containing a raw code such as ECONNREFUSED with a generic sentence, which would drop
 * the advice; and "the connection was refused" says more to most people than the code.)
 */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be resolved',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EADDRNOTAVAIL: 'the address is not available',
  ECERT_HAS_EXPIRED: 'its TLS certificate has expired',
};

/** The codes that mean no server answered at all at that host and port. */
const NOTHING_LISTENING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

export function describeSystemError(code: string): string {
  return SYSTEM_ERRORS[code] ?? code.toLowerCase();
}

export function isNothingListening(code: string | null): boolean {
  return code !== null && NOTHING_LISTENING.has(code);
}

/**
 * The system code (`ECONNREFUSED`) of a failed request, wherever the HTTP library put it: on
 * the error, its `cause` (fetch), or deeper (a platform's wrapper around the library's error).
 */
export function systemCodeOf(error: unknown): string | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errorResponse } = current as {
      code?: unknown;
      cause?: unknown;
      errorResponse?: unknown;
    };
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    queue.push(cause, errorResponse);
  }
  return null;
}
