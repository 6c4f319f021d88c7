import type {
  AiSummary,
  Case,
  CaseSummaryResponse,
  Device,
  SummaryAccepted,
} from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { SandboxDatabase } from '../db/database';
import type { Repositories } from '../db/repositories';
import type { UserRecord } from '../db/users';
import { actorOf, SYSTEM_ACTOR, type Caller } from '../auth/caller';
import type { DecisionTrace } from '../trace/ledger';
import type { EventPublisher } from '../webhooks/events';
import { summariseCase, SUMMARY_MODEL } from './summariser';

export interface CaseSummariesDeps {
  db: SandboxDatabase;
  repos: Repositories;
  clock: SandboxClock;
  trace: DecisionTrace;
  events: EventPublisher;
  /** How long "generation" takes. */
  delayMs: number;
}

const MAX_WAIT_MS = 1_000;

function aiSummaryOf(summary: CaseSummaryResponse): AiSummary {
  const { case_id: _caseId, ...rest } = summary;
  return rest;
}

/**
 * AI case summaries: a request answers at once and the summary becomes ready after a short
 * delay, as with a real model. Jobs live in the database, so a restart finishes them.
 */
export class CaseSummaries {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(private readonly deps: CaseSummariesDeps) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  request(caller: Caller, caseRecord: Case): SummaryAccepted {
    const { db, repos, clock, trace } = this.deps;
    const nowMs = clock.now();
    const previous = repos.summaries.get(caseRecord.id);
    // While a new one is generated, the previous text stays readable, marked as generating.
    const generating: CaseSummaryResponse = {
      case_id: caseRecord.id,
      text: previous?.text ?? null,
      severity_assessment: previous?.severity_assessment ?? null,
      recommended_actions: previous?.recommended_actions ?? [],
      generated_at: previous?.generated_at ?? null,
      model: previous?.model ?? null,
      status: 'generating',
    };
    const actor = actorOf(caller);
    db.transaction(() => {
      repos.summaries.upsert(
        caller.tenantId,
        generating,
        nowMs + this.deps.delayMs,
        JSON.stringify(actor),
      );
      repos.cases.save({ ...caseRecord, ai_summary: aiSummaryOf(generating) });
      trace.append({
        tenantId: caller.tenantId,
        caseId: caseRecord.id,
        actor,
        event: 'summary.requested',
        details: { regenerate: previous !== undefined },
      });
    });
    this.wake();
    return { case_id: caseRecord.id, status: 'generating', requested_at: clock.iso(nowMs) };
  }

  get(caseId: string): CaseSummaryResponse | undefined {
    return this.deps.repos.summaries.get(caseId);
  }

  /** Finishes every summary whose time has come. */
  completeDue(): void {
    if (!this.deps.db.sql.isOpen) return;
    const { db, repos, clock, trace, events } = this.deps;
    for (const job of repos.summaries.generatingDueBy(clock.now())) {
      const caseRecord = repos.cases.get(job.tenant_id, job.case_id);
      if (!caseRecord) continue;
      const content = summariseCase({
        caseRecord,
        observations: repos.observations.forCase(caseRecord.id, 500),
        devices: caseRecord.device_ids
          .map((id) => repos.devices.get(job.tenant_id, id))
          .filter((d): d is Device => d !== undefined),
        users: caseRecord.user_ids
          .map((id) => repos.users.get(job.tenant_id, id))
          .filter((u): u is UserRecord => u !== undefined),
      });
      const ready: CaseSummaryResponse = {
        case_id: caseRecord.id,
        status: 'ready',
        ...content,
        generated_at: clock.iso(),
        model: SUMMARY_MODEL,
      };
      db.transaction(() => {
        repos.summaries.upsert(job.tenant_id, ready, job.ready_ms, job.requested_by);
        repos.cases.save({ ...caseRecord, ai_summary: aiSummaryOf(ready) });
        trace.append({
          tenantId: job.tenant_id,
          caseId: caseRecord.id,
          actor: { ...SYSTEM_ACTOR, principal: SUMMARY_MODEL },
          event: 'summary.generated',
          details: {
            model: SUMMARY_MODEL,
            severity_assessment: content.severity_assessment,
            recommended_actions: content.recommended_actions.map((a) => a.action_type),
            requested_by: JSON.parse(job.requested_by) as unknown,
          },
        });
        events.emit(job.tenant_id, 'summary.generated', ready);
      });
    }
  }

  /** Completes what is due and sleeps until the next job is. */
  wake(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.completeDue();
    const next = this.deps.repos.summaries.nextReadyMs();
    if (next === null) return;
    const wait = Math.min(Math.max(0, next - this.deps.clock.now()), MAX_WAIT_MS);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }
}
