import type { Hunt, HuntStatus, TelemetryEvent } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, type DocRow } from './rows';
import { DOC_BYTES, DocPage, keysetPage, type DocBytesRow } from '../pagination/keyset';

// Hunts and the events they matched. The tables are created here, beside their only reader,
// with IF NOT EXISTS: a database from before hunts existed gains them on its next start.
const HUNTS_SQL = `
CREATE TABLE IF NOT EXISTS hunts (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  created_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hunts_status ON hunts (status, created_ms, id);
CREATE TABLE IF NOT EXISTS hunt_results (
  hunt_id TEXT NOT NULL REFERENCES hunts(id),
  seq INTEGER NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (hunt_id, seq)
);
`;

export class HuntRepository {
  constructor(private readonly db: SandboxDatabase) {
    db.sql.exec(HUNTS_SQL);
  }

  insert(hunt: Hunt): void {
    this.db
      .prepare('INSERT INTO hunts (id, tenant_id, created_ms, status, doc) VALUES (?, ?, ?, ?, ?)')
      .run(hunt.id, hunt.tenant_id, Date.parse(hunt.created_at), hunt.status, JSON.stringify(hunt));
  }

  save(hunt: Hunt): void {
    this.db
      .prepare('UPDATE hunts SET status = ?, doc = ? WHERE id = ?')
      .run(hunt.status, JSON.stringify(hunt), hunt.id);
  }

  get(tenantId: string, id: string): Hunt | undefined {
    return maybeFromDoc<Hunt>(
      this.db.prepare('SELECT doc FROM hunts WHERE id = ? AND tenant_id = ?').get(id, tenantId),
    );
  }

  /** The hunt as stored now, whoever owns it: the runner re-reads it to see a cancellation. */
  reload(id: string): Hunt | undefined {
    return maybeFromDoc<Hunt>(this.db.prepare('SELECT doc FROM hunts WHERE id = ?').get(id));
  }

  /** The oldest hunt in `status`, if any. */
  oldest(status: HuntStatus): Hunt | undefined {
    return maybeFromDoc<Hunt>(
      this.db
        .prepare('SELECT doc FROM hunts WHERE status = ? ORDER BY created_ms, id LIMIT 1')
        .get(status),
    );
  }

  all(status: HuntStatus): Hunt[] {
    const rows = this.db
      .prepare('SELECT doc FROM hunts WHERE status = ? ORDER BY created_ms, id')
      .all(status) as DocRow[];
    return rows.map((row) => fromDoc<Hunt>(row));
  }

  addResults(huntId: string, firstSeq: number, events: readonly TelemetryEvent[]): void {
    const insert = this.db.prepare('INSERT INTO hunt_results (hunt_id, seq, doc) VALUES (?, ?, ?)');
    events.forEach((event, i) => insert.run(huntId, firstSeq + i, JSON.stringify(event)));
  }

  /** A restarted hunt scans again from the start, so what it found before is dropped. */
  clearResults(huntId: string): void {
    this.db.prepare('DELETE FROM hunt_results WHERE hunt_id = ?').run(huntId);
  }

  results(huntId: string, limit?: number, cursor?: string): DocPage<TelemetryEvent> {
    const page = keysetPage<DocBytesRow>(this.db, {
      list: `hunt_results:${huntId}`,
      filters: {},
      from: 'hunt_results',
      where: ['hunt_id = ?'],
      params: [huntId],
      sortColumn: 'seq',
      idColumn: 'seq',
      direction: 'asc',
      limit,
      cursor,
      select: `seq, ${DOC_BYTES}`,
    });
    return DocPage.of<TelemetryEvent>(page);
  }
}
