import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { Repositories } from '../db/repositories';
import type { Caller } from '../auth/caller';
import { ApiError, validationError } from '../http/errors';

/** How long a key is remembered (contract: 24 h). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyStart = { replay: StoredResponse } | { proceed: true };

/** What makes two requests "the same": method, path and the body's canonical JSON. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

export function checkIdempotencyKey(key: string): string {
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw validationError(
      IDEMPOTENCY_HEADER,
      'must be 1–255 visible ASCII characters (a UUID is a good choice)',
    );
  }
  return key;
}

/**
 * Where a key is stored: per token and per tenant acted for, so an MSSP key that reuses a key
 * for another tenant (`X-SenseOn-Tenant`) runs the request there instead of being answered
 * with the first tenant's stored answer.
 */
function scopedKey(caller: Caller, key: string): string {
  return `${caller.tenantId}\0${key}`;
}

/**
 * `Idempotency-Key` on POSTs, per token and tenant: the same key and body within 24 h get the first answer
 * again (and create nothing); the same key with another body is 409. Stored answers are
 * encrypted with a key derived from the caller's token value and the idempotency key, so a
 * copy of the database reveals no secret that an answer carried (a PAT, a webhook secret).
 */
export class IdempotencyGuard {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: SandboxClock,
  ) {}

  begin(caller: Caller, key: string, fingerprint: string): IdempotencyStart {
    const nowMs = this.clock.now();
    const existing = this.repos.idempotency.get(caller.token.id, scopedKey(caller, key));
    if (existing && existing.created_ms > nowMs - IDEMPOTENCY_TTL_MS) {
      if (existing.fingerprint !== fingerprint) {
        throw new ApiError(
          'CONFLICT',
          'This Idempotency-Key was already used with another request body or path; use a new key for a new request.',
          [{ field: IDEMPOTENCY_HEADER, issue: 'was used with a different request' }],
        );
      }
      if (existing.status === null || existing.response === null) {
        throw new ApiError(
          'CONFLICT',
          'A request with this Idempotency-Key is still being processed; retry in a moment.',
          [{ field: IDEMPOTENCY_HEADER, issue: 'is in use by a request still running' }],
        );
      }
      return {
        replay: {
          status: existing.status,
          body: JSON.parse(decrypt(existing.response, caller, key)) as unknown,
        },
      };
    }
    this.repos.idempotency.purgeOlderThan(nowMs - IDEMPOTENCY_TTL_MS);
    this.repos.idempotency.reserve(caller.token.id, scopedKey(caller, key), fingerprint, nowMs);
    return { proceed: true };
  }

  finish(caller: Caller, key: string, response: StoredResponse): void {
    this.repos.idempotency.complete(
      caller.token.id,
      scopedKey(caller, key),
      response.status,
      encrypt(JSON.stringify(response.body ?? null), caller, key),
    );
  }

  /** The request failed in a way that must not be replayed (a server error): forget the key. */
  abandon(caller: Caller, key: string): void {
    this.repos.idempotency.release(caller.token.id, scopedKey(caller, key));
  }
}

function keyFor(caller: Caller, key: string): Buffer {
  return createHash('sha256')
    .update(`senseon-sandbox-idempotency\0${caller.presentedToken}\0${key}`)
    .digest();
}

function encrypt(plain: string, caller: Caller, key: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(caller, key), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64')).join('.');
}

function decrypt(sealed: string, caller: Caller, key: string): string {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !data) throw new Error('idempotency: a stored answer is damaged');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(caller, key), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
