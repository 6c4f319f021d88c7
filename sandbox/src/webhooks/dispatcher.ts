import { webhookHeaders } from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { SandboxDatabase } from '../db/database';
import type { DeliveryRow } from '../db/deliveries';
import type { Repositories } from '../db/repositories';
import type { FaultInjector } from '../faults/config';
import { randomBase62 } from '../ids';
import type { Logger } from '../logger';
import { postJson, type PostOutcome } from './http-post';
import { retryDelayMs } from './schedule';
import type { UrlPolicy } from './url-policy';

export interface DispatcherOptions {
  timeScale: number;
  timeoutMs: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** Where deliveries may go; checked again at each attempt. */
  urlPolicy: UrlPolicy;
}

/** Names the one POST a delivery's copy is; receivers pass it when they claim the event. */
export const ATTEMPT_HEADER = 'x-senseon-delivery-attempt';

/** One copy of a delivery as sent, and whether its claim was given back after its 5xx. */
interface SentCopy {
  attemptId: string;
  answer: PostOutcome;
  released: boolean;
}

/** Longest sleep between looks at the queue, so a moved clock is noticed even without a wake. */
const MAX_IDLE_MS = 1_000;

/**
 * Works through the delivery queue kept in the database: at least once, on the retry schedule,
 * signed per Standard Webhooks. Being driven by the table, it resumes after a restart exactly
 * where the previous process stopped.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = true;
  private readonly concurrency: number;
  private shutdown = new AbortController();

  constructor(
    private readonly db: SandboxDatabase,
    private readonly repos: Repositories,
    private readonly clock: SandboxClock,
    private readonly faults: FaultInjector,
    private readonly log: Logger,
    private readonly options: DispatcherOptions,
  ) {
    this.concurrency = options.concurrency ?? 16;
  }

  start(): void {
    this.stopped = false;
    this.shutdown = new AbortController();
    this.wake();
  }

  /** Look at the queue now (new deliveries, or the clock moved). */
  wake(): void {
    if (this.stopped) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Attempts cut short stay pending in the table; the next start sends them again.
    this.shutdown.abort();
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Resolves when nothing is in flight; for tests that want the queue quiet. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, Math.min(delayMs, MAX_IDLE_MS)));
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    if (this.stopped || !this.db.sql.isOpen) return;
    const room = this.concurrency - this.inFlight.size;
    if (room > 0) {
      const due = this.repos.deliveries.due(this.clock.now(), room + this.inFlight.size);
      for (const delivery of due) {
        if (this.inFlight.size >= this.concurrency) break;
        if (this.inFlight.has(delivery.id)) continue;
        const work = this.attempt(delivery)
          .catch((error: unknown) => {
            this.log.error(`webhook delivery ${delivery.id} crashed: ${String(error)}`);
          })
          .finally(() => {
            this.inFlight.delete(delivery.id);
            this.wake();
          });
        this.inFlight.set(delivery.id, work);
      }
    }
    const next = this.repos.deliveries.nextDueMs();
    if (next !== null) this.schedule(next - this.clock.now());
  }

  private signingSecret(delivery: DeliveryRow): { secret: string } | { stop: string } {
    if (delivery.webhook_id) {
      const webhook = this.repos.webhooks.getById(delivery.webhook_id);
      if (!webhook || webhook.deleted) return { stop: 'the subscription was deleted' };
      if (webhook.status !== 'active') return { stop: 'the subscription is disabled' };
      return { secret: webhook.secret };
    }
    const secret = delivery.action_id
      ? this.repos.actions.callbackSecret(delivery.action_id)
      : null;
    return secret ? { secret } : { stop: 'the action has no callback secret' };
  }

  private async attempt(delivery: DeliveryRow): Promise<void> {
    const signing = this.signingSecret(delivery);
    const body = this.repos.events.body(delivery.event_id);
    if ('stop' in signing || body === undefined) {
      this.finish(delivery, {
        status: 'failed',
        statusCode: null,
        error: 'stop' in signing ? signing.stop : 'the event is missing',
      });
      return;
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({
      id: delivery.event_id,
      timestamp,
      body,
      secret: signing.secret,
    });
    let outcome: PostOutcome;
    if (this.faults.dropWebhook()) {
      outcome = { status: null, error: 'dropped on the way (fault injection)' };
    } else {
      // Each copy sent is an attempt of its own (a duplicate carries the same webhook-id, on
      // which receivers deduplicate, and its own attempt id, under which a receiver claims).
      const send = () => {
        const attemptId = `att_${randomBase62(16)}`;
        const sent = postJson(
          delivery.url,
          body,
          { ...headers, [ATTEMPT_HEADER]: attemptId },
          this.options.timeoutMs,
          this.options.urlPolicy,
          this.shutdown.signal,
        );
        return sent.then((answer): SentCopy => ({ attemptId, answer, released: false }));
      };
      const sends = [send()];
      if (this.faults.duplicateWebhook()) sends.push(send());
      const copies = await Promise.all(sends);
      if (this.stopped || !this.db.sql.isOpen) return;
      outcome = copies[0]!.answer;
      if (this.releasedByFailure(delivery, copies)) {
        outcome = { status: copies.find((c) => c.released)!.answer.status, error: null };
      }
    }
    if (this.stopped || !this.db.sql.isOpen) return;
    this.settle(delivery, outcome);
  }

  /**
   * A receiver that claimed the event under an attempt and then answered that attempt with a
   * 5xx started nothing (the contract asks receivers to answer 5xx only then; n8n answers 500
   * when it could not start the workflow the trigger returned): its claim is given back so the
   * retry is first again, and the delivery is retried even when another copy was answered 2xx
   * (that copy found the event claimed and did nothing). Timeouts and dropped answers keep the
   * claim: the receiver may have started, and a second run is worse than none for containment.
   */
  private releasedByFailure(delivery: DeliveryRow, copies: SentCopy[]): boolean {
    if (!delivery.webhook_id) return false;
    let released = false;
    for (const copy of copies) {
      const status = copy.answer.status;
      if (status === null || status < 500 || status > 599) continue;
      if (
        this.repos.eventClaims.releaseForAttempt(
          delivery.webhook_id,
          delivery.event_id,
          copy.attemptId,
        )
      ) {
        copy.released = true;
        released = true;
      }
    }
    return released;
  }

  private settle(delivery: DeliveryRow, outcome: PostOutcome): void {
    const code = outcome.status;
    if (code !== null && code >= 200 && code < 300) {
      this.finish(delivery, { status: 'succeeded', statusCode: code, error: null });
      return;
    }
    if (code === 410) {
      this.db.transaction(() => {
        this.finish(delivery, {
          status: 'failed',
          statusCode: code,
          error: 'the receiver answered 410 Gone',
        });
        if (delivery.webhook_id) {
          const reason = `The receiver answered 410 Gone on ${this.clock.iso()}.`;
          this.repos.webhooks.disable(delivery.webhook_id, reason);
          this.repos.deliveries.failPendingFor(
            delivery.webhook_id,
            'the subscription was disabled (410 Gone)',
            this.clock.now(),
          );
        }
      });
      this.log.info(`webhook ${delivery.webhook_id ?? delivery.url}: 410 Gone, disabled`);
      return;
    }
    const error = outcome.error ?? `HTTP ${code}`;
    const current = this.repos.deliveries.get(delivery.id);
    const attemptsMade = (current?.attempts ?? delivery.attempts) + 1;
    const delay = retryDelayMs(attemptsMade, this.options.timeScale);
    if (delay === null) {
      this.finish(delivery, { status: 'failed', statusCode: code, error });
      return;
    }
    const nowMs = this.clock.now();
    this.repos.deliveries.recordAttempt(delivery.id, {
      status: 'pending',
      statusCode: code,
      error,
      nextAttemptMs: nowMs + delay,
      nowMs,
    });
  }

  private finish(
    delivery: DeliveryRow,
    result: { status: 'succeeded' | 'failed'; statusCode: number | null; error: string | null },
  ): void {
    this.repos.deliveries.recordAttempt(delivery.id, {
      ...result,
      nextAttemptMs: null,
      nowMs: this.clock.now(),
    });
  }
}
