import type { SandboxDatabase } from './database';
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
}
