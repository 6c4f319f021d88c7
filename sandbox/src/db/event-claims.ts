import type { SandboxDatabase } from './database';

/** Which events each subscription's receiver has claimed (`POST /webhooks/{id}/claims`). */
export class EventClaimRepository {
  constructor(private readonly db: SandboxDatabase) {}

  /**
   * Claims `eventId` for `webhookId`: true for the one call that inserted the row. One statement,
   * so two claims at the same moment cannot both be first.
   */
  claim(
    webhookId: string,
    eventId: string,
    nowMs: number,
    attemptId: string | null = null,
  ): { first: boolean; claimedMs: number } {
    const inserted = this.db
      .prepare(
        'INSERT INTO event_claims (webhook_id, event_id, claimed_ms, attempt_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(webhookId, eventId, nowMs, attemptId);
    const row = this.db
      .prepare('SELECT claimed_ms FROM event_claims WHERE webhook_id = ? AND event_id = ?')
      .get(webhookId, eventId) as { claimed_ms: number };
    return { first: Number(inserted.changes) === 1, claimedMs: row.claimed_ms };
  }

  release(webhookId: string, eventId: string): void {
    this.db
      .prepare('DELETE FROM event_claims WHERE webhook_id = ? AND event_id = ?')
      .run(webhookId, eventId);
  }

  /**
   * Gives back a claim made under one delivery attempt (the receiver answered that attempt with
   * a 5xx, which says it started nothing); true when there was one. A claim made under another
   * attempt, or with no attempt named, stays.
   */
  releaseForAttempt(webhookId: string, eventId: string, attemptId: string): boolean {
    const deleted = this.db
      .prepare('DELETE FROM event_claims WHERE webhook_id = ? AND event_id = ? AND attempt_id = ?')
      .run(webhookId, eventId, attemptId);
    return Number(deleted.changes) > 0;
  }

  /** True when the event was sent (or is being sent) to this subscription. */
  wasDeliveredTo(webhookId: string, eventId: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM deliveries WHERE webhook_id = ? AND event_id = ? LIMIT 1')
        .get(webhookId, eventId) !== undefined
    );
  }
}
