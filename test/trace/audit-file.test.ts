import {
  SenseOnClient,
  exportTraceAudit,
  verifyTraceAudit,
  type TraceAuditFile,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

describe('the DecisionTrace audit file', () => {
  let sandbox: RunningSandbox;
  let client: SenseOnClient;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'senseon-audit-'));
    sandbox = await startSandbox({ log: false, simulate: false, port: 0 });
    client = new SenseOnClient({
      baseUrl: sandbox.url,
      token: sandbox.tokens.admin,
      rateLimit: false,
    });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies offline against the pinned key, and catches an edited or a dropped entry and a rollback', async () => {
    const [key] = (await client.trace.keys()).keys;
    const first = await exportTraceAudit(client);
    expect(verifyTraceAudit(first, key!).verified).toBe(true);

    const [item] = (await client.cases.list({ limit: 1 })).data;
    await client.cases.addComment(item!.id, { body: 'later' });
    const second = await exportTraceAudit(client, first.checkpoint);
    const audit = verifyTraceAudit(second, key!);
    expect(audit.problems).toEqual([]);
    expect(audit.checks.map((c) => c.check)).toEqual([
      'signature',
      'chain',
      'root',
      'signature',
      'consistency',
    ]);

    const edited: TraceAuditFile = structuredClone(second);
    edited.entries[3]!.details = { ...edited.entries[3]!.details, note: 'added' };
    expect(verifyTraceAudit(edited, key!).verified).toBe(false);
    const dropped: TraceAuditFile = {
      ...structuredClone(second),
      entries: second.entries.slice(0, -1),
    };
    expect(verifyTraceAudit(dropped, key!).problems.join(' ')).toMatch(
      /signs \d+ entries but \d+ are here/,
    );
    const rolledBack: TraceAuditFile = {
      ...structuredClone(first),
      previous: { checkpoint: second.checkpoint, consistency_proof: null },
    };
    const rollback = verifyTraceAudit(rolledBack, key!);
    expect(rollback.tampering?.kind).toBe('rollback');
    // Not pinned: it still checks, and says what that proves.
    expect(verifyTraceAudit(second).checks[0]!.detail).toMatch(/no key was pinned/);
  });

  it('`npm run verify-trace -- verify` exits 0 on a good file and 1 on a tampered one', async () => {
    const [key] = (await client.trace.keys()).keys;
    const file = await exportTraceAudit(client);
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    writeFileSync(good, JSON.stringify(file));
    const tampered = structuredClone(file);
    tampered.entries[0]!.event = 'case.deleted';
    writeFileSync(bad, JSON.stringify(tampered));
    const run = (path: string) =>
      spawnSync(
        'npx',
        ['tsx', 'scripts/trace/verify-trace.ts', 'verify', path, '--key', key!.public_key],
        {
          cwd: REPO,
          encoding: 'utf8',
        },
      );
    const ok = run(good);
    expect(ok.stdout).toContain('VERIFIED');
    expect(ok.status).toBe(0);
    const notOk = run(bad);
    expect(notOk.stdout).toContain('NOT VERIFIED');
    expect(notOk.status).toBe(1);
  }, 60_000);
});
