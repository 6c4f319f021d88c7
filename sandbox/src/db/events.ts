import type { SQLInputValue } from 'node:sqlite';
import { LISTED_EVENT_TYPES, type EventFilters, type WebhookEvent } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { toMs } from './rows';
import { DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

/** Every event emitted, kept with the exact bytes that are signed and delivered. */
export class EventRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(event: WebhookEvent, body: string, test = false): void {
    // The next place in the order of emission; writes are serialised, so no two get the same.
    const seq = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM events').get() as {
      n: number;
    };
    this.db
      .prepare(
        'INSERT INTO events (id, tenant_id, type, created_ms, seq, test, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        event.id,
        event.tenant_id,
        event.type,
        Date.parse(event.created_at),
        seq.n,
        test ? 1 : 0,
        body,
      );
  }

  body(id: string): string | undefined {
    const row = this.db.prepare('SELECT body FROM events WHERE id = ?').get(id) as
      { body: string } | undefined;
    return row?.body;
  }

  /**
   * `GET /events`: the tenant's real events (never a test event), in the order they were
   * emitted, as the bytes that were delivered. `created_ms` never decreases along `seq` (the
   * clock never goes back), so `created_after` and the order agree.
   */
  page(tenantId: string, filters: EventFilters) {
    const types = filters.type?.length ? [...new Set(filters.type)] : [...LISTED_EVENT_TYPES];
    const where = ['tenant_id = ?', 'test = 0', `type IN (${types.map(() => '?').join(', ')})`];
    const params: SQLInputValue[] = [tenantId, ...types];
    if (filters.created_after) {
      where.push('created_ms > ?');
      params.push(toMs(filters.created_after));
    }
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `events:${tenantId}`,
      filters,
      from: 'events',
      where,
      params,
      sortColumn: 'seq',
      idColumn: 'seq',
      direction: filters.sort === '-created_at' ? 'desc' : 'asc',
      limit: filters.limit,
      cursor: filters.cursor,
      select: 'seq, CAST(body AS BLOB) AS doc',
    });
    return DocPage.of<WebhookEvent>(page);
  }
}
