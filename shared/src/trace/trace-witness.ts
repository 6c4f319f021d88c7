import type { SenseOnClient } from '../client';
import type { TraceEntry } from '../schemas/trace';
import type { TraceCheckpoint, TracePublicKey } from '../schemas/trace-proofs';
import { auditEntries, type TraceAudit, type TraceCheck } from './trace-audit';

/**
 * What a connector remembers about one tenant's trace between runs, as a transparency-log
 * witness does: the key it pinned (on first use, unless one was configured) and the newest
 * checkpoint it verified. Every later checkpoint must extend that one.
 */
export interface TraceWitness {
  public_key: TracePublicKey;
  checkpoint: TraceCheckpoint;
}

/** Where a connector keeps witnesses: n8n workflow static data, Zapier's `z.cache`. */
export interface TraceWitnessStore {
  load(key: string): Promise<TraceWitness | null>;
  save(key: string, witness: TraceWitness): Promise<void>;
}

/** One witness per API and tenant: two tenants' trees are different logs. */
export function witnessKey(baseUrl: string, tenantId: string): string {
  return `${baseUrl} ${tenantId}`;
}

/**
 * Verifies entries read from the API against the witness remembered for their tenant, and
 * remembers the new checkpoint when all holds. A rollback or fork keeps the old witness, so the
 * alarm repeats on every run until someone looks, rather than being accepted the second time.
 */
export async function witnessEntries(
  client: SenseOnClient,
  entries: TraceEntry[],
  store: TraceWitnessStore | undefined,
): Promise<TraceAudit> {
  const tenantId = entries[0]?.tenant_id;
  const key = tenantId ? witnessKey(client.baseUrl, tenantId) : null;
  const witness = key && store ? await store.load(key) : null;
  const firstUse: TraceCheck[] = [];
  let publicKey = witness?.public_key;
  if (!publicKey) {
    publicKey = (await client.trace.keys()).keys[0];
    if (!publicKey) {
      return {
        verified: false,
        checkpoint: null,
        checks: [
          { check: 'signature', passed: false, detail: 'the server publishes no trace key' },
        ],
        problems: ['the server publishes no trace key'],
        tampering: null,
      };
    }
    firstUse.push({
      check: 'signature',
      passed: true,
      detail: `no key was pinned yet: key ${publicKey.key_id} is pinned from now on (trust on first use)`,
    });
  }
  const result = await auditEntries(client.trace, entries, publicKey, witness?.checkpoint ?? null);
  if (!witness) {
    result.checks.push({
      check: 'consistency',
      passed: true,
      detail: 'no earlier checkpoint was remembered; this one is remembered for the next run',
    });
  }
  if (result.verified && key && store && result.checkpoint) {
    await store.save(key, { public_key: publicKey, checkpoint: result.checkpoint });
  }
  return { ...result, checks: [...firstUse, ...result.checks] };
}
