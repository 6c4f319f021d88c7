import { checkClientOptions, type SenseOnClientOptions } from './client-options';
import { sharedPacer } from './http/header-pacer';
import { DEFAULT_RATE_LIMIT, sharedLimiter } from './http/rate-limiter';
import { Requester } from './http/requester';
import { DEFAULT_RETRY_POLICY } from './http/retry';
import { normaliseBaseUrl } from './http/url';
import { ActionsResource } from './resources/actions';
import { CasesResource } from './resources/cases';
import { DevicesResource } from './resources/devices';
import { EventsResource } from './resources/events';
import { HuntsResource } from './resources/hunts';
import { MeResource } from './resources/me';
import { ObservationsResource } from './resources/observations';
import { PatsResource } from './resources/pats';
import { TelemetryResource } from './resources/telemetry';
import { TraceResource } from './resources/trace';
import { UsersResource } from './resources/users';
import { ScriptsResource } from './resources/scripts';
import { WebhooksResource } from './resources/webhooks';
import type { RequestOptions } from './http/request-options';
import type { Me } from './schemas/me';
import type { Platform } from './transport/platform';

/**
 * The SenseOn API v1, one property per resource, on whatever platform is passed in. It names
 * no platform itself: `SenseOnClient` is this with Node's, and n8n's package passes n8n's, so
 * a bundle that only uses this class carries nothing of the others.
 */
export class BaseSenseOnClient {
  readonly cases: CasesResource;
  readonly actions: ActionsResource;
  readonly devices: DevicesResource;
  readonly observations: ObservationsResource;
  readonly events: EventsResource;
  readonly webhooks: WebhooksResource;
  readonly pats: PatsResource;
  readonly trace: TraceResource;
  readonly users: UsersResource;
  readonly telemetry: TelemetryResource;
  readonly hunts: HuntsResource;
  readonly scripts: ScriptsResource;
  readonly baseUrl: string;
  readonly #me: MeResource;

  constructor(options: SenseOnClientOptions, platform: Platform) {
    checkClientOptions(options);
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    const sleep = options.sleep ?? platform.sleep;
    // The server counts per key: the token names it, or the budget key where the transport
    // authenticates (the two never meet: a budget key is hashed as a token would be).
    const budget = options.budgetKey === undefined ? options.token : `budget:${options.budgetKey}`;
    const retry = options.retry ?? {};
    const defaults = DEFAULT_RETRY_POLICY;
    const requester = new Requester({
      baseUrl: this.baseUrl,
      token: options.token,
      tenantId: options.tenantId,
      transport: options.transport ?? platform.transport(),
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: {
        maxRetries: options.maxRetries ?? defaults.maxRetries,
        baseDelayMs: retry.baseDelayMs ?? defaults.baseDelayMs,
        maxDelayMs: retry.maxDelayMs ?? defaults.maxDelayMs,
        maxRetryAfterMs: retry.maxRetryAfterMs ?? defaults.maxRetryAfterMs,
        waitOnRateLimit: retry.waitOnRateLimit ?? defaults.waitOnRateLimit,
      },
      deadline: options.deadline,
      limiter: rateLimit === false ? null : sharedLimiter(this.baseUrl, budget, rateLimit, sleep),
      pacer:
        rateLimit === false ? null : sharedPacer(this.baseUrl, budget, { now: Date.now, sleep }),
      userAgent: options.userAgent,
      runtime: platform.runtime(),
      traceparent: options.traceparent,
      sleep,
      random: options.random ?? Math.random,
      now: Date.now,
    });
    this.cases = new CasesResource(requester);
    this.actions = new ActionsResource(requester);
    this.devices = new DevicesResource(requester);
    this.observations = new ObservationsResource(requester);
    this.events = new EventsResource(requester);
    this.webhooks = new WebhooksResource(requester);
    this.pats = new PatsResource(requester);
    this.trace = new TraceResource(requester);
    this.users = new UsersResource(requester);
    this.telemetry = new TelemetryResource(requester);
    this.hunts = new HuntsResource(requester);
    this.scripts = new ScriptsResource(requester);
    this.#me = new MeResource(requester);
  }

  /** Who the token is (`GET /me`): use it to test credentials and to label a connection. */
  me(options?: RequestOptions): Promise<Me> {
    return this.#me.retrieve(options);
  }

  /** Never show the token, even when the client itself is logged. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl };
  }
}
