import type { SQLInputValue } from 'node:sqlite';
import type { Device, DeviceFilters } from '@senseon/client';
import { withConsoleLink } from '../console-link';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, type DocRow } from './rows';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

export class DeviceRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(device: Device): void {
    this.db
      .prepare(
        'INSERT INTO devices (id, tenant_id, hostname, status, os_type, risk_score, doc) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(...this.columns(device));
  }

  save(device: Device): void {
    const [id, ...rest] = this.columns(device);
    this.db
      .prepare(
        'UPDATE devices SET tenant_id = ?, hostname = ?, status = ?, os_type = ?, risk_score = ?, doc = ? WHERE id = ?',
      )
      .run(...rest, id as SQLInputValue);
  }

  private columns(device: Device): SQLInputValue[] {
    return [
      device.id,
      device.tenant_id,
      device.hostname,
      device.status,
      device.os.type,
      device.risk_score,
      JSON.stringify(withConsoleLink('device', device)),
    ];
  }

  get(tenantId: string, id: string): Device | undefined {
    return maybeFromDoc<Device>(
      this.db.prepare('SELECT doc FROM devices WHERE id = ? AND tenant_id = ?').get(id, tenantId),
    );
  }

  /** Whether the id exists in any tenant; only to tell "unknown" from "not yours" internally. */
  existsAnywhere(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM devices WHERE id = ?').get(id) !== undefined;
  }

  listForTenant(tenantId: string): Device[] {
    const rows = this.db
      .prepare('SELECT doc FROM devices WHERE tenant_id = ? ORDER BY hostname, id')
      .all(tenantId) as DocRow[];
    return rows.map((row) => fromDoc<Device>(row));
  }

  page(tenantId: string, filters: DeviceFilters) {
    const where = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    if (filters.hostname) {
      where.push('lower(hostname) = lower(?)');
      params.push(filters.hostname);
    }
    if (filters.q) {
      // A picker's search box: part of a hostname, an address or an ID, as people type them.
      where.push(
        `(instr(lower(hostname), lower(?)) > 0 OR instr(lower(id), lower(?)) > 0 OR EXISTS (SELECT 1 FROM json_each(doc, '$.ip_addresses') WHERE instr(lower(value), lower(?)) > 0))`,
      );
      params.push(filters.q, filters.q, filters.q);
    }
    if (filters.ip) {
      where.push(`EXISTS (SELECT 1 FROM json_each(doc, '$.ip_addresses') WHERE value = ?)`);
      params.push(filters.ip);
    }
    if (filters.os_type) {
      where.push('os_type = ?');
      params.push(filters.os_type);
    }
    if (filters.status) {
      where.push('status = ?');
      params.push(filters.status);
    }
    if (filters.tag) {
      where.push(`EXISTS (SELECT 1 FROM json_each(doc, '$.tags') WHERE value = ?)`);
      params.push(filters.tag);
    }
    if (filters.min_risk_score !== undefined) {
      where.push('risk_score >= ?');
      params.push(filters.min_risk_score);
    }
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `devices:${tenantId}`,
      filters,
      from: 'devices',
      where,
      params,
      sortColumn: 'hostname',
      direction: 'asc',
      limit: filters.limit,
      cursor: filters.cursor,
      select: `id, hostname, ${DOC_BYTES}`,
    });
    return DocPage.of<Device>(page);
  }
}
