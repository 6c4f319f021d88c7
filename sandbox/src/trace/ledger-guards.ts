import type { SandboxDatabase } from '../db/database';
import type { Logger } from '../logger';

/**
 * The triggers that make the ledger append-only in the database itself. They are created once;
 * on a later start a missing one means someone dropped it, which is how one edits a ledger, so
 * it is reported loudly and recorded, never silently put back as if nothing happened.
 */
const GUARDS: Record<string, string> = {
  trace_entries_no_update: `CREATE TRIGGER trace_entries_no_update BEFORE UPDATE ON trace_entries
BEGIN SELECT RAISE(ABORT, 'the decision trace is append-only: entries cannot be updated'); END;`,
  trace_entries_no_delete: `CREATE TRIGGER trace_entries_no_delete BEFORE DELETE ON trace_entries
BEGIN SELECT RAISE(ABORT, 'the decision trace is append-only: entries cannot be deleted'); END;`,
  trace_leaves_no_update: `CREATE TRIGGER trace_leaves_no_update BEFORE UPDATE ON trace_leaves
BEGIN SELECT RAISE(ABORT, 'the decision trace tree is append-only'); END;`,
  trace_leaves_no_delete: `CREATE TRIGGER trace_leaves_no_delete BEFORE DELETE ON trace_leaves
BEGIN SELECT RAISE(ABORT, 'the decision trace tree is append-only'); END;`,
  trace_tree_nodes_no_update: `CREATE TRIGGER trace_tree_nodes_no_update BEFORE UPDATE ON trace_tree_nodes
BEGIN SELECT RAISE(ABORT, 'the decision trace tree is append-only'); END;`,
  trace_tree_nodes_no_delete: `CREATE TRIGGER trace_tree_nodes_no_delete BEFORE DELETE ON trace_tree_nodes
BEGIN SELECT RAISE(ABORT, 'the decision trace tree is append-only'); END;`,
};

const INSTALLED_KEY = 'trace_guards_installed';

/**
 * Creates the guard triggers that are missing. Returns the names of those that had been
 * installed before and were found dropped (empty on a new database, or when all are there).
 */
export function installLedgerGuards(db: SandboxDatabase, log: Logger): string[] {
  const present = new Set(
    (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as {
        name: string;
      }[]
    ).map((row) => row.name),
  );
  const missing = Object.keys(GUARDS).filter((name) => !present.has(name));
  const installedBefore = db.getMeta(INSTALLED_KEY) === 'yes';
  db.transaction(() => {
    for (const name of missing) db.sql.exec(GUARDS[name]!);
    db.setMeta(INSTALLED_KEY, 'yes');
  });
  if (!installedBefore || missing.length === 0) return [];
  log.error(
    `WARNING: the DecisionTrace append-only triggers ${missing.join(', ')} were DROPPED from ${db.location} ` +
      'while the sandbox was stopped: entries may have been edited or deleted. They are re-created now, ' +
      'and the finding is recorded in every tenant chain (event trace.guards_missing). Verify the trace ' +
      'against a checkpoint you kept (verify-trace).',
  );
  return missing;
}
