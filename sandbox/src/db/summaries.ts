import type { CaseSummaryResponse } from '@senseon/client';
import type { SandboxDatabase } from './database';
import { fromDoc, maybeFromDoc, type DocRow } from './rows';

export interface SummaryJob {
  case_id: string;
  tenant_id: string;
  ready_ms: number;
  /** Who asked, as JSON of an Actor: the trace entry of the result names them. */
  requested_by: string;
}

export class SummaryRepository {
  constructor(private readonly db: SandboxDatabase) {}

  upsert(
    tenantId: string,
    summary: CaseSummaryResponse,
    readyMs: number,
    requestedBy: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO summaries (case_id, tenant_id, status, ready_ms, requested_by, doc) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, ready_ms = excluded.ready_ms,
         requested_by = excluded.requested_by, doc = excluded.doc`,
      )
      .run(
        summary.case_id,
        tenantId,
        summary.status,
        readyMs,
        requestedBy,
        JSON.stringify(summary),
      );
  }

  get(caseId: string): CaseSummaryResponse | undefined {
    return maybeFromDoc<CaseSummaryResponse>(
      this.db.prepare('SELECT doc FROM summaries WHERE case_id = ?').get(caseId),
    );
  }

  generatingDueBy(nowMs: number): (SummaryJob & { summary: CaseSummaryResponse })[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM summaries WHERE status = 'generating' AND ready_ms <= ? ORDER BY ready_ms, case_id`,
      )
      .all(nowMs) as (DocRow & SummaryJob)[];
    return rows.map((row) => ({
      case_id: row.case_id,
      tenant_id: row.tenant_id,
      ready_ms: row.ready_ms,
      requested_by: row.requested_by,
      summary: fromDoc<CaseSummaryResponse>(row),
    }));
  }

  nextReadyMs(): number | null {
    const row = this.db
      .prepare(`SELECT MIN(ready_ms) AS at FROM summaries WHERE status = 'generating'`)
      .get() as { at: number | null };
    return row.at;
  }
}
