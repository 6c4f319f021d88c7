// Runs queued hunts in the background, one at a time, an hour of telemetry per turn of the event
// loop, so that API requests are answered while a hunt scans. A hunt that takes longer than the
// sandbox's hunt timeout ends `timed_out` with the seeds' 504 meaning. Hunts live in the
// database: a restart scans a running hunt again from the start.
import { FINAL_HUNT_STATUSES, type Hunt, type TelemetryEvent } from '@senseon/client';
import { SYSTEM_ACTOR } from '../auth/caller';
import type { SandboxClock } from '../clock';
import type { SandboxDatabase } from '../db/database';
import type { HuntRepository } from '../db/hunts';
import type { ConsoleLogger } from '../logger';
import type { TelemetrySource } from '../telemetry/telemetry-source';
import type { DecisionTrace } from '../trace/ledger';
import { compileQuery } from './query-match';
import { parseQuery } from './query-parser';

/** A hunt keeps at most this many matches; more sets `truncated`. */
export const MAX_HUNT_RESULTS = 10_000;

export const HUNT_TIMEOUT_MESSAGE =
  'A database query timed out — try a more specific query (a shorter time range, fewer devices, narrower conditions).';

export interface HuntRunnerDeps {
  db: SandboxDatabase;
  hunts: HuntRepository;
  source: TelemetrySource;
  clock: SandboxClock;
  trace: DecisionTrace;
  log: ConsoleLogger;
  /** Wall-clock time one hunt may scan before it ends `timed_out`. */
  timeoutMs: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class HuntRunner {
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly deps: HuntRunnerDeps) {}

  start(): void {
    this.stopped = false;
    const { db, hunts } = this.deps;
    // A hunt that was running when the sandbox stopped starts again from the beginning.
    db.transaction(() => {
      for (const hunt of hunts.all('running')) {
        hunts.clearResults(hunt.id);
        hunts.save({
          ...hunt,
          status: 'queued',
          scanned_count: 0,
          result_count: 0,
          started_at: null,
        });
      }
    });
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Called after a hunt is queued. */
  wake(): void {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        await nextTurn();
        for (let hunt = this.deps.hunts.oldest('queued'); hunt && !this.stopped;) {
          await this.run(hunt);
          hunt = this.deps.hunts.oldest('queued');
        }
      } finally {
        this.running = null;
      }
    })();
  }

  private async run(queued: Hunt): Promise<void> {
    const { db, hunts, source, clock, log } = this.deps;
    let hunt: Hunt = { ...queued, status: 'running', started_at: clock.iso() };
    hunts.save(hunt);
    const startedAt = performance.now();
    try {
      const matches = compileQuery(parseQuery(hunt.query));
      const scope = {
        tenantId: hunt.tenant_id,
        deviceIds: hunt.device_ids,
        afterMs: Date.parse(hunt.observed_after),
        beforeMs: Date.parse(hunt.observed_before),
      };
      for (const events of source.byHour(scope, 'asc')) {
        await nextTurn();
        if (this.stopped) return;
        const now = hunts.reload(hunt.id);
        if (!now || FINAL_HUNT_STATUSES.includes(now.status)) return; // cancelled meanwhile
        const found: TelemetryEvent[] = events.filter((e) => matches(e.ocsf));
        const room = MAX_HUNT_RESULTS - hunt.result_count;
        const kept = found.slice(0, Math.max(0, room));
        const firstSeq = hunt.result_count + 1;
        hunt = {
          ...hunt,
          scanned_count: hunt.scanned_count + events.length,
          result_count: hunt.result_count + kept.length,
          truncated: hunt.truncated || found.length > kept.length,
        };
        db.transaction(() => {
          hunts.addResults(hunt.id, firstSeq, kept);
          hunts.save(hunt);
        });
        if (performance.now() - startedAt > this.deps.timeoutMs) {
          this.finish(hunt, 'timed_out', {
            code: 'GATEWAY_TIMEOUT',
            message: HUNT_TIMEOUT_MESSAGE,
          });
          return;
        }
      }
      this.finish(hunt, 'done', null);
    } catch (error) {
      log.error(
        `hunt ${hunt.id} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      this.finish(hunt, 'failed', {
        code: 'INTERNAL_SERVER_ERROR',
        message: 'The hunt failed unexpectedly; run it again.',
      });
    }
  }

  private finish(hunt: Hunt, status: 'done' | 'failed' | 'timed_out', error: Hunt['error']): void {
    const { db, hunts, clock, trace } = this.deps;
    db.transaction(() => {
      const now = hunts.reload(hunt.id);
      if (!now || FINAL_HUNT_STATUSES.includes(now.status)) return;
      const ended: Hunt = { ...hunt, status, error, finished_at: clock.iso() };
      hunts.save(ended);
      trace.append({
        tenantId: ended.tenant_id,
        caseId: null,
        actor: SYSTEM_ACTOR,
        event: status === 'done' ? 'hunt.completed' : `hunt.${status}`,
        details: {
          hunt_id: ended.id,
          status,
          scanned_count: ended.scanned_count,
          result_count: ended.result_count,
          truncated: ended.truncated,
          ...(error && { code: error.code }),
        },
      });
    });
  }
}
