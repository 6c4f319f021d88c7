import type { Ioc } from '@senseon/client';
import type { SandboxDatabase } from './database';

export interface IocEntry extends Ioc {
  tenant_id: string;
  added_ms: number;
  action_id: string | null;
  case_id: string | null;
}

/** The tenant's IOC list (block list) that add_ioc actions write to. */
export class IocRepository {
  constructor(private readonly db: SandboxDatabase) {}

  /** Adds the IOC; false when it was already on the list. */
  add(entry: IocEntry): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO iocs (tenant_id, type, value, added_ms, action_id, case_id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, type, value) DO NOTHING`,
      )
      .run(
        entry.tenant_id,
        entry.type,
        entry.type === 'url' ? entry.value : entry.value.toLowerCase(),
        entry.added_ms,
        entry.action_id,
        entry.case_id,
      );
    return Number(result.changes) === 1;
  }

  list(tenantId: string): IocEntry[] {
    return this.db
      .prepare('SELECT * FROM iocs WHERE tenant_id = ? ORDER BY added_ms, type, value')
      .all(tenantId) as unknown as IocEntry[];
  }
}
