import type { FaultConfig } from './faults/config';

/** A token the sandbox should accept, given by value (`--token`, `tokens` option). */
export interface TokenSpec {
  value: string;
  scopes: string[];
  /** Also the principal the token acts as; defaults to `token-<n>`. */
  name?: string;
  /** Tenants it may act for, its own first; defaults to the primary customer tenant. */
  tenants?: string[];
}

/** Everything `startSandbox` and `createApp` accept; the CLI flags and env vars map onto it. */
export interface SandboxOptions {
  /** 0 picks any free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A file, or `:memory:` (default). With a file, everything survives a restart. */
  db?: string;
  /** The seed of the generated data set; the same seed gives the same data. Default 42. */
  seed?: number;
  /** Requests per window per token. Default 1000. */
  rateLimit?: number;
  /** Default 60. */
  rateWindowSeconds?: number;
  faults?: string | FaultConfig;
  /** New observations (and now and then a case) keep arriving; default every 5 s. */
  simulate?: boolean | { intervalMs: number };
  /** Scales the webhook retry schedule (0.001 turns 30 s into 30 ms). Default 1. */
  webhookTimeScale?: number;
  /** How long a receiver may take to answer a delivery. Default 10000. */
  webhookTimeoutMs?: number;
  /**
   * Whether webhook and callback URLs may point at loopback (127.0.0.0/8, ::1, localhost).
   * Default true: local receivers are what the sandbox is for. Private, link-local and
   * metadata addresses are refused either way.
   */
  allowLoopbackWebhooks?: boolean;
  /** How long an AI summary takes to generate. Default 1000. */
  summaryDelayMs?: number;
  /** How long an approved response action takes to run. Default 200. */
  actionExecutionMs?: number;
  /**
   * How long one telemetry read or hunt may scan before it ends as "a database query timed out"
   * (504 for a read, `timed_out` for a hunt). Default 30000.
   */
  queryTimeoutMs?: number;
  /** The admin token's value; generated when absent. */
  adminToken?: string;
  tokens?: TokenSpec[];
  /** One line per request on stdout. Default false (the CLI turns it on). */
  log?: boolean;
}

export interface SandboxConfig {
  port: number;
  host: string;
  db: string;
  seed: number;
  rateLimit: number;
  rateWindowSeconds: number;
  faults: string | FaultConfig | null;
  simulateIntervalMs: number | null;
  webhookTimeScale: number;
  webhookTimeoutMs: number;
  allowLoopbackWebhooks: boolean;
  summaryDelayMs: number;
  actionExecutionMs: number;
  queryTimeoutMs: number;
  adminToken: string | null;
  tokens: TokenSpec[];
  log: boolean;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_SEED = 42;
export const DEFAULT_SIMULATE_INTERVAL_MS = 5_000;

function check(name: string, value: number, min: number, max: number, integer = true): number {
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new Error(
      `${name} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got ${value}`,
    );
  }
  return value;
}

/** Fills in defaults and rejects nonsense early, naming the option. */
export function resolveConfig(options: SandboxOptions = {}): SandboxConfig {
  const simulate = options.simulate;
  const simulateIntervalMs =
    simulate === undefined || simulate === false
      ? null
      : simulate === true
        ? DEFAULT_SIMULATE_INTERVAL_MS
        : check('simulate.intervalMs', simulate.intervalMs, 10, 3_600_000);
  return {
    port: check('port', options.port ?? DEFAULT_PORT, 0, 65535),
    host: options.host ?? '127.0.0.1',
    db: options.db ?? ':memory:',
    seed: check('seed', options.seed ?? DEFAULT_SEED, 0, 2 ** 31 - 1),
    rateLimit: check('rateLimit', options.rateLimit ?? 1000, 1, 10_000_000),
    rateWindowSeconds: check('rateWindowSeconds', options.rateWindowSeconds ?? 60, 1, 86_400),
    faults: options.faults ?? null,
    simulateIntervalMs,
    webhookTimeScale: check(
      'webhookTimeScale',
      options.webhookTimeScale ?? 1,
      0.000001,
      1000,
      false,
    ),
    webhookTimeoutMs: check('webhookTimeoutMs', options.webhookTimeoutMs ?? 10_000, 1, 600_000),
    allowLoopbackWebhooks: options.allowLoopbackWebhooks ?? true,
    summaryDelayMs: check('summaryDelayMs', options.summaryDelayMs ?? 1_000, 0, 3_600_000),
    actionExecutionMs: check('actionExecutionMs', options.actionExecutionMs ?? 200, 0, 3_600_000),
    queryTimeoutMs: check('queryTimeoutMs', options.queryTimeoutMs ?? 30_000, 0, 3_600_000),
    adminToken: options.adminToken ?? null,
    tokens: options.tokens ?? [],
    log: options.log ?? false,
  };
}
