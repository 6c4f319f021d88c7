import {
  SenseOnClient,
  compareCheckpoints,
  witnessEntries,
  type TraceAudit,
  type TraceEntry,
  type TraceWitness,
  type TraceWitnessStore,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  editInPlace,
  forgeHistory,
  openForTampering,
  readEntries,
  rechain,
  writeEntries,
} from './ledger-forger';

/*
 * The tamper attacks of issue 13, each against its own copy of a sandbox database whose trace a
 * reader (the core's `witnessEntries`, as Get Decision Trace runs it) verified and remembered
 * before the attack. Each attack reports whether the core flagged it, and how.
 */

export interface AttackOutcome {
  attack: string;
  flagged: boolean;
  /** The first problem the core named, or why the attack went unnoticed. */
  finding: string;
}

export interface TamperReport {
  attacks: number;
  flagged: number;
  outcomes: AttackOutcome[];
}

/** A witness store in memory: what a connector keeps between runs. */
export function memoryWitness(): TraceWitnessStore & { book: Map<string, TraceWitness> } {
  const book = new Map<string, TraceWitness>();
  return {
    book,
    load: (key) => Promise.resolve(book.get(key) ?? null),
    save: (key, witness) => {
      book.set(key, structuredClone(witness));
      return Promise.resolve();
    },
  };
}

const quiet = { log: false, simulate: false } as const;

function clientOf(sandbox: RunningSandbox): SenseOnClient {
  return new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.admin,
    rateLimit: false,
    maxRetries: 0,
  });
}

async function caseEntries(client: SenseOnClient, caseId: string): Promise<TraceEntry[]> {
  return client.cases.trace(caseId, { limit: 1000 }).collect();
}

/** Reads and audits a case through the API, the way Get Decision Trace does. */
async function auditCase(
  sandbox: RunningSandbox,
  caseId: string,
  witness: TraceWitnessStore,
): Promise<TraceAudit> {
  const client = clientOf(sandbox);
  return witnessEntries(client, await caseEntries(client, caseId), witness);
}

/** The sandbox's base URL changes with its port; witnesses are keyed by it, so carry them over. */
function carryWitness(from: TraceWitnessStore & { book: Map<string, TraceWitness> }, url: string) {
  const store = memoryWitness();
  for (const witness of from.book.values())
    store.book.set(`${url} ${witness.checkpoint.tenant_id}`, structuredClone(witness));
  return store;
}

interface Pristine {
  dir: string;
  file: string;
  caseId: string;
  witness: ReturnType<typeof memoryWitness>;
}

/** A sandbox database with some trace, a case with several entries, and a reader's witness. */
async function preparePristine(): Promise<Pristine> {
  const dir = mkdtempSync(join(tmpdir(), 'senseon-tamper-'));
  const file = join(dir, 'pristine.db');
  const sandbox = await startSandbox({ ...quiet, port: 0, db: file });
  try {
    const client = clientOf(sandbox);
    const [first] = (await client.cases.list({ limit: 1 })).data;
    const caseId = first!.id;
    // A few more entries in the case, so an attack has history to work on.
    for (let i = 0; i < 3; i++) await client.cases.addComment(caseId, { body: `note ${i}` });
    const witness = memoryWitness();
    const audit = await auditCase(sandbox, caseId, witness);
    if (!audit.verified)
      throw new Error(`the untouched trace did not verify: ${audit.problems.join('; ')}`);
    return { dir, file, caseId, witness };
  } finally {
    await sandbox.close();
  }
}

type Attack = (db: ReturnType<typeof openForTampering>, caseId: string) => void;

function caseSeqs(entries: TraceEntry[], caseId: string): TraceEntry[] {
  return entries.filter((entry) => entry.case_id === caseId);
}

const ATTACKS: Record<string, Attack> = {
  // One entry's details changed in place: its hash no longer matches.
  edit: (db, caseId) => {
    const target = caseSeqs(readEntries(db), caseId)[1]!;
    editInPlace(db, target.seq, { ...target.details, body: 'nothing to see here' });
  },
  // The edit, then every later hash of every chain recomputed: the chain checks out again.
  'edit-and-rehash': (db, caseId) => {
    const entries = readEntries(db);
    const target = caseSeqs(entries, caseId)[1]!;
    writeEntries(
      db,
      rechain(
        entries.map((e) =>
          e.seq === target.seq ? { ...e, details: { ...e.details, body: 'rewritten' } } : e,
        ),
      ),
    );
  },
  // The edit, the chains re-hashed and the Merkle trees rebuilt: the database agrees with itself.
  'edit-rehash-and-rebuild-tree': (db, caseId) => {
    const entries = readEntries(db);
    const target = caseSeqs(entries, caseId)[1]!;
    forgeHistory(
      db,
      entries.map((e) =>
        e.seq === target.seq ? { ...e, details: { ...e.details, body: 'rewritten' } } : e,
      ),
    );
  },
  // The newest entries removed, chains and trees made consistent with what is left.
  truncate: (db) => {
    const entries = readEntries(db);
    forgeHistory(db, entries.slice(0, entries.length - 3));
  },
  // Two entries of the case swapped in time (seq and at stay in place, contents move).
  reorder: (db, caseId) => {
    const entries = readEntries(db);
    const [a, b] = caseSeqs(entries, caseId).slice(1, 3);
    forgeHistory(
      db,
      entries.map((e) =>
        e.seq === a!.seq
          ? { ...b!, seq: a!.seq, at: a!.at }
          : e.seq === b!.seq
            ? { ...a!, seq: b!.seq, at: b!.at }
            : e,
      ),
    );
  },
  // A forged approval slipped into the middle of the case's history.
  insert: (db, caseId) => {
    const entries = readEntries(db);
    const after = caseSeqs(entries, caseId)[0]!;
    const forged: TraceEntry = {
      ...after,
      actor: { principal: 'sam.okafor@acme.example', origin: 'human' },
      event: 'action.approved',
      details: { action_id: 'act_forged', type: 'isolate_device' },
    };
    const at = entries.findIndex((e) => e.seq === after.seq);
    forgeHistory(db, [...entries.slice(0, at + 1), forged, ...entries.slice(at + 1)]);
  },
};

/** Runs one attack on a copy of the pristine database and audits the case against the witness. */
async function runAttack(pristine: Pristine, name: string, attack: Attack): Promise<AttackOutcome> {
  const file = join(pristine.dir, `${name}.db`);
  copyFileSync(pristine.file, file);
  const db = openForTampering(file);
  try {
    attack(db, pristine.caseId);
  } finally {
    db.close();
  }
  const sandbox = await startSandbox({ ...quiet, port: 0, db: file });
  try {
    const audit = await auditCase(
      sandbox,
      pristine.caseId,
      carryWitness(pristine.witness, sandbox.url),
    );
    return {
      attack: name,
      flagged: !audit.verified,
      finding: audit.problems[0] ?? 'NOT FLAGGED: the audit passed',
    };
  } finally {
    await sandbox.close();
  }
}

/**
 * The fork: one server shows reader 1 the real tree and reader 2 a rewritten one (both signed
 * with the same key, read from the same database). Each reader alone is satisfied; compared, as
 * witnesses gossip, the two checkpoints cannot both be true.
 */
async function runFork(pristine: Pristine): Promise<AttackOutcome> {
  const forkedFile = join(pristine.dir, 'fork.db');
  copyFileSync(pristine.file, forkedFile);
  const db = openForTampering(forkedFile);
  try {
    ATTACKS['edit-rehash-and-rebuild-tree']!(db, pristine.caseId);
  } finally {
    db.close();
  }
  const honestFile = join(pristine.dir, 'honest.db');
  copyFileSync(pristine.file, honestFile);
  const honest = await startSandbox({ ...quiet, port: 0, db: honestFile });
  const forked = await startSandbox({ ...quiet, port: 0, db: forkedFile });
  try {
    const reader1 = await auditCase(honest, pristine.caseId, memoryWitness());
    const reader2 = await auditCase(forked, pristine.caseId, memoryWitness());
    if (!reader1.verified || !reader2.verified) {
      return {
        attack: 'fork',
        flagged: true,
        finding: [...reader1.problems, ...reader2.problems][0]!,
      };
    }
    const [older, newer] = [reader1.checkpoint!, reader2.checkpoint!].sort(
      (a, b) => a.tree_size - b.tree_size,
    );
    // Reader 2's server is asked to prove that its tree extends reader 1's; it cannot.
    const server = older === reader1.checkpoint ? forked : honest;
    const proof =
      older!.tree_size === newer!.tree_size
        ? null
        : await clientOf(server).trace.consistencyProof(older!.tree_size, newer!.tree_size);
    const { check, tampering } = compareCheckpoints(older!, newer!, proof);
    return { attack: 'fork', flagged: tampering !== null, finding: check.detail };
  } finally {
    await honest.close();
    await forked.close();
  }
}

/**
 * Every attack, each against a fresh copy of one pristine sandbox database; for the chaos
 * suite: `flagged` must equal `attacks`.
 */
export async function runTraceTamperAttacks(): Promise<TamperReport> {
  const pristine = await preparePristine();
  try {
    const outcomes: AttackOutcome[] = [];
    for (const [name, attack] of Object.entries(ATTACKS))
      outcomes.push(await runAttack(pristine, name, attack));
    outcomes.push(await runFork(pristine));
    return {
      attacks: outcomes.length,
      flagged: outcomes.filter((o) => o.flagged).length,
      outcomes,
    };
  } finally {
    rmSync(pristine.dir, { recursive: true, force: true });
  }
}
