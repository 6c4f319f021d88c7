import type { Hono } from 'hono';
import type { DatabaseSync } from 'node:sqlite';
import { buildHonoApp } from './app';
import { primaryTenant, provisionTokens, type ProvisionedTokens } from './auth/provision';
import { SandboxClock } from './clock';
import { resolveConfig, type SandboxOptions } from './config';
import { SandboxDatabase } from './db/database';
import { createRepositories } from './db/repositories';
import { loadSeedOnce } from './db/seed-loader';
import { FaultInjector, parseFaultSpec, type FaultConfig } from './faults/config';
import { ActionLifecycle } from './guardrails/lifecycle';
import { ResponseActions } from './guardrails/response-actions';
import type { AppEnv } from './http/app-env';
import { IdempotencyGuard } from './idempotency/guard';
import { HuntRepository } from './db/hunts';
import { HuntRunner } from './hunts/hunt-runner';
import { Hunts } from './hunts/hunts';
import { TelemetrySource } from './telemetry/telemetry-source';
import { ConsoleLogger } from './logger';
import { RateLimiter } from './ratelimit/limiter';
import { createSimulator, generateSeed } from './seed';
import type { SandboxServices } from './services';
import { DetectionSimulator } from './simulate/detection-simulator';
import { CaseSummaries } from './summaries/case-summaries';
import { DecisionTrace } from './trace/ledger';
import { checkLedgerOnStart, recordDroppedGuards } from './trace/ledger-integrity';
import { loadOrCreateSigningKey } from './trace/signing-key';
import { TraceProofs } from './trace/trace-proofs';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { EventPublisher } from './webhooks/events';

/** A sandbox without a socket: call `app.request()` in tests, or hand `app.fetch` to a server. */
export interface SandboxApp {
  app: Hono<AppEnv>;
  services: SandboxServices;
  tokens: ProvisionedTokens;
  /** Every tenant id; the first is the primary customer tenant the default tokens act for. */
  tenants: string[];
  clock: { advance(ms: number): void };
  setFaults(faults: FaultConfig | null): void;
  /** The `node:sqlite` database, for tests that look underneath the API. */
  db: DatabaseSync;
  /** One step of the detection simulator (when `simulate` is on); tests call it to skip waiting. */
  simulateStep(): void;
  close(): Promise<void>;
}

/**
 * Builds a complete sandbox: database (seeded on first use), tokens, background workers
 * (webhook deliveries, action execution and expiry, summaries, the optional simulator) and
 * the HTTP app.
 */
export function createApp(options: SandboxOptions = {}): SandboxApp {
  const config = resolveConfig(options);
  const faults = new FaultInjector(
    typeof config.faults === 'string' ? parseFaultSpec(config.faults) : config.faults,
  );
  const clock = new SandboxClock();
  const log = new ConsoleLogger(config.log);
  const db = new SandboxDatabase(config.db);
  try {
    const repos = createRepositories(db);
    const trace = new DecisionTrace(db, clock);
    const ledgerOnStart = checkLedgerOnStart(db, trace, log);
    const traceProofs = new TraceProofs(trace, loadOrCreateSigningKey(db), clock);
    const wakeDispatcher = () => dispatcher.wake();
    const events = new EventPublisher(repos, clock, wakeDispatcher);
    const dispatcher = new WebhookDispatcher(db, repos, clock, faults, log, {
      timeScale: config.webhookTimeScale,
      timeoutMs: config.webhookTimeoutMs,
      urlPolicy: { allowLoopback: config.allowLoopbackWebhooks },
    });
    const guardrails = {
      db,
      repos,
      clock,
      trace,
      events,
      log,
      executionMs: config.actionExecutionMs,
    };
    const lifecycle = new ActionLifecycle(guardrails);
    const summaries = new CaseSummaries({
      db,
      repos,
      clock,
      trace,
      events,
      delayMs: config.summaryDelayMs,
    });
    loadSeedOnce(db, repos, trace, config.seed, generateSeed, clock.now());
    recordDroppedGuards(
      trace,
      repos.tenants.list().map((tenant) => tenant.id),
      ledgerOnStart.droppedGuards,
    );
    const tokens = db.transaction(() =>
      provisionTokens(repos, clock, config.adminToken, config.tokens),
    );
    for (const value of Object.values(tokens)) log.addSecret(value);

    const telemetry = new TelemetrySource(db, clock);
    const huntRepo = new HuntRepository(db);
    const huntRunner = new HuntRunner({
      db,
      hunts: huntRepo,
      source: telemetry,
      clock,
      trace,
      log,
      timeoutMs: config.queryTimeoutMs,
    });
    const hunts = new Hunts({
      db,
      hunts: huntRepo,
      devices: repos.devices,
      runner: huntRunner,
      clock,
      trace,
    });
    const services: SandboxServices = {
      config,
      db,
      repos,
      clock,
      log,
      trace,
      traceProofs,
      events,
      dispatcher,
      lifecycle,
      actions: new ResponseActions(guardrails, lifecycle),
      summaries,
      faults,
      rateLimiter: new RateLimiter(config.rateLimit, config.rateWindowSeconds, clock),
      idempotency: new IdempotencyGuard(repos, clock),
      telemetry,
      hunts,
    };
    const app = buildHonoApp(services);

    dispatcher.start();
    lifecycle.start();
    summaries.start();
    huntRunner.start();
    const simulator =
      config.simulateIntervalMs === null
        ? null
        : new DetectionSimulator(services, createSimulator, config.simulateIntervalMs);
    simulator?.start();
    const stopWatchingClock = clock.onAdvance(() => {
      lifecycle.scheduleExpiry();
      summaries.wake();
      dispatcher.wake();
    });

    const tenants = repos.tenants.list();
    const primary = primaryTenant(tenants);
    let closed: Promise<void> | null = null;
    return {
      app,
      services,
      tokens,
      tenants: [primary.id, ...tenants.filter((t) => t.id !== primary.id).map((t) => t.id)],
      clock: { advance: (ms: number) => clock.advance(ms) },
      setFaults: (next) => faults.set(next),
      db: db.sql,
      simulateStep: () => simulator?.tick(),
      close: () => {
        closed ??= (async () => {
          stopWatchingClock();
          simulator?.stop();
          summaries.stop();
          await huntRunner.stop();
          lifecycle.stop();
          await dispatcher.stop();
          db.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
