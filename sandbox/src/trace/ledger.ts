import {
  GENESIS_HASH,
  hashTraceEntry,
  hashTraceLeaf,
  type Actor,
  type TraceEntry,
} from '@senseon/client';
import type { SandboxDatabase } from '../db/database';
import type { SandboxClock } from '../clock';
import { keysetPage } from '../pagination/keyset';
import { TenantTrees } from './tenant-trees';

export interface TraceRecord {
  tenantId: string;
  caseId: string | null;
  actor: Actor;
  /** What happened, in the event vocabulary: `action.requested`, `action.approval_refused`… */
  event: string;
  details: Record<string, unknown>;
  /** When it happened, if not now: a seeded case was opened before the sandbox started. */
  at?: string;
}

interface TraceRow {
  seq: number;
  tenant_id: string;
  case_id: string | null;
  at: string;
  actor: string;
  event: string;
  details: string;
  prev_hash: string;
  hash: string;
  [column: string]: unknown;
}

/** One chain per case; entries outside any case chain per tenant. */
export function chainKeyOf(tenantId: string, caseId: string | null): string {
  return caseId === null ? `tenant:${tenantId}` : `case:${caseId}`;
}

function rowToEntry(row: TraceRow): TraceEntry {
  return {
    seq: row.seq,
    at: row.at,
    tenant_id: row.tenant_id,
    case_id: row.case_id,
    actor: JSON.parse(row.actor) as Actor,
    event: row.event,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The DecisionTrace ledger. Entries are only ever inserted (the table's triggers refuse UPDATE
 * and DELETE); each one's hash covers the previous hash of its chain, so any change shows, and
 * each one is a leaf of its tenant's Merkle tree, whose signed checkpoints make a rewrite or a
 * rollback of the whole history show too.
 */
export class DecisionTrace {
  readonly trees: TenantTrees;

  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: SandboxClock,
  ) {
    this.trees = new TenantTrees(db);
  }

  /** Appends one entry; call it inside the transaction of the change it records. */
  append(record: TraceRecord): TraceEntry {
    return this.db.transaction(() => {
      const chainKey = chainKeyOf(record.tenantId, record.caseId);
      const last = this.db
        .prepare('SELECT hash FROM trace_entries WHERE chain_key = ? ORDER BY seq DESC LIMIT 1')
        .get(chainKey) as { hash: string } | undefined;
      const max = this.db.prepare('SELECT MAX(seq) AS seq FROM trace_entries').get() as {
        seq: number | null;
      };
      // A JSON round trip first: what is hashed must be exactly what a reader gets back.
      const unhashed = JSON.parse(
        JSON.stringify({
          seq: (max.seq ?? 0) + 1,
          at: record.at ?? this.clock.iso(),
          tenant_id: record.tenantId,
          case_id: record.caseId,
          actor: record.actor,
          event: record.event,
          details: record.details,
          prev_hash: last?.hash ?? GENESIS_HASH,
        }),
      ) as Omit<TraceEntry, 'hash'>;
      const entry = { ...unhashed, hash: hashTraceEntry(unhashed) } as TraceEntry;
      this.db
        .prepare(
          `INSERT INTO trace_entries (seq, chain_key, tenant_id, case_id, at, actor, event, details, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.seq,
          chainKey,
          entry.tenant_id,
          entry.case_id,
          entry.at,
          JSON.stringify(entry.actor),
          entry.event,
          JSON.stringify(entry.details),
          entry.prev_hash,
          entry.hash,
        );
      this.trees.append(entry.tenant_id, entry.seq, hashTraceLeaf(entry));
      return entry;
    });
  }

  /** A page of one case's chain, oldest first. */
  pageForCase(caseId: string, limit?: number, cursor?: string) {
    const page = keysetPage<TraceRow>(this.db, {
      list: `trace:${caseId}`,
      filters: {},
      from: 'trace_entries',
      where: ['chain_key = ?'],
      params: [chainKeyOf('', caseId)],
      sortColumn: 'seq',
      idColumn: 'seq',
      direction: 'asc',
      limit,
      cursor,
    });
    return { ...page, entries: page.rows.map(rowToEntry) };
  }

  /** A whole chain, oldest first: for the timeline, and for tests that verify it. */
  chain(tenantId: string, caseId: string | null): TraceEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM trace_entries WHERE chain_key = ? ORDER BY seq')
      .all(chainKeyOf(tenantId, caseId)) as TraceRow[];
    return rows.map(rowToEntry);
  }

  /** Entries by seq, in the order asked; a seq with no entry is left out. */
  entriesBySeq(seqs: number[]): TraceEntry[] {
    const statement = this.db.prepare('SELECT * FROM trace_entries WHERE seq = ?');
    const entries: TraceEntry[] = [];
    for (const seq of seqs) {
      const row = statement.get(seq) as TraceRow | undefined;
      if (row) entries.push(rowToEntry(row));
    }
    return entries;
  }

  /**
   * Entries that are in no tree, oldest first. A database written before the trees existed has
   * only such entries; otherwise one is a row written behind the sandbox's back.
   */
  untreedEntries(): TraceEntry[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM trace_entries WHERE seq NOT IN (SELECT seq FROM trace_leaves) ORDER BY seq',
      )
      .all() as TraceRow[];
    return rows.map(rowToEntry);
  }

  /** Whether any entry is in a tree yet. */
  hasTrees(): boolean {
    return this.db.prepare('SELECT 1 FROM trace_leaves LIMIT 1').get() !== undefined;
  }
}
