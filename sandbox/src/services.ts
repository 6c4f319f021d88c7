import type { SandboxClock } from './clock';
import type { TelemetrySource } from './telemetry/telemetry-source';
import type { SandboxConfig } from './config';
import type { SandboxDatabase } from './db/database';
import type { Repositories } from './db/repositories';
import type { FaultInjector } from './faults/config';
import type { ActionLifecycle } from './guardrails/lifecycle';
import type { ResponseActions } from './guardrails/response-actions';
import type { Hunts } from './hunts/hunts';
import type { IdempotencyGuard } from './idempotency/guard';
import type { ConsoleLogger } from './logger';
import type { RateLimiter } from './ratelimit/limiter';
import type { CaseSummaries } from './summaries/case-summaries';
import type { DecisionTrace } from './trace/ledger';
import type { TraceProofs } from './trace/trace-proofs';
import type { WebhookDispatcher } from './webhooks/dispatcher';
import type { EventPublisher } from './webhooks/events';

/** Everything a handler can use; built once per sandbox by `createSandboxServices`. */
export interface SandboxServices {
  config: SandboxConfig;
  db: SandboxDatabase;
  repos: Repositories;
  clock: SandboxClock;
  log: ConsoleLogger;
  trace: DecisionTrace;
  traceProofs: TraceProofs;
  events: EventPublisher;
  dispatcher: WebhookDispatcher;
  lifecycle: ActionLifecycle;
  actions: ResponseActions;
  summaries: CaseSummaries;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyGuard;
  telemetry: TelemetrySource;
  hunts: Hunts;
}
