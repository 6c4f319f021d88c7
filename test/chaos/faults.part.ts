/**
 * Row "faults": the sandbox fails 20% of requests with 500/503/504, 10% with 429, adds 300 ms to
 * each, and loses the answer of 10% of the writes it stored (500, 503, 504, a dropped connection
 * or a timeout after the commit). The flagship playbook runs through the Zapier app
 * (zapier-platform-core), and a bulk job through the client core writes 10,000 observations,
 * reads them back with the iterator, adds 500 case comments and requests 200 response actions.
 * Then the database is compared with what each caller was told: nothing lost, nothing doubled.
 */
import { randomUUID, createHash } from 'node:crypto';
import {
  RateLimitError,
  SenseOnClient,
  detectionFinding,
  type ObservationCreate,
} from '@senseon/client';
import { startSandbox, type FaultConfig, type RunningSandbox } from '@senseon/sandbox';
import { runPlaybook } from '../../scripts/playbook/playbook';
import {
  MAX_READ_REPLAYS,
  MAX_RESCHEDULES,
  RescheduleLog,
} from '../../scripts/playbook/reschedule';
import type { ChaosContext } from './context';
import { CALL_HEADER, CountingTransport } from './counting-transport';
import type { ChaosPart } from './parts';
import { inPool } from './pool';
import type { ChaosRow } from './table';

/** 20% 500/503/504 and 10% 429: the codes are drawn evenly, so 429 is listed three times. */
export const FAULTS: FaultConfig = {
  errorRate: 0.3,
  codes: [500, 503, 504, 500, 503, 504, 429, 429, 429],
  latencyMs: 300,
  afterCommit: 0.1,
  afterCommitFailures: [500, 503, 504, 'drop', 'timeout'],
};
const FAULT_TEXT =
  '20% 500/503/504, 10% 429, +300 ms, 10% of writes fail after the commit (500/503/504/drop/timeout)';

const OBSERVATIONS = 10_000;
const BATCH = 1_000;
const COMMENTS = 500;
const ACTIONS = 200;
/** How often the bulk job itself tries an item again (same Idempotency-Key) after the client gave up. */
const CALLER_ROUNDS = 5;
const MAX_RETRIES = 3;
/** Workers writing comments and actions at once, as a queue's consumers would. */
const WORKERS = 40;

/** What the callers were told, and how often an error reached them. */
class Ledger {
  errors = 0;
  /** Errors that reached a caller before the client had used up its retries. */
  premature: string[] = [];
  gaveUp: string[] = [];
  constructor(readonly transport: CountingTransport) {}

  /**
   * One item of the bulk job: the client retries; when an error still reaches the job, it is
   * counted, and the job sends the item again with the same key, as a queue worker would.
   */
  async item<T>(label: string, send: (options: { headers: Record<string, string> }) => Promise<T>) {
    for (let round = 1; round <= CALLER_ROUNDS; round++) {
      const call = randomUUID();
      try {
        return await send({ headers: { [CALL_HEADER]: call } });
      } catch (error) {
        this.errors++;
        const attempts = this.transport.failuresInARow(call);
        // A RateLimitError ends its own count (the client's cap on waits for the budget).
        if (attempts !== MAX_RETRIES + 1 && !(error instanceof RateLimitError)) {
          this.premature.push(`${label}: ${describe(error)} after ${attempts} failed attempts`);
        }
      }
    }
    this.gaveUp.push(label);
    return undefined;
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

function clientOf(sandbox: RunningSandbox, token: string, transport: CountingTransport) {
  return new SenseOnClient({
    baseUrl: sandbox.url,
    token,
    transport,
    maxRetries: MAX_RETRIES,
    // A queue worker's budget per attempt: an answer held back after the commit is given up on.
    timeoutMs: 5_000,
    rateLimit: false,
    retry: { baseDelayMs: 100, maxDelayMs: 2_000 },
  });
}

const count = (sandbox: RunningSandbox, sql: string, ...params: (string | number)[]) =>
  Number((sandbox.db.prepare(sql).get(...params) as { n: number }).n);

/** Stored rows whose text (`json_extract(doc, path)`) starts with `prefix`: total and distinct. */
function stored(sandbox: RunningSandbox, table: string, path: string, prefix: string) {
  const where = `json_extract(doc, '${path}') LIKE ?`;
  return {
    rows: count(sandbox, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, `${prefix}%`),
    distinct: count(
      sandbox,
      `SELECT count(DISTINCT json_extract(doc, '${path}')) AS n FROM ${table} WHERE ${where}`,
      `${prefix}%`,
    ),
  };
}

async function bulkJob(sandbox: RunningSandbox, ledger: Ledger, run: string) {
  const admin = clientOf(sandbox, sandbox.tokens.admin, ledger.transport);
  const analyst = clientOf(sandbox, sandbox.tokens.analyst, ledger.transport);
  const tenant = sandbox.tenants[0]!;
  const caseIds = (
    sandbox.db
      .prepare(
        "SELECT id FROM cases WHERE tenant_id = ? AND status != 'closed' ORDER BY id LIMIT 10",
      )
      .all(tenant) as { id: string }[]
  ).map((c) => c.id);
  const start = Date.now() - 2 * 24 * 3600 * 1000;

  // 10,000 observations in batches, each batch all or nothing under its own key.
  const batches = Array.from({ length: OBSERVATIONS / BATCH }, (_, b) =>
    Array.from({ length: BATCH }, (_, i): ObservationCreate => {
      const n = b * BATCH + i;
      const at = start + n * 1000;
      return {
        observed_at: new Date(at).toISOString(),
        source: 'endpoint',
        severity: 'low',
        title: `chaos ${run} observation #${n}`,
        ocsf: detectionFinding({
          uid: `${run}-${n}`,
          title: `chaos ${run} observation #${n}`,
          severity: 'low',
          time: at,
        }),
      };
    }),
  );
  let observationsTold = 0;
  await inPool(batches, 5, async (batch, b) => {
    const key = randomUUID();
    const created = await ledger.item(`observation batch ${b}`, (o) =>
      admin.observations.createBatch(batch, { ...o, idempotencyKey: key }),
    );
    observationsTold += created?.length ?? 0;
  });

  // Read them back with the iterator; when a page fails past the retries, go on from its cursor.
  const filters = {
    observed_after: new Date(start - 1).toISOString(),
    observed_before: new Date(start + OBSERVATIONS * 1000).toISOString(),
    limit: 1000,
  };
  const read: string[] = [];
  let cursor: string | undefined;
  let done = false;
  for (let round = 0; !done && round < 50; round++) {
    const resumed = await ledger.item('observations read', async (o) => {
      for await (const page of admin.observations.list({ ...filters, cursor }, o).pages()) {
        read.push(...page.data.map((obs) => obs.id));
        cursor = page.pagination.next_cursor ?? undefined;
      }
      return true;
    });
    done = resumed === true;
  }
  const inWindow = count(
    sandbox,
    'SELECT count(*) AS n FROM observations WHERE tenant_id = ? AND observed_ms >= ? AND observed_ms < ?',
    tenant,
    start,
    start + OBSERVATIONS * 1000,
  );

  // 500 comments, 50 on each of 10 cases, by the workers.
  let commentsTold = 0;
  await inPool(
    Array.from({ length: COMMENTS }, (_, n) => n),
    WORKERS,
    async (n) => {
      const key = randomUUID();
      const comment = await ledger.item(`comment ${n}`, (o) =>
        analyst.cases.addComment(
          caseIds[n % caseIds.length]!,
          { body: `chaos ${run} comment #${n}` },
          { ...o, idempotencyKey: key },
        ),
      );
      if (comment) commentsTold++;
    },
  );

  // 200 IOC blocks (response actions that run without approval), by the workers.
  let actionsTold = 0;
  await inPool(
    Array.from({ length: ACTIONS }, (_, n) => n),
    WORKERS,
    async (n) => {
      const key = randomUUID();
      const value = createHash('sha256').update(`${run}-${n}`).digest('hex');
      const action = await ledger.item(`action ${n}`, (o) =>
        analyst.actions.request(
          caseIds[n % caseIds.length]!,
          {
            type: 'add_ioc',
            target: { ioc: { type: 'sha256', value } },
            justification: `chaos ${run} action #${n}`,
          },
          { ...o, idempotencyKey: key },
        ),
      );
      if (action) actionsTold++;
    },
  );

  return {
    observations: {
      told: observationsTold,
      ...stored(sandbox, 'observations', '$.title', `chaos ${run} observation #`),
    },
    read: { items: read.length, distinct: new Set(read).size, inWindow },
    comments: {
      told: commentsTold,
      ...stored(sandbox, 'comments', '$.body', `chaos ${run} comment #`),
    },
    actions: {
      told: actionsTold,
      ...stored(sandbox, 'actions', '$.justification', `chaos ${run} action #`),
    },
  };
}

export const faultsPart: ChaosPart = {
  name: 'faults',
  rows: ['1a faults: playbook', '1b faults: bulk job'],
  async run(ctx: ChaosContext): Promise<ChaosRow[]> {
    const sandbox = await startSandbox({
      port: 0,
      faults: FAULTS,
      // The API's own limit is not what this row is about: the injected 429s are.
      rateLimit: 1_000_000,
      summaryDelayMs: 300,
      actionExecutionMs: 50,
      log: false,
    });
    ctx.secret(...Object.values(sandbox.tokens));
    ctx.onCleanup(() => sandbox.close());
    const run = randomUUID().slice(0, 8);

    const playbookStarted = Date.now();
    const reschedules = new RescheduleLog();
    const playbookOk = await runPlaybook(sandbox, reschedules).catch((error: unknown) => {
      console.log(`  the playbook stopped: ${describe(error)}`);
      return false;
    });
    const playbookSeconds = Math.round((Date.now() - playbookStarted) / 1000);

    const transport = new CountingTransport();
    const ledger = new Ledger(transport);
    const jobStarted = Date.now();
    const job = await bulkJob(sandbox, ledger, run);
    const jobSeconds = Math.round((Date.now() - jobStarted) / 1000);
    ctx.output('faults-bulk-job', { job, errors: ledger.errors, premature: ledger.premature });

    const writes = [
      { name: 'observations', want: OBSERVATIONS, ...job.observations },
      { name: 'comments', want: COMMENTS, ...job.comments },
      { name: 'actions', want: ACTIONS, ...job.actions },
    ];
    // Lost: told stored (or wanted) but not in the database. Doubled: stored more than once.
    const lost = writes.reduce((sum, w) => sum + Math.max(0, w.want - w.distinct), 0);
    const doubled = writes.reduce((sum, w) => sum + (w.rows - w.distinct), 0);
    const toldWrong = writes.filter((w) => w.told !== w.distinct).map((w) => w.name);
    const readOk =
      job.read.items === job.read.inWindow &&
      job.read.distinct === job.read.items &&
      job.read.items >= OBSERVATIONS;
    const jobKept =
      lost === 0 &&
      doubled === 0 &&
      toldWrong.length === 0 &&
      readOk &&
      ledger.premature.length === 0 &&
      ledger.gaveUp.length === 0;
    const problems = [...ledger.premature, ...ledger.gaveUp.map((g) => `gave up: ${g}`)];
    for (const problem of problems.slice(0, 10)) {
      console.log(`  ${problem}`);
    }
    return [
      {
        row: '1a faults: playbook',
        fault: FAULT_TEXT,
        promise: `the flagship playbook (Zapier app, zapier-platform-core) finishes every step; a step throttled (ThrottledError) is rescheduled after its delay, as Zapier does, at most ${MAX_RESCHEDULES} times; a read step SenseOn did not answer is replayed, as Zapier's Autoreplay does, at most ${MAX_READ_REPLAYS} times (a create never)`,
        figure:
          `${playbookOk ? 'finished' : 'did NOT finish'} in ${playbookSeconds} s; ` +
          `${reschedules.count} steps rescheduled after a ThrottledError, ${reschedules.replays} read steps replayed after an error`,
        kept: playbookOk,
      },
      {
        row: '1b faults: bulk job',
        fault: FAULT_TEXT,
        promise:
          'the bulk job finishes; 0 lost, 0 duplicated writes; an error reaches the caller only after the retries are used up',
        figure:
          `${job.observations.distinct}/${OBSERVATIONS} observations, ${job.comments.distinct}/${COMMENTS} comments, ` +
          `${job.actions.distinct}/${ACTIONS} actions stored; ${lost} lost, ${doubled} duplicated` +
          `${toldWrong.length ? `; told ≠ stored: ${toldWrong.join(', ')}` : ''}; ` +
          `iterator read ${job.read.items} (${job.read.distinct} distinct, ${job.read.inWindow} in the database); ` +
          `${transport.total} attempts; ${ledger.errors} errors reached the caller, ` +
          `${ledger.premature.length} before the retries were used up; ${jobSeconds} s`,
        kept: jobKept,
      },
    ];
  },
};
