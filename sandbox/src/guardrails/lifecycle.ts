import type { StoredAction } from '../db/actions';
import { SYSTEM_ACTOR } from '../auth/caller';
import { applyEffect } from './effects';
import { emitActionEvent, type GuardrailsDeps } from './context';

/** Longest wait between expiry checks; `clock.advance` triggers one at once anyway. */
const MAX_EXPIRY_WAIT_MS = 60_000;

/**
 * What happens to actions after they are decided: approved → executing → completed or failed,
 * and pending → expired at `expires_at`. Everything is driven by the table, so a restart
 * resumes actions that were approved or running when the previous process stopped.
 */
export class ActionLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();
  private expiryTimer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(private readonly deps: GuardrailsDeps) {}

  start(): void {
    this.stopped = false;
    for (const action of this.deps.repos.actions.inStatuses(['approved', 'executing'])) {
      this.schedule(action.id, action.status === 'approved' ? 0 : this.deps.executionMs);
    }
    this.scheduleExpiry();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  /** An action was approved: start running it. */
  approved(actionId: string): void {
    this.schedule(actionId, 0);
  }

  private schedule(actionId: string, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.step(actionId);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private step(actionId: string): void {
    if (this.stopped || !this.deps.db.sql.isOpen) return;
    const { db, repos, clock, trace } = this.deps;
    const action = repos.actions.getById(actionId);
    if (!action) return;
    if (action.status === 'approved') {
      db.transaction(() => {
        const executing: StoredAction = { ...action, status: 'executing', updated_at: clock.iso() };
        repos.actions.save(executing);
        trace.append({
          tenantId: action.tenant_id,
          caseId: action.case_id,
          actor: SYSTEM_ACTOR,
          event: 'action.executing',
          details: { action_id: action.id, type: action.type, target: action.target },
        });
      });
      this.schedule(actionId, this.deps.executionMs);
    } else if (action.status === 'executing') {
      db.transaction(() => {
        const effect = applyEffect(action, this.deps);
        const done: StoredAction = {
          ...action,
          status: effect.outcome,
          result: {
            outcome: effect.outcome,
            message: effect.message,
            ...(effect.devices ? { devices: effect.devices } : {}),
          },
          updated_at: clock.iso(),
        };
        repos.actions.save(done);
        trace.append({
          tenantId: action.tenant_id,
          caseId: action.case_id,
          actor: SYSTEM_ACTOR,
          event: `action.${effect.outcome}`,
          details: {
            action_id: action.id,
            type: action.type,
            message: effect.message,
            changes: effect.changes,
            ...(effect.devices ? { devices: effect.devices } : {}),
          },
        });
        emitActionEvent(this.deps, done);
      });
    }
  }

  /** Expires every pending action whose time is up; they never run. Returns how many. */
  expireDue(): number {
    if (!this.deps.db.sql.isOpen) return 0;
    const { db, repos, clock, trace } = this.deps;
    const due = repos.actions.pendingExpiredBy(clock.now());
    for (const action of due) {
      db.transaction(() => {
        const expired: StoredAction = { ...action, status: 'expired', updated_at: clock.iso() };
        repos.actions.save(expired);
        trace.append({
          tenantId: action.tenant_id,
          caseId: action.case_id,
          actor: SYSTEM_ACTOR,
          event: 'action.expired',
          details: { action_id: action.id, type: action.type, expires_at: action.expires_at },
        });
        emitActionEvent(this.deps, expired);
      });
    }
    return due.length;
  }

  /** Re-arms the expiry timer for the earliest pending deadline. */
  scheduleExpiry(): void {
    if (this.stopped) return;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.expireDue();
    const next = this.deps.repos.actions.nextExpiryMs();
    if (next === null) return;
    const wait = Math.min(Math.max(0, next - this.deps.clock.now()), MAX_EXPIRY_WAIT_MS);
    this.expiryTimer = setTimeout(() => this.scheduleExpiry(), wait + 5);
    this.expiryTimer.unref();
  }
}
