import type { SQLInputValue } from 'node:sqlite';
import { SEVERITY_RANK, type Observation, type ObservationFilters } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, toMs, type DocRow } from './rows';
import { entitiesOf } from './observation-entities';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

export class ObservationRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(observation: Observation): void {
    this.db
      .prepare(
        `INSERT INTO observations (id, tenant_id, observed_ms, device_id, case_id, source, class_uid,
         severity_rank, entities, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        observation.id,
        observation.tenant_id,
        toMs(observation.observed_at),
        observation.device_id,
        observation.case_id,
        observation.source,
        observation.ocsf.class_uid,
        SEVERITY_RANK[observation.severity],
        entitiesOf(observation.ocsf),
        JSON.stringify(observation),
      );
  }

  get(tenantId: string, id: string): Observation | undefined {
    return maybeFromDoc<Observation>(
      this.db
        .prepare('SELECT doc FROM observations WHERE id = ? AND tenant_id = ?')
        .get(id, tenantId),
    );
  }

  exists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM observations WHERE id = ?').get(id) !== undefined;
  }

  /** A case's observations, oldest first: its story in order. */
  forCase(caseId: string, limit: number): Observation[] {
    const rows = this.db
      .prepare('SELECT doc FROM observations WHERE case_id = ? ORDER BY observed_ms, id LIMIT ?')
      .all(caseId, limit) as DocRow[];
    return rows.map((row) => fromDoc<Observation>(row));
  }

  countForCase(caseId: string): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM observations WHERE case_id = ?')
      .get(caseId) as { n: number };
    return row.n;
  }

  page(tenantId: string, filters: ObservationFilters) {
    const where = ['tenant_id = ?'];
    const params: SQLInputValue[] = [tenantId];
    if (filters.observed_after) {
      where.push('observed_ms > ?');
      params.push(toMs(filters.observed_after));
    }
    if (filters.observed_before) {
      where.push('observed_ms < ?');
      params.push(toMs(filters.observed_before));
    }
    if (filters.device_id) {
      where.push('device_id = ?');
      params.push(filters.device_id);
    }
    if (filters.case_id) {
      where.push('case_id = ?');
      params.push(filters.case_id);
    }
    if (filters.source) {
      where.push('source = ?');
      params.push(filters.source);
    }
    if (filters.class_uid !== undefined) {
      where.push('class_uid = ?');
      params.push(filters.class_uid);
    }
    if (filters.min_severity) {
      where.push('severity_rank >= ?');
      params.push(SEVERITY_RANK[filters.min_severity]);
    }
    if (filters.entity) {
      where.push(`instr(entities, char(10) || lower(?) || char(10)) > 0`);
      params.push(filters.entity);
    }
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `observations:${tenantId}`,
      filters,
      from: 'observations',
      where,
      params,
      sortColumn: 'observed_ms',
      direction: 'desc',
      limit: filters.limit,
      cursor: filters.cursor,
      select: `id, observed_ms, ${DOC_BYTES}`,
    });
    return DocPage.of<Observation>(page);
  }
}
