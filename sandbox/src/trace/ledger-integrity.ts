import { hashTraceLeaf } from '@senseon/client';
import { SYSTEM_ACTOR } from '../auth/caller';
import type { SandboxDatabase } from '../db/database';
import type { Logger } from '../logger';
import { installLedgerGuards } from './ledger-guards';
import type { DecisionTrace } from './ledger';

/**
 * What a start finds about the ledger before serving: dropped guard triggers (reported, then
 * recorded by `recordFindings` once tenants exist) and entries outside every tree. A database
 * written before the trees existed gets its entries adopted into them, in seq order; any other
 * untreed entry was written behind the sandbox's back and is reported, never adopted, so it
 * can never gain a valid inclusion proof.
 */
export function checkLedgerOnStart(
  db: SandboxDatabase,
  trace: DecisionTrace,
  log: Logger,
): { droppedGuards: string[] } {
  const droppedGuards = installLedgerGuards(db, log);
  const untreed = trace.untreedEntries();
  if (untreed.length > 0 && !trace.hasTrees()) {
    db.transaction(() => {
      for (const entry of untreed)
        trace.trees.append(entry.tenant_id, entry.seq, hashTraceLeaf(entry));
    });
  } else if (untreed.length > 0) {
    const seqs = untreed.slice(0, 10).map((entry) => entry.seq);
    log.error(
      `WARNING: ${untreed.length} DecisionTrace entries (seq ${seqs.join(', ')}${untreed.length > 10 ? ', …' : ''}) ` +
        `are in ${db.location} but in no Merkle tree: they were written outside the sandbox, and no proof will cover them.`,
    );
  }
  return { droppedGuards };
}

/** One `trace.guards_missing` entry in each tenant's own chain, so the finding is on the record. */
export function recordDroppedGuards(
  trace: DecisionTrace,
  tenantIds: string[],
  droppedGuards: string[],
): void {
  if (droppedGuards.length === 0) return;
  for (const tenantId of tenantIds) {
    trace.append({
      tenantId,
      caseId: null,
      actor: SYSTEM_ACTOR,
      event: 'trace.guards_missing',
      details: {
        triggers: droppedGuards,
        reason: 'append-only triggers were found dropped at start and were re-created',
      },
    });
  }
}
