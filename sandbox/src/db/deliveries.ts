import type { Delivery, EventType } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { keysetPage } from '../pagination/keyset';

export interface DeliveryRow {
  id: string;
  tenant_id: string;
  webhook_id: string | null;
  action_id: string | null;
  event_id: string;
  event_type: EventType;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_ms: number | null;
  created_ms: number;
  updated_ms: number;
  [column: string]: unknown;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function publicDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    webhook_id: row.webhook_id ?? '',
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.last_status_code,
    last_error: row.last_error,
    next_attempt_at: row.next_attempt_ms === null ? null : iso(row.next_attempt_ms),
    created_at: iso(row.created_ms),
    updated_at: iso(row.updated_ms),
  };
}

export interface NewDelivery {
  id: string;
  tenant_id: string;
  webhook_id: string | null;
  action_id: string | null;
  event_id: string;
  event_type: EventType;
  url: string;
  now_ms: number;
}

export class DeliveryRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(delivery: NewDelivery): DeliveryRow {
    const row: DeliveryRow = {
      id: delivery.id,
      tenant_id: delivery.tenant_id,
      webhook_id: delivery.webhook_id,
      action_id: delivery.action_id,
      event_id: delivery.event_id,
      event_type: delivery.event_type,
      url: delivery.url,
      status: 'pending',
      attempts: 0,
      last_status_code: null,
      last_error: null,
      next_attempt_ms: delivery.now_ms,
      created_ms: delivery.now_ms,
      updated_ms: delivery.now_ms,
    };
    this.db
      .prepare(
        `INSERT INTO deliveries (id, tenant_id, webhook_id, action_id, event_id, event_type, url, status, attempts,
         last_status_code, last_error, next_attempt_ms, created_ms, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        row.tenant_id,
        row.webhook_id,
        row.action_id,
        row.event_id,
        row.event_type,
        row.url,
        row.status,
        row.attempts,
        row.last_status_code,
        row.last_error,
        row.next_attempt_ms,
        row.created_ms,
        row.updated_ms,
      );
    return row;
  }

  get(id: string): DeliveryRow | undefined {
    return this.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id) as
      DeliveryRow | undefined;
  }

  /** Records one attempt's outcome; `nextAttemptMs` null ends the delivery. */
  recordAttempt(
    id: string,
    outcome: {
      status: DeliveryRow['status'];
      statusCode: number | null;
      error: string | null;
      nextAttemptMs: number | null;
      nowMs: number;
    },
  ): void {
    this.db
      .prepare(
        `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
         next_attempt_ms = ?, updated_ms = ? WHERE id = ?`,
      )
      .run(
        outcome.status,
        outcome.statusCode,
        outcome.error,
        outcome.nextAttemptMs,
        outcome.nowMs,
        id,
      );
  }

  /** Ends every pending delivery of a subscription that can no longer receive them. */
  failPendingFor(webhookId: string, reason: string, nowMs: number): void {
    this.db
      .prepare(
        `UPDATE deliveries SET status = 'failed', last_error = ?, next_attempt_ms = NULL, updated_ms = ?
         WHERE webhook_id = ? AND status = 'pending'`,
      )
      .run(reason, nowMs, webhookId);
  }

  due(nowMs: number, limit: number): DeliveryRow[] {
    return this.db
      .prepare(
        `SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_ms <= ?
         ORDER BY next_attempt_ms, created_ms, id LIMIT ?`,
      )
      .all(nowMs, limit) as DeliveryRow[];
  }

  nextDueMs(): number | null {
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_ms) AS at FROM deliveries WHERE status = 'pending'`)
      .get() as { at: number | null };
    return row.at;
  }

  page(webhookId: string, limit?: number, cursor?: string) {
    const page = keysetPage<DeliveryRow>(this.db, {
      list: `deliveries:${webhookId}`,
      filters: {},
      from: 'deliveries',
      where: ['webhook_id = ?'],
      params: [webhookId],
      sortColumn: 'created_ms',
      direction: 'desc',
      limit,
      cursor,
    });
    return { ...page, items: page.rows.map(publicDelivery) };
  }
}
