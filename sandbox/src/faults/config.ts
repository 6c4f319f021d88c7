/** Failures the sandbox injects on purpose, so clients can prove their retries and dedupe. */
export interface FaultConfig {
  /** Share of API requests (0–1) answered with one of `codes` instead of being served. */
  errorRate?: number;
  /** The statuses to pick from: 500, 503, 504 or 429 (default 500, 503). */
  codes?: number[];
  /** Added to every API request, in milliseconds. */
  latencyMs?: number;
  /**
   * `Retry-After` (seconds) sent with an injected 429, 503 or 504, to prove a client's handling
   * of a long one; by default a 429 says 1 and the others send none.
   */
  retryAfterSeconds?: number;
  /** Share of webhook attempts (0–1) that never reach the receiver; they are retried. */
  webhookDrop?: number;
  /** Share of webhook attempts (0–1) sent twice with the same webhook-id. */
  webhookDuplicate?: number;
  /**
   * Share of successful writes (POST, PATCH, DELETE; 0–1) whose change is stored and whose
   * answer then fails, as a proxy's timeout or a crash after the commit would: the only
   * faults that show whether a client's retry writes twice.
   */
  afterCommit?: number;
  /**
   * How those answers fail, picked at random: 500, 503 or 504 in the error envelope, `drop`
   * (the connection is closed with no answer) or `timeout` (no answer for
   * AFTER_COMMIT_TIMEOUT_MS, then the connection is closed). Default all five.
   */
  afterCommitFailures?: AfterCommitFailure[];
}

export const FAULT_CODES = [429, 500, 503, 504] as const;

export const AFTER_COMMIT_FAILURES = [500, 503, 504, 'drop', 'timeout'] as const;
export type AfterCommitFailure = (typeof AFTER_COMMIT_FAILURES)[number];

/** How long a `timeout` after-commit fault holds the answer before closing the connection. */
export const AFTER_COMMIT_TIMEOUT_MS = 30_000;

const KEYS: Record<string, keyof FaultConfig> = {
  error_rate: 'errorRate',
  codes: 'codes',
  latency_ms: 'latencyMs',
  retry_after: 'retryAfterSeconds',
  webhook_drop: 'webhookDrop',
  webhook_duplicate: 'webhookDuplicate',
  after_commit: 'afterCommit',
  after_commit_failures: 'afterCommitFailures',
};

const afterCommitFailureOf = (text: string): AfterCommitFailure | string => {
  const number = Number(text);
  return (AFTER_COMMIT_FAILURES as readonly unknown[]).includes(number)
    ? (number as AfterCommitFailure)
    : text;
};

const isAfterCommitFailure = (value: unknown): value is AfterCommitFailure =>
  (AFTER_COMMIT_FAILURES as readonly unknown[]).includes(value);

/**
 * `error_rate=0.2,codes=500|503|504|429,latency_ms=100,retry_after=30,webhook_drop=0.1,webhook_duplicate=0.1,after_commit=0.1,after_commit_failures=500|503|504|drop|timeout`.
 * Throws an error naming the bad part, so a typo in `--faults` stops the start.
 */
export function parseFaultSpec(spec: string): FaultConfig {
  const config: FaultConfig = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=', 2).map((p) => p.trim());
    const key = name ? KEYS[name] : undefined;
    if (!key || value === undefined || value === '') {
      throw new Error(
        `--faults: "${part}" is not name=value with a name among ${Object.keys(KEYS).join(', ')}`,
      );
    }
    if (key === 'codes') {
      config.codes = value.split('|').map((code) => Number(code));
    } else if (key === 'afterCommitFailures') {
      const failures = value.split('|').map((kind) => afterCommitFailureOf(kind.trim()));
      const unknown = failures.find((kind) => !isAfterCommitFailure(kind));
      if (unknown !== undefined) {
        throw new Error(
          `faults: after_commit_failures may be ${AFTER_COMMIT_FAILURES.join(', ')}; got ${unknown}`,
        );
      }
      config.afterCommitFailures = failures.filter(isAfterCommitFailure);
    } else {
      config[key] = Number(value);
    }
  }
  return validateFaults(config);
}

export function validateFaults(config: FaultConfig): FaultConfig {
  const share = (name: string, value: number | undefined) => {
    if (value !== undefined && !(value >= 0 && value <= 1)) {
      throw new Error(`faults: ${name} must be between 0 and 1, got ${value}`);
    }
  };
  share('error_rate', config.errorRate);
  share('webhook_drop', config.webhookDrop);
  share('webhook_duplicate', config.webhookDuplicate);
  share('after_commit', config.afterCommit);
  for (const kind of config.afterCommitFailures ?? []) {
    if (!isAfterCommitFailure(kind)) {
      throw new Error(
        `faults: after_commit_failures may be ${AFTER_COMMIT_FAILURES.join(', ')}; got ${String(kind)}`,
      );
    }
  }
  if (config.afterCommitFailures && config.afterCommitFailures.length === 0) {
    throw new Error('faults: after_commit_failures is empty');
  }
  if (config.latencyMs !== undefined && !(config.latencyMs >= 0 && config.latencyMs <= 60_000)) {
    throw new Error(`faults: latency_ms must be between 0 and 60000, got ${config.latencyMs}`);
  }
  const retryAfter = config.retryAfterSeconds;
  if (
    retryAfter !== undefined &&
    !(Number.isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= 86_400)
  ) {
    throw new Error(`faults: retry_after must be whole seconds from 0 to 86400, got ${retryAfter}`);
  }
  for (const code of config.codes ?? []) {
    if (!(FAULT_CODES as readonly number[]).includes(code)) {
      throw new Error(`faults: codes may be ${FAULT_CODES.join(', ')}; got ${code}`);
    }
  }
  if (config.codes && config.codes.length === 0) throw new Error('faults: codes is empty');
  return config;
}

/** Chance and choice behind the faults; a test can give its own for determinism. */
export type RandomSource = () => number;

export class FaultInjector {
  private config: FaultConfig | null;

  constructor(
    config: FaultConfig | null,
    private readonly random: RandomSource = Math.random,
  ) {
    this.config = config ? validateFaults(config) : null;
  }

  set(config: FaultConfig | null): void {
    this.config = config ? validateFaults({ ...config }) : null;
  }

  get current(): FaultConfig | null {
    return this.config;
  }

  latencyMs(): number {
    return this.config?.latencyMs ?? 0;
  }

  /** The status to fail this request with, or null to serve it. */
  requestFailure(): number | null {
    const rate = this.config?.errorRate ?? 0;
    if (rate <= 0 || this.random() >= rate) return null;
    const codes = this.config?.codes ?? [500, 503];
    return codes[Math.floor(this.random() * codes.length)] ?? 500;
  }

  /** The `Retry-After` seconds to send with an injected failure of `status`, or null for none. */
  retryAfterSeconds(status: number): number | null {
    if (status !== 429 && status !== 503 && status !== 504) return null;
    return this.config?.retryAfterSeconds ?? (status === 429 ? 1 : null);
  }

  /** How to fail the answer to a write that was just stored, or null to answer it. */
  afterCommitFailure(): AfterCommitFailure | null {
    const rate = this.config?.afterCommit ?? 0;
    if (rate <= 0 || this.random() >= rate) return null;
    const kinds = this.config?.afterCommitFailures ?? AFTER_COMMIT_FAILURES;
    return kinds[Math.floor(this.random() * kinds.length)] ?? 500;
  }

  dropWebhook(): boolean {
    const rate = this.config?.webhookDrop ?? 0;
    return rate > 0 && this.random() < rate;
  }

  duplicateWebhook(): boolean {
    const rate = this.config?.webhookDuplicate ?? 0;
    return rate > 0 && this.random() < rate;
  }
}
