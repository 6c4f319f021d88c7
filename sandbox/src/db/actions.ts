import type { SQLInputValue } from 'node:sqlite';
import type { Action, ActionFilters, ActionStatus } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, placeholders, toMs, type DocRow } from './rows';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';
import { withConsoleLink } from '../console-link';

/**
 * The stored action: the API object. Its `callback_secret` is never set here: the secret lives
 * in its own column and appears only in the answer to the request.
 */
export type StoredAction = Action;

export class ActionRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(action: StoredAction, callbackSecret: string | null): void {
    this.db
      .prepare(
        `INSERT INTO actions (id, tenant_id, case_id, created_ms, expires_ms, status, type, callback_secret, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        action.id,
        action.tenant_id,
        action.case_id,
        toMs(action.created_at),
        toMs(action.expires_at),
        action.status,
        action.type,
        callbackSecret,
        JSON.stringify(withConsoleLink('action', action)),
      );
  }

  save(action: StoredAction): void {
    this.db
      .prepare('UPDATE actions SET status = ?, doc = ? WHERE id = ?')
      .run(action.status, JSON.stringify(withConsoleLink('action', action)), action.id);
  }

  get(tenantId: string, id: string): StoredAction | undefined {
    return maybeFromDoc<StoredAction>(
      this.db.prepare('SELECT doc FROM actions WHERE id = ? AND tenant_id = ?').get(id, tenantId),
    );
  }

  /** For background work (expiry, execution) that is not acting for any tenant's request. */
  getById(id: string): StoredAction | undefined {
    return maybeFromDoc<StoredAction>(
      this.db.prepare('SELECT doc FROM actions WHERE id = ?').get(id),
    );
  }

  callbackSecret(id: string): string | null {
    const row = this.db.prepare('SELECT callback_secret FROM actions WHERE id = ?').get(id) as
      { callback_secret: string | null } | undefined;
    return row?.callback_secret ?? null;
  }

  forCase(caseId: string): StoredAction[] {
    const rows = this.db
      .prepare('SELECT doc FROM actions WHERE case_id = ? ORDER BY created_ms, id')
      .all(caseId) as DocRow[];
    return rows.map((row) => fromDoc<StoredAction>(row));
  }

  inStatuses(statuses: ActionStatus[]): StoredAction[] {
    const rows = this.db
      .prepare(
        `SELECT doc FROM actions WHERE status IN (${placeholders(statuses.length)}) ORDER BY created_ms, id`,
      )
      .all(...statuses) as DocRow[];
    return rows.map((row) => fromDoc<StoredAction>(row));
  }

  pendingExpiredBy(nowMs: number): StoredAction[] {
    const rows = this.db
      .prepare(
        `SELECT doc FROM actions WHERE status = 'pending_approval' AND expires_ms <= ? ORDER BY expires_ms, id`,
      )
      .all(nowMs) as DocRow[];
    return rows.map((row) => fromDoc<StoredAction>(row));
  }

  nextExpiryMs(): number | null {
    const row = this.db
      .prepare(`SELECT MIN(expires_ms) AS at FROM actions WHERE status = 'pending_approval'`)
      .get() as { at: number | null };
    return row.at;
  }

  page(tenantId: string, filters: ActionFilters) {
    const where = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    if (filters.status) {
      where.push('status = ?');
      params.push(filters.status);
    }
    if (filters.type) {
      where.push('type = ?');
      params.push(filters.type);
    }
    if (filters.case_id) {
      where.push('case_id = ?');
      params.push(filters.case_id);
    }
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `actions:${tenantId}`,
      filters,
      from: 'actions',
      where,
      params,
      sortColumn: 'created_ms',
      direction: 'desc',
      limit: filters.limit,
      cursor: filters.cursor,
      select: `id, created_ms, ${DOC_BYTES}`,
    });
    return DocPage.of<StoredAction>(page);
  }
}
