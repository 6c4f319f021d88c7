import type { EventType, Webhook } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { keysetPage } from '../pagination/keyset';

interface WebhookRow {
  id: string;
  tenant_id: string;
  created_ms: number;
  url: string;
  events: string;
  description: string;
  secret: string;
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  [column: string]: unknown;
}

/** A subscription as stored. The secret is kept (it signs every delivery) but never answered again. */
export interface WebhookRecord extends Webhook {
  secret: string;
}

function fromRow(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as EventType[],
    description: row.description,
    status: row.status,
    disabled_reason: row.disabled_reason,
    created_at: new Date(row.created_ms).toISOString(),
    tenant_id: row.tenant_id,
    secret: row.secret,
  };
}

/** The API object: everything but the secret. */
export function publicWebhook(record: WebhookRecord): Webhook {
  const { secret: _secret, ...rest } = record;
  return rest;
}

export class WebhookRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(record: WebhookRecord): void {
    this.db
      .prepare(
        `INSERT INTO webhooks (id, tenant_id, created_ms, url, events, description, secret, status, disabled_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.tenant_id,
        Date.parse(record.created_at),
        record.url,
        JSON.stringify(record.events),
        record.description,
        record.secret,
        record.status,
        record.disabled_reason,
      );
  }

  get(tenantId: string, id: string): WebhookRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM webhooks WHERE id = ? AND tenant_id = ? AND deleted_ms IS NULL')
      .get(id, tenantId) as WebhookRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Also finds deleted subscriptions: deliveries already queued need to know. */
  getById(id: string): (WebhookRecord & { deleted: boolean }) | undefined {
    const row = this.db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as
      WebhookRow | undefined;
    return row ? { ...fromRow(row), deleted: row.deleted_ms !== null } : undefined;
  }

  /** Active subscriptions of a tenant that want this event type. */
  subscribers(tenantId: string, type: EventType): WebhookRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM webhooks WHERE tenant_id = ? AND status = 'active' AND deleted_ms IS NULL
         AND EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?) ORDER BY created_ms, id`,
      )
      .all(tenantId, type) as WebhookRow[];
    return rows.map(fromRow);
  }

  disable(id: string, reason: string): void {
    this.db
      .prepare(`UPDATE webhooks SET status = 'disabled', disabled_reason = ? WHERE id = ?`)
      .run(reason, id);
  }

  markDeleted(id: string, atMs: number): void {
    this.db.prepare('UPDATE webhooks SET deleted_ms = ? WHERE id = ?').run(atMs, id);
  }

  page(tenantId: string, limit?: number, cursor?: string) {
    const page = keysetPage<WebhookRow>(this.db, {
      list: `webhooks:${tenantId}`,
      filters: {},
      from: 'webhooks',
      where: ['tenant_id = ?', 'deleted_ms IS NULL'],
      params: [tenantId],
      sortColumn: 'created_ms',
      direction: 'asc',
      limit,
      cursor,
    });
    return { ...page, items: page.rows.map((row) => publicWebhook(fromRow(row))) };
  }
}
