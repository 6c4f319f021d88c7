import type { SQLInputValue } from 'node:sqlite';
import { SEVERITY_RANK, type Case, type CaseFilters } from '@senseon/client';
import { withConsoleLink } from '../console-link';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, placeholders, toMs, type DocRow } from './rows';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

const SORTS = {
  created_at: { column: 'created_ms', direction: 'asc' },
  '-created_at': { column: 'created_ms', direction: 'desc' },
  updated_at: { column: 'updated_ms', direction: 'asc' },
  '-updated_at': { column: 'updated_ms', direction: 'desc' },
} as const;

export class CaseRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(item: Case): void {
    this.db
      .prepare(
        `INSERT INTO cases (id, tenant_id, created_ms, updated_ms, severity_rank, status, assignee, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...this.columns(item));
  }

  save(item: Case): void {
    const [id, ...rest] = this.columns(item);
    this.db
      .prepare(
        `UPDATE cases SET tenant_id = ?, created_ms = ?, updated_ms = ?, severity_rank = ?, status = ?,
         assignee = ?, doc = ? WHERE id = ?`,
      )
      .run(...rest, id as SQLInputValue);
  }

  private columns(item: Case): SQLInputValue[] {
    return [
      item.id,
      item.tenant_id,
      toMs(item.created_at),
      toMs(item.updated_at),
      SEVERITY_RANK[item.severity],
      item.status,
      item.assignee,
      JSON.stringify(withConsoleLink('case', item)),
    ];
  }

  get(tenantId: string, id: string): Case | undefined {
    return maybeFromDoc<Case>(
      this.db.prepare('SELECT doc FROM cases WHERE id = ? AND tenant_id = ?').get(id, tenantId),
    );
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id) !== undefined;
  }

  listForTenant(tenantId: string): Case[] {
    const rows = this.db
      .prepare('SELECT doc FROM cases WHERE tenant_id = ? ORDER BY created_ms, id')
      .all(tenantId) as DocRow[];
    return rows.map((row) => fromDoc<Case>(row));
  }

  page(tenantId: string, filters: CaseFilters) {
    const where = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    if (filters.status?.length) {
      where.push(`status IN (${placeholders(filters.status.length)})`);
      params.push(...filters.status);
    }
    if (filters.severity?.length) {
      where.push(`severity_rank IN (${placeholders(filters.severity.length)})`);
      params.push(...filters.severity.map((severity) => SEVERITY_RANK[severity]));
    }
    if (filters.min_severity) {
      where.push('severity_rank >= ?');
      params.push(SEVERITY_RANK[filters.min_severity]);
    }
    if (filters.created_after) {
      where.push('created_ms > ?');
      params.push(toMs(filters.created_after));
    }
    if (filters.created_before) {
      where.push('created_ms < ?');
      params.push(toMs(filters.created_before));
    }
    if (filters.updated_after) {
      where.push('updated_ms > ?');
      params.push(toMs(filters.updated_after));
    }
    if (filters.device_id) {
      where.push(`EXISTS (SELECT 1 FROM json_each(doc, '$.device_ids') WHERE value = ?)`);
      params.push(filters.device_id);
    }
    if (filters.assignee) {
      where.push('lower(assignee) = lower(?)');
      params.push(filters.assignee);
    }
    if (filters.q) {
      where.push(
        `(instr(lower(json_extract(doc, '$.title')), lower(?)) > 0 OR instr(lower(json_extract(doc, '$.description')), lower(?)) > 0)`,
      );
      params.push(filters.q, filters.q);
    }
    const sort = SORTS[filters.sort ?? '-created_at'];
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `cases:${tenantId}`,
      filters: { ...filters, sort: filters.sort ?? '-created_at' },
      from: 'cases',
      where,
      params,
      sortColumn: sort.column,
      direction: sort.direction,
      limit: filters.limit,
      cursor: filters.cursor,
      select: `id, ${sort.column}, ${DOC_BYTES}`,
    });
    return DocPage.of<Case>(page);
  }
}
