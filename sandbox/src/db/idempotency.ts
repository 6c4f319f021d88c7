import type { SandboxDatabase } from './database';

export interface IdempotencyRecord {
  fingerprint: string;
  /** Null while the first request with this key is still running. */
  status: number | null;
  response: string | null;
  created_ms: number;
}

export class IdempotencyRepository {
  constructor(private readonly db: SandboxDatabase) {}

  get(tokenId: string, key: string): IdempotencyRecord | undefined {
    return this.db
      .prepare(
        'SELECT fingerprint, status, response, created_ms FROM idempotency_keys WHERE token_id = ? AND key = ?',
      )
      .get(tokenId, key) as IdempotencyRecord | undefined;
  }

  /** Claims the key for a request about to run. */
  reserve(tokenId: string, key: string, fingerprint: string, nowMs: number): void {
    this.db
      .prepare(
        `INSERT INTO idempotency_keys (token_id, key, fingerprint, status, response, created_ms)
         VALUES (?, ?, ?, NULL, NULL, ?)
         ON CONFLICT (token_id, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = NULL,
         response = NULL, created_ms = excluded.created_ms`,
      )
      .run(tokenId, key, fingerprint, nowMs);
  }

  complete(tokenId: string, key: string, status: number, response: string): void {
    this.db
      .prepare(
        'UPDATE idempotency_keys SET status = ?, response = ? WHERE token_id = ? AND key = ?',
      )
      .run(status, response, tokenId, key);
  }

  release(tokenId: string, key: string): void {
    this.db
      .prepare('DELETE FROM idempotency_keys WHERE token_id = ? AND key = ?')
      .run(tokenId, key);
  }

  purgeOlderThan(cutoffMs: number): void {
    this.db.prepare('DELETE FROM idempotency_keys WHERE created_ms < ?').run(cutoffMs);
  }
}
