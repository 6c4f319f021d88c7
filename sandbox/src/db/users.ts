import type { SQLInputValue } from 'node:sqlite';
import type { UserFilters } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';
import { fromDoc, maybeFromDoc, type DocRow } from './rows';

/** A person in a tenant's directory; the target of disable_user and enable_user. */
export interface UserRecord {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  department: string;
  status: 'active' | 'disabled';
}

export class UserRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(user: UserRecord): void {
    this.db
      .prepare('INSERT INTO users (id, tenant_id, status, doc) VALUES (?, ?, ?, ?)')
      .run(user.id, user.tenant_id, user.status, JSON.stringify(user));
  }

  get(tenantId: string, id: string): UserRecord | undefined {
    return maybeFromDoc<UserRecord>(
      this.db.prepare('SELECT doc FROM users WHERE id = ? AND tenant_id = ?').get(id, tenantId),
    );
  }

  setStatus(user: UserRecord, status: UserRecord['status']): UserRecord {
    const updated = { ...user, status };
    this.db
      .prepare('UPDATE users SET status = ?, doc = ? WHERE id = ?')
      .run(status, JSON.stringify(updated), user.id);
    return updated;
  }

  listForTenant(tenantId: string): UserRecord[] {
    const rows = this.db
      .prepare('SELECT doc FROM users WHERE tenant_id = ? ORDER BY id')
      .all(tenantId) as DocRow[];
    return rows.map((row) => fromDoc<UserRecord>(row));
  }

  /** `GET /users`: the tenant's users by id, optionally only those in one state. */
  page(tenantId: string, filters: UserFilters) {
    const where = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    if (filters.status) {
      where.push('status = ?');
      params.push(filters.status);
    }
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `users:${tenantId}`,
      filters,
      from: 'users',
      where,
      params,
      sortColumn: 'id',
      direction: 'asc',
      limit: filters.limit,
      cursor: filters.cursor,
      select: `id, ${DOC_BYTES}`,
    });
    return DocPage.of<UserRecord>(page);
  }
}
