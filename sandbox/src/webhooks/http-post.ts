import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ADDRESS_NOT_ALLOWED, guardedLookup, urlRefusal, type UrlPolicy } from './url-policy';

export interface PostOutcome {
  /** The receiver's status, or null when no answer came. */
  status: number | null;
  /**
   * Why no answer came, in a few fixed words: never the OS's error text, which would tell the
   * subscriber whether a port is open (ECONNREFUSED) and make deliveries a port scanner.
   */
  error: string | null;
}

export const NOT_ALLOWED = 'the address is not allowed';
export const CONNECTION_FAILED = 'connection failed';
export const TIMED_OUT = 'timed out';

/**
 * One POST of a delivery. Plain node:http with no connection pool (`agent: false`), so a test's
 * receiver can close at once, and no redirect following: a 3xx is not an acknowledgement.
 * The URL and every address its host resolves to are checked against `policy` before connecting.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  policy: UrlPolicy,
  signal?: AbortSignal,
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      resolve(outcome);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ status: null, error: 'the URL is not valid' });
      return;
    }
    // Rows stored before the policy (or under a looser one) are checked again here.
    if (urlRefusal(url, policy) !== null) {
      finish({ status: null, error: NOT_ALLOWED });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(policy),
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'SenseOn-Webhooks/1.0 (sandbox)',
          ...headers,
        },
      },
      (res) => {
        // Drain the answer; only its status matters.
        res.resume();
        res.on('end', () => finish({ status: res.statusCode ?? null, error: null }));
        res.on('error', () => finish({ status: res.statusCode ?? null, error: null }));
      },
    );
    // The whole exchange must finish in time, not just each idle gap of it.
    timers.push(
      setTimeout(() => {
        finish({ status: null, error: TIMED_OUT });
        req.destroy();
      }, timeoutMs),
    );
    signal?.addEventListener('abort', () => {
      finish({ status: null, error: 'aborted: the sandbox is stopping' });
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish({
        status: null,
        error: error.code === ADDRESS_NOT_ALLOWED ? NOT_ALLOWED : CONNECTION_FAILED,
      });
    });
    req.end(body);
  });
}
