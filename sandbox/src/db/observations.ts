import type { SQLInputValue } from 'node:sqlite';
import { SEVERITY_RANK, type Observation, type ObservationFilters } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, toMs, type DocRow } from './rows';
import { entitiesOf } from './observation-entities';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

/**
 * The list's orders. Storage order is `ingest_seq` alone: `ingested_ms` never decreases along
 * it, so one key orders both and a cursor never skips an observation stored in the same ms.
 */
const ORDERS = {
  '-observed_at': { sortColumn: 'observed_ms', direction: 'desc' },
  ingested_at: { sortColumn: 'ingest_seq', idColumn: 'ingest_seq', direction: 'asc' },
  '-ingested_at': { sortColumn: 'ingest_seq', idColumn: 'ingest_seq', direction: 'desc' },
} as const;

export class ObservationRepository {
  constructor(private readonly db: SandboxDatabase) {}

  insert(observation: Observation): void {
    // The next place in the order of storage; writes are serialised, so no two get the same.
    const seq = this.db
      .prepare('SELECT COALESCE(MAX(ingest_seq), 0) + 1 AS n FROM observations')
      .get() as { n: number };
    this.db
      .prepare(
        `INSERT INTO observations (id, tenant_id, observed_ms, ingested_ms, ingest_seq, device_id,
         case_id, source, class_uid, severity_rank, entities, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        observation.id,
        observation.tenant_id,
        toMs(observation.observed_at),
        toMs(observation.ingested_at),
        seq.n,
        observation.device_id,
        observation.case_id,
        observation.source,
        observation.ocsf.class_uid,
        SEVERITY_RANK[observation.severity],
        entitiesOf(observation.ocsf),
        JSON.stringify(observation),
      );
  }

  /** The latest `ingested_at` of the tenant (ms), 0 when it has none. */
  latestIngestedMs(tenantId: string): number {
    const row = this.db
      .prepare(
        'SELECT ingested_ms FROM observations WHERE tenant_id = ? ORDER BY ingest_seq DESC LIMIT 1',
      )
      .get(tenantId) as { ingested_ms: number } | undefined;
    return row?.ingested_ms ?? 0;
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
    if (filters.ingested_after) {
      where.push('ingested_ms > ?');
      params.push(toMs(filters.ingested_after));
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
      ...ORDERS[filters.sort ?? '-observed_at'],
      limit: filters.limit,
      cursor: filters.cursor,
      select: `id, observed_ms, ingest_seq, ${DOC_BYTES}`,
    });
    return DocPage.of<Observation>(page);
  }
}
