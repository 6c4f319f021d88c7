/**
 * The Merkle trees over each tenant's DecisionTrace (RFC 9162). `trace_tree_nodes` keeps every
 * complete subtree: level 0 holds the leaf hashes, and node (level L, index i) is the root of
 * leaves [i·2^L, (i+1)·2^L). Those never change once written, so any proof for any tree size is
 * O(log n) lookups. `trace_leaves` says which entry each leaf is.
 */
export const TREE_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS trace_leaves (
  tenant_id TEXT NOT NULL,
  leaf_index INTEGER NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (tenant_id, leaf_index)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS trace_tree_nodes (
  tenant_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY (tenant_id, level, idx)
) WITHOUT ROWID;
`;
