/**
 * Benchmark 2 of issue 11: what a page of `GET /observations?limit=1000` costs the sandbox deep in
 * a list against near its start (a page at 99% depth against one at 1%, in alternating rounds),
 * and full walks of 10k, 100k and 1M rows (per-row cost against the 10k walk's, measured in the
 * same run: a walk that costs the same per row at every size is linear). The rows (they
 * replace the seed's) are written straight into the sandbox's SQLite file, compact (≈350 bytes each) so 1M rows fit
 * in a few hundred MB; the walk itself is plain HTTP against the running sandbox.
 *
 * Walks of each size alternate with walks of 10k rows, the baseline, round by round.
 *
 * Alone: `npx tsx bench/suites/sandbox-pagination.ts [--quick]` (the 1M size only without --quick).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { spread, table, type SideBySideRow } from './figures';

const PAGE = 1000;

/**
 * Replaces the tenant's observations with `rows` compact ones, all alike in size, so a walk's
 * cost per row compares across sizes.
 */
function fillTo(sandbox: RunningSandbox, tenantId: string, rows: number): void {
  const db = sandbox.db;
  db.prepare('DELETE FROM observations WHERE tenant_id = ?').run(tenantId);
  const insert = db.prepare(
    `INSERT INTO observations (id, tenant_id, observed_ms, ingested_ms, ingest_seq, device_id,
     case_id, source, class_uid, severity_rank, entities, doc)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, 'endpoint', 1007, 1, ?, ?)`,
  );
  const start = Date.now() - 14 * 86_400_000;
  // Every row takes the next place in the order of storage, as the sandbox's own insert does.
  const { seq } = db
    .prepare('SELECT COALESCE(MAX(ingest_seq), 0) AS seq FROM observations')
    .get() as { seq: number };
  db.exec('BEGIN');
  for (let i = 0; i < rows; i++) {
    const id = `obs_bench${i.toString(36).padStart(11, '0')}`;
    // Spread over two weeks, with ties on the time so the id has to break them.
    const observedMs = start + Math.floor(i / 3) * 3_000;
    const observedAt = new Date(observedMs).toISOString();
    // Stored a minute after it was observed: ingestion order follows storage order.
    const ingestedMs = observedMs + 60_000;
    const doc = JSON.stringify({
      id,
      tenant_id: tenantId,
      observed_at: observedAt,
      ingested_at: new Date(ingestedMs).toISOString(),
      source: 'endpoint',
      severity: 'low',
      title: 'Process launched: bench.exe',
      device_id: null,
      case_id: null,
      ocsf: {
        class_uid: 1007,
        category_uid: 1,
        activity_id: 1,
        type_uid: 100701,
        time: observedMs,
        severity_id: 2,
        metadata: { version: '1.3.0', product: { name: 'Bench', vendor_name: 'SenseOn' } },
      },
    });
    insert.run(id, tenantId, observedMs, ingestedMs, seq + 1 + i, '\n', doc);
  }
  db.exec('COMMIT');
}

interface Walk {
  ms: number;
  rows: number;
  /** The cursor that starts each page after the first, in order. */
  cursors: string[];
}

/**
 * A GET, sent again once when the pooled connection it went out on turns out closed: a fill
 * blocks this process for minutes, and the server closes keep-alive sockets idle across it.
 */
async function getOnce(url: string, token: string): Promise<Response> {
  const headers = { authorization: `Bearer ${token}` };
  try {
    return await fetch(url, { headers });
  } catch (error) {
    const code = ((error as Error).cause as { code?: string } | undefined)?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    return fetch(url, { headers });
  }
}

async function walk(sandbox: RunningSandbox, token: string): Promise<Walk> {
  const cursors: string[] = [];
  let rows = 0;
  let cursor: string | null = null;
  const started = performance.now();
  do {
    const url: string = `${sandbox.url}/observations?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await getOnce(url, token);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    const body = (await res.json()) as {
      data: unknown[];
      pagination: { next_cursor: string | null };
    };
    rows += body.data.length;
    cursor = body.pagination.next_cursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { ms: performance.now() - started, rows, cursors };
}

async function pageMs(sandbox: RunningSandbox, token: string, cursor: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${sandbox.url}/observations?limit=${PAGE}&cursor=${cursor}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`page: ${res.status}`);
  return performance.now() - started;
}

interface Sized {
  size: number;
  sandbox: RunningSandbox;
  token: string;
}

async function openSized(dir: string, size: number): Promise<Sized> {
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    rateLimit: 10_000_000,
    db: join(dir, `walk-${size}.db`),
  });
  const token = sandbox.tokens.admin;
  try {
    const me = (await (
      await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { tenant: { id: string } };
    fillTo(sandbox, me.tenant.id, size);
    // Fold the write-ahead log into the database, so walks read the file, not a log of every row.
    sandbox.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch (error) {
    // Not yet in the caller's list of sandboxes to close: a listening server left open here
    // kept `npm run bench` from exiting after a fill failed.
    await sandbox.close();
    throw error;
  }
  return { size, sandbox, token };
}

/** The page that starts 1% into the list against the one that starts at 99%, alternating. */
async function depthRow(list: Sized, cursors: string[], quick: boolean): Promise<SideBySideRow> {
  const { sandbox, token, size } = list;
  const shallow = cursors[Math.max(0, Math.floor(cursors.length * 0.01) - 1)]!;
  const deep = cursors[Math.floor(cursors.length * 0.99) - 1]!;
  const near: number[] = [];
  const far: number[] = [];
  await pageMs(sandbox, token, shallow);
  await pageMs(sandbox, token, deep);
  for (let round = 0; round < (quick ? 10 : 30); round++) {
    if (round % 2 === 0) {
      near.push(await pageMs(sandbox, token, shallow));
      far.push(await pageMs(sandbox, token, deep));
    } else {
      far.push(await pageMs(sandbox, token, deep));
      near.push(await pageMs(sandbox, token, shallow));
    }
  }
  const ratio = spread(far).median / spread(near).median;
  return {
    name: `GET /observations?limit=1000 of ${size.toLocaleString('en')} rows: one page`,
    unit: 'ms',
    candidate: { label: 'page at 99% depth', ...spread(far) },
    baseline: { label: 'page at 1% depth', ...spread(near) },
    ratio,
    goal: { text: '≤ 1.2', holds: ratio <= 1.2 },
  };
}

export async function sandboxPagination(quick: boolean): Promise<SideBySideRow[]> {
  const sizes = quick ? [100_000] : [100_000, 1_000_000];
  const rounds = quick ? 2 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'senseon-bench-pages-'));
  const opened: Sized[] = [];
  const rows: SideBySideRow[] = [];
  try {
    // Every list is filled before any walk: a fill blocks this process for a while, and a
    // keep-alive connection idle across it is closed under the next request (ECONNRESET).
    const base = await openSized(dir, 10_000);
    opened.push(base);
    for (const size of sizes) opened.push(await openSized(dir, size));
    await walk(base.sandbox, base.token); // warm-up: JIT, statement cache
    for (const list of opened.slice(1)) {
      const { size } = list;
      // Each walk of this size is paired with a 10k walk just before or after it, so both see
      // the same machine: the 10k walk's cost per row is the baseline.
      const big: number[] = [];
      const small: number[] = [];
      let cursors: string[] = [];
      for (let round = 0; round < rounds; round++) {
        const walkBig = async () => {
          const w = await walk(list.sandbox, list.token);
          if (w.rows !== size) throw new Error(`walked ${w.rows} of ${size} rows`);
          cursors = w.cursors;
          big.push((w.ms / w.rows) * 1000);
        };
        const walkSmall = async () => {
          const w = await walk(base.sandbox, base.token);
          small.push((w.ms / w.rows) * 1000);
        };
        for (const side of round % 2 === 0 ? [walkSmall, walkBig] : [walkBig, walkSmall]) {
          await side();
        }
      }
      const ratio = spread(big).median / spread(small).median;
      rows.push({
        name: `full walk of ${size.toLocaleString('en')} rows, 1,000 a page: time per 1,000 rows`,
        unit: 'ms',
        candidate: { label: `walk of ${size.toLocaleString('en')}`, ...spread(big) },
        baseline: { label: 'walk of 10,000', ...spread(small) },
        ratio,
        // Linear: a row costs the same however long the list (within noise).
        goal: { text: 'linear (≤ 1.2)', holds: ratio <= 1.2 },
      });
      rows.push(await depthRow(list, cursors, quick));
    }
  } finally {
    for (const list of opened) await list.sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (require.main === module) {
  void sandboxPagination(process.argv.includes('--quick')).then((rows) => console.log(table(rows)));
}
