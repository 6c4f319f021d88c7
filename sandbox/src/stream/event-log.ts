import type { EventType } from '@senseon/client';
import type { SandboxDatabase } from '../db/database';

export interface StreamedEvent {
  seq: number;
  id: string;
  type: EventType;
  /** The event exactly as it was (or would have been) delivered to a webhook. */
  body: string;
}

/**
 * The tenant's events in the order they were emitted (`seq`), read for the event stream. An
 * event is in the table once its change committed, so reading by `seq` after the last one sent
 * is what makes a resumed stream lose nothing and send nothing twice.
 */
export class EventLog {
  constructor(private readonly db: SandboxDatabase) {}

  /** Where the stream of a tenant stands now: new subscribers start after it. */
  lastSeq(tenantId: string): number {
    const row = this.db
      .prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events WHERE tenant_id = ? AND test = 0')
      .get(tenantId) as { seq: number };
    return row.seq;
  }

  /** The place of an event the tenant received; undefined for an unknown (or another's) id. */
  seqOf(tenantId: string, eventId: string): number | undefined {
    const row = this.db
      .prepare('SELECT seq FROM events WHERE id = ? AND tenant_id = ? AND test = 0')
      .get(eventId, tenantId) as { seq: number } | undefined;
    return row?.seq;
  }

  after(
    tenantId: string,
    seq: number,
    types: readonly EventType[],
    limit: number,
  ): StreamedEvent[] {
    const marks = types.map(() => '?').join(', ');
    return this.db
      .prepare(
        `SELECT seq, id, type, body FROM events WHERE tenant_id = ? AND test = 0 AND seq > ? AND type IN (${marks}) ORDER BY seq LIMIT ?`,
      )
      .all(tenantId, seq, ...types, limit) as unknown as StreamedEvent[];
  }
}
