import {
  GENESIS_HASH,
  hashChildren,
  hashTraceEntry,
  hashTraceLeaf,
  type TraceEntry,
} from '@senseon/client';
import { DatabaseSync } from 'node:sqlite';

/*
 * What an attacker with write access to a stopped sandbox's database file can do to the
 * DecisionTrace: drop the append-only triggers, then rewrite rows. The strongest attacker also
 * re-hashes every chain and rebuilds every Merkle tree from the rewritten rows with the
 * sandbox's own hashing, so that the database is self-consistent again; only the checkpoints a
 * reader kept from before can tell.
 */

interface Row {
  seq: number;
  chain_key: string;
  tenant_id: string;
  case_id: string | null;
  at: string;
  actor: string;
  event: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function openForTampering(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  for (const table of ['trace_entries', 'trace_leaves', 'trace_tree_nodes']) {
    db.exec(
      `DROP TRIGGER IF EXISTS ${table}_no_update; DROP TRIGGER IF EXISTS ${table}_no_delete;`,
    );
  }
  return db;
}

export function readEntries(db: DatabaseSync): TraceEntry[] {
  const rows = db.prepare('SELECT * FROM trace_entries ORDER BY seq').all() as unknown as Row[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    tenant_id: row.tenant_id,
    case_id: row.case_id,
    actor: JSON.parse(row.actor) as TraceEntry['actor'],
    event: row.event,
    details: JSON.parse(row.details) as Record<string, unknown>,
    prev_hash: row.prev_hash,
    hash: row.hash,
  }));
}

/** Edits one row in place, and nothing else: the weakest attacker. */
export function editInPlace(db: DatabaseSync, seq: number, details: Record<string, unknown>): void {
  db.prepare('UPDATE trace_entries SET details = ? WHERE seq = ?').run(
    JSON.stringify(details),
    seq,
  );
}

/** Re-hashes every chain from its first entry, so `verifyTraceChain` passes again. */
export function rechain(entries: TraceEntry[]): TraceEntry[] {
  const last = new Map<string, string>();
  return entries.map((entry): TraceEntry => {
    const key = entry.case_id === null ? `tenant:${entry.tenant_id}` : `case:${entry.case_id}`;
    const { hash: _old, ...rest } = entry;
    const unhashed = { ...rest, prev_hash: last.get(key) ?? GENESIS_HASH };
    const hash = hashTraceEntry(unhashed);
    last.set(key, hash);
    return { ...unhashed, hash };
  });
}

/** Rewrites the entry rows only (the chain re-hashed or not), leaving the trees as they were. */
export function writeEntries(db: DatabaseSync, entries: TraceEntry[]): void {
  db.exec('BEGIN');
  db.exec('DELETE FROM trace_entries');
  const insert = db.prepare(
    `INSERT INTO trace_entries (seq, chain_key, tenant_id, case_id, at, actor, event, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const entry of entries) {
    insert.run(
      entry.seq,
      entry.case_id === null ? `tenant:${entry.tenant_id}` : `case:${entry.case_id}`,
      entry.tenant_id,
      entry.case_id,
      entry.at,
      JSON.stringify(entry.actor),
      entry.event,
      JSON.stringify(entry.details),
      entry.prev_hash,
      entry.hash,
    );
  }
  db.exec('COMMIT');
}

/** Rebuilds every tenant's tree from the entry rows, exactly as the sandbox would have. */
export function rebuildTrees(db: DatabaseSync, entries: TraceEntry[]): void {
  db.exec('BEGIN');
  db.exec('DELETE FROM trace_leaves; DELETE FROM trace_tree_nodes;');
  const leaf = db.prepare('INSERT INTO trace_leaves (tenant_id, leaf_index, seq) VALUES (?, ?, ?)');
  const node = db.prepare(
    'INSERT INTO trace_tree_nodes (tenant_id, level, idx, hash) VALUES (?, ?, ?, ?)',
  );
  const byTenant = new Map<string, TraceEntry[]>();
  for (const entry of entries) {
    const list = byTenant.get(entry.tenant_id) ?? [];
    list.push(entry);
    byTenant.set(entry.tenant_id, list);
  }
  for (const [tenantId, list] of byTenant) {
    let level: Buffer[] = list.map(hashTraceLeaf);
    list.forEach((entry, index) => leaf.run(tenantId, index, entry.seq));
    for (let depth = 0; level.length > 0; depth++) {
      level.forEach((hash, idx) => node.run(tenantId, depth, idx, hash));
      const up: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(hashChildren(level[i]!, level[i + 1]!));
      level = up;
    }
  }
  db.exec('COMMIT');
}

/** Renumbers seqs 1… in order (after an insert or a removal), re-chains, rewrites and rebuilds. */
export function forgeHistory(db: DatabaseSync, entries: TraceEntry[]): void {
  const renumbered = rechain(entries.map((entry, index) => ({ ...entry, seq: index + 1 })));
  writeEntries(db, renumbered);
  rebuildTrees(db, renumbered);
}
