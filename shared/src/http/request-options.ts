/** Per-call options; each overrides the client's setting for this one call. */
export interface RequestOptions {
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  /** Epoch ms by which this call must be done; see the client's `deadline`. */
  deadline?: number;
  /** Makes a POST safe to retry; the same key is sent on every attempt. */
  idempotencyKey?: string;
  /** Extra headers, e.g. for a gateway in front of the API. */
  headers?: Record<string, string>;
  /** W3C trace context to propagate (`00-<trace id>-<span id>-<flags>`). */
  traceparent?: string;
}
