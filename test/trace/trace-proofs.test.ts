import {
  SenseOnClient,
  ValidationError,
  hashTraceLeaf,
  pinnedTraceKey,
  rootFromInclusionProof,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
  verifyWholeTrace,
  type TraceEntry,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openForTampering } from './ledger-forger';

const quiet = { log: false, simulate: false, port: 0 } as const;
const clientOf = (sandbox: RunningSandbox) =>
  new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.admin,
    rateLimit: false,
    maxRetries: 2,
  });
const hex = (value: string) => Buffer.from(value, 'hex');

async function downloadAll(client: SenseOnClient, size: number): Promise<TraceEntry[]> {
  const entries: TraceEntry[] = [];
  while (entries.length < size) {
    const slice = await client.trace.entries(entries.length, 1000);
    if (slice.data.length === 0) break;
    entries.push(...slice.data.slice(0, size - entries.length));
  }
  return entries;
}

describe('a trace of 100,000 entries', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox(quiet);
    const { trace, db } = sandbox.services;
    const tenantId = sandbox.tenants[0]!;
    db.transaction(() => {
      for (let i = 0; sandbox.services.trace.trees.size(tenantId) < 100_000; i++) {
        trace.append({
          tenantId,
          caseId: null,
          actor: { principal: 'bench', origin: 'automation' },
          event: 'request.refused',
          details: { operation: 'listCases', n: i },
        });
      }
    });
  }, 300_000);
  afterAll(() => sandbox.close());

  it('verifies whole, offline, from a signed checkpoint and the downloaded entries', async () => {
    const client = clientOf(sandbox);
    const [key] = (await client.trace.keys()).keys;
    const checkpoint = await client.trace.checkpoint();
    expect(checkpoint.tree_size).toBe(100_000);
    const entries = await downloadAll(client, checkpoint.tree_size);
    const audit = verifyWholeTrace(entries, checkpoint, key!);
    expect(audit.problems).toEqual([]);
    expect(audit.verified).toBe(true);
  }, 120_000);

  it('answers O(log n) inclusion and consistency proofs that verify', async () => {
    const client = clientOf(sandbox);
    const checkpoint = await client.trace.checkpoint();
    const size = checkpoint.tree_size;
    for (const index of [0, 1, 49_999, 65_536, size - 1]) {
      const [entry] = (await client.trace.entries(index, 1)).data;
      const proof = await client.trace.inclusionProof({ leaf_index: index, tree_size: size });
      expect(proof.audit_path.length).toBeLessThanOrEqual(17); // ceil(log2(100,000))
      expect(
        verifyInclusion(
          index,
          size,
          hashTraceLeaf(entry!),
          proof.audit_path.map(hex),
          hex(checkpoint.root_hash),
        ),
      ).toBeNull();
      const bySeq = await client.trace.inclusionProof({ seq: entry!.seq, tree_size: size });
      expect(bySeq.leaf_index).toBe(index);
    }
    for (const first of [1, 1000, 65_536, 99_999]) {
      const proof = await client.trace.consistencyProof(first, size);
      const subtreeRoot = await rootAt(client, first);
      expect(
        verifyConsistency(
          first,
          size,
          subtreeRoot,
          hex(checkpoint.root_hash),
          proof.consistency_path.map(hex),
        ),
      ).toBeNull();
    }
  }, 120_000);
});

/** The root of the first `size` leaves, as a reader who kept an older checkpoint would hold it. */
async function rootAt(client: SenseOnClient, size: number): Promise<Buffer> {
  // Only tests need an old root on demand; the proof of the last leaf leads to it.
  const [entry] = (await client.trace.entries(size - 1, 1)).data;
  const proof = await client.trace.inclusionProof({ leaf_index: size - 1, tree_size: size });
  const computed = rootFromInclusionProof(
    size - 1,
    size,
    hashTraceLeaf(entry!),
    proof.audit_path.map(hex),
  );
  if (typeof computed === 'string') throw new Error(computed);
  return computed;
}

describe('the signing key, the endpoints and the guards', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'senseon-trace-key-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its key across restarts with --db, publishes it three ways, and records dropped guards', async () => {
    const file = join(dir, 'sandbox.db');
    const first = await startSandbox({ ...quiet, db: file });
    let keyId: string;
    try {
      const client = clientOf(first);
      const { keys } = await client.trace.keys();
      keyId = keys[0]!.key_id;
      const wellKnown = (await (
        await fetch(first.url.replace(/\/v1$/, '/.well-known/senseon-trace-keys'))
      ).json()) as {
        keys: unknown[];
      };
      expect(wellKnown.keys).toEqual(keys);
      const openapi = (await (await fetch(`${first.url}/openapi.json`)).json()) as {
        info: Record<string, unknown>;
      };
      expect(openapi.info['x-senseon-trace-keys']).toEqual(keys);
      const checkpoint = await client.trace.checkpoint();
      expect(verifyCheckpointSignature(checkpoint, pinnedTraceKey(keys[0]!))).toBeNull();
      expect(checkpoint.note).toContain(
        `senseon.io/decisiontrace/${checkpoint.tenant_id}\n${checkpoint.tree_size}\n`,
      );
      // A checkpoint with a field changed after signing fails.
      expect(
        verifyCheckpointSignature(
          { ...checkpoint, tree_size: checkpoint.tree_size - 1 },
          pinnedTraceKey(keys[0]!),
        ),
      ).toMatch(/does not verify/);
    } finally {
      await first.close();
    }
    const db = openForTampering(file); // drops the append-only triggers, changes nothing else
    db.close();
    const second = await startSandbox({ ...quiet, db: file });
    try {
      const client = clientOf(second);
      expect((await client.trace.keys()).keys[0]!.key_id).toBe(keyId);
      const checkpoint = await client.trace.checkpoint();
      const [last] = (await client.trace.entries(checkpoint.tree_size - 1, 1)).data;
      expect(last).toMatchObject({ event: 'trace.guards_missing', case_id: null });
      expect((last!.details as { triggers: string[] }).triggers).toContain(
        'trace_entries_no_update',
      );
      // Re-created: the database refuses an edit again.
      expect(() => second.db.exec(`UPDATE trace_entries SET event = 'x' WHERE seq = 1`)).toThrow(
        /append-only/,
      );
    } finally {
      await second.close();
    }
    const third = await startSandbox({ ...quiet, db: file });
    try {
      // Nothing dropped this time: nothing recorded.
      const client = clientOf(third);
      const checkpoint = await client.trace.checkpoint();
      const [last] = (await client.trace.entries(checkpoint.tree_size - 1, 1)).data;
      expect(last!.event).toBe('trace.guards_missing');
      const again = await client.trace.entries(0, 1000);
      expect(again.data.filter((e) => e.event === 'trace.guards_missing')).toHaveLength(1);
    } finally {
      await third.close();
    }
  }, 60_000);

  it('adopts the entries of a database written before the trees existed, in seq order', async () => {
    const file = join(dir, 'before-trees.db');
    const before = await startSandbox({ ...quiet, db: file });
    const entriesBefore = await downloadAll(
      clientOf(before),
      (await clientOf(before).trace.checkpoint()).tree_size,
    );
    await before.close();
    // What such a database looks like: entries, no tree rows, no record of guards installed.
    const db = openForTampering(file);
    db.exec(
      `DELETE FROM trace_leaves; DELETE FROM trace_tree_nodes; DELETE FROM meta WHERE key = 'trace_guards_installed';`,
    );
    db.close();
    const after = await startSandbox({ ...quiet, db: file });
    try {
      const client = clientOf(after);
      const checkpoint = await client.trace.checkpoint();
      const entries = await downloadAll(client, checkpoint.tree_size);
      expect(entries).toEqual(entriesBefore);
      expect(
        verifyWholeTrace(entries, checkpoint, (await client.trace.keys()).keys[0]!).verified,
      ).toBe(true);
    } finally {
      await after.close();
    }
  });

  it('refuses a bad proof request naming the field', async () => {
    const sandbox = await startSandbox(quiet);
    try {
      const client = clientOf(sandbox);
      const { tree_size } = await client.trace.checkpoint();
      await expect(
        client.trace.inclusionProof({ leaf_index: 0, seq: 1, tree_size }),
      ).rejects.toThrow(/leaf_index/);
      await expect(
        client.trace.inclusionProof({ leaf_index: 0, tree_size: tree_size + 1 }),
      ).rejects.toThrow(ValidationError);
      await expect(client.trace.consistencyProof(5, 2)).rejects.toThrow(/first/);
      await expect(client.trace.inclusionProof({ seq: 999_999, tree_size })).rejects.toThrow(
        /999999/,
      );
    } finally {
      await sandbox.close();
    }
  });
});
