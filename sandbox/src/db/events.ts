import type { WebhookEvent } from '@senseon/client';
import type { SandboxDatabase } from './database';

/** Every event emitted, kept with the exact bytes that are signed and delivered. */
export class EventRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(event: WebhookEvent, body: string): void {
    this.db
      .prepare('INSERT INTO events (id, tenant_id, type, created_ms, body) VALUES (?, ?, ?, ?, ?)')
      .run(event.id, event.tenant_id, event.type, Date.parse(event.created_at), body);
  }

  body(id: string): string | undefined {
    const row = this.db.prepare('SELECT body FROM events WHERE id = ?').get(id) as
      { body: string } | undefined;
    return row?.body;
  }
}
