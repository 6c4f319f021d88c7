import { hashChildren, splitPoint, type SubtreeHasher } from '@senseon/client';
import type { SandboxDatabase } from '../db/database';
import { TREE_SCHEMA_SQL } from './tree-schema';

/**
 * One RFC 9162 Merkle tree per tenant over its DecisionTrace entries in `seq` order, stored as
 * its complete subtrees. Appending a leaf writes it and the complete subtrees it closes (one on
 * average, log n at most); any subtree hash a proof needs is then one lookup, or a few for the
 * right edge of a tree whose size is not a power of two.
 */
export class TenantTrees {
  constructor(private readonly db: SandboxDatabase) {
    db.sql.exec(TREE_SCHEMA_SQL);
  }

  /** Leaves in the tenant's tree. */
  size(tenantId: string): number {
    const row = this.db
      .prepare('SELECT MAX(leaf_index) AS last FROM trace_leaves WHERE tenant_id = ?')
      .get(tenantId) as { last: number | null };
    return row.last === null ? 0 : row.last + 1;
  }

  /** Adds the leaf of entry `seq`; call it in the transaction that inserts the entry. */
  append(tenantId: string, seq: number, leafHash: Buffer): number {
    const index = this.size(tenantId);
    this.db
      .prepare('INSERT INTO trace_leaves (tenant_id, leaf_index, seq) VALUES (?, ?, ?)')
      .run(tenantId, index, seq);
    const insertNode = this.db.prepare(
      'INSERT INTO trace_tree_nodes (tenant_id, level, idx, hash) VALUES (?, ?, ?, ?)',
    );
    insertNode.run(tenantId, 0, index, leafHash);
    let level = 0;
    let idx = index;
    let hash = leafHash;
    // A right child closes its parent: keep climbing while this node is a right child.
    while (idx % 2 === 1) {
      hash = hashChildren(this.node(tenantId, level, idx - 1), hash);
      level += 1;
      idx = (idx - 1) / 2;
      insertNode.run(tenantId, level, idx, hash);
    }
    return index;
  }

  /**
   * Subtree hashes of the tenant's tree for one request: complete aligned subtrees are read as
   * stored; the few others (the right edge) are combined from them and remembered for the call.
   */
  subtrees(tenantId: string): SubtreeHasher {
    const memo = new Map<string, Buffer>();
    const hash: SubtreeHasher = (start, end) => {
      const width = end - start;
      if ((width & (width - 1)) === 0 && start % width === 0) {
        return this.node(tenantId, Math.log2(width), start / width);
      }
      const key = `${start}:${end}`;
      let known = memo.get(key);
      if (!known) {
        const k = splitPoint(width);
        known = hashChildren(hash(start, start + k), hash(start + k, end));
        memo.set(key, known);
      }
      return known;
    };
    return hash;
  }

  /** The leaf index of entry `seq` in its tenant's tree, if it has one. */
  leafIndexOf(tenantId: string, seq: number): number | undefined {
    const row = this.db
      .prepare('SELECT leaf_index FROM trace_leaves WHERE tenant_id = ? AND seq = ?')
      .get(tenantId, seq) as { leaf_index: number } | undefined;
    return row?.leaf_index;
  }

  /** The entry seqs of leaves `[start, start + limit)`. */
  seqsFrom(tenantId: string, start: number, limit: number): { leafIndex: number; seq: number }[] {
    const rows = this.db
      .prepare(
        'SELECT leaf_index, seq FROM trace_leaves WHERE tenant_id = ? AND leaf_index >= ? ORDER BY leaf_index LIMIT ?',
      )
      .all(tenantId, start, limit) as { leaf_index: number; seq: number }[];
    return rows.map((row) => ({ leafIndex: row.leaf_index, seq: row.seq }));
  }

  private node(tenantId: string, level: number, idx: number): Buffer {
    const row = this.db
      .prepare('SELECT hash FROM trace_tree_nodes WHERE tenant_id = ? AND level = ? AND idx = ?')
      .get(tenantId, level, idx) as { hash: Uint8Array } | undefined;
    if (!row) {
      throw new Error(`the trace tree of ${tenantId} has no node ${level}/${idx}; it is damaged`);
    }
    return Buffer.from(row.hash);
  }
}
