import type { SandboxDatabase } from './database';

export interface TenantRecord {
  id: string;
  name: string;
  mssp: boolean;
}

export class TenantRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(tenant: TenantRecord, position: number): void {
    this.db
      .prepare('INSERT INTO tenants (id, name, mssp, position) VALUES (?, ?, ?, ?)')
      .run(tenant.id, tenant.name, tenant.mssp ? 1 : 0, position);
  }

  list(): TenantRecord[] {
    const rows = this.db.prepare('SELECT id, name, mssp FROM tenants ORDER BY position').all() as {
      id: string;
      name: string;
      mssp: number;
    }[];
    return rows.map((row) => ({ id: row.id, name: row.name, mssp: row.mssp === 1 }));
  }

  get(id: string): TenantRecord | undefined {
    return this.list().find((tenant) => tenant.id === id);
  }
}
