import { redactText, redactValue } from './redact';

export interface SenseOnErrorInit {
  status?: number | null;
  code?: string | null;
  requestId?: string | null;
  details?: unknown;
  cause?: unknown;
  /** Values (the token) to scrub from the message and details before anything can log them. */
  secrets?: readonly string[];
}

/** The base of every error the client throws. */
export class SenseOnError extends Error {
  /** The HTTP status, or null when no response arrived or the error is client-side. */
  readonly status: number | null;
  /** The API's `error.code` (`INVALID_CASE_ID`…), or a client code. */
  readonly code: string | null;
  /** `X-Request-Id` of the response: quote it to SenseOn support. */
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(message: string, init: SenseOnErrorInit = {}) {
    // Redact before super(): V8 renders the message into `stack` at construction.
    super(
      redactText(message, init.secrets),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'SenseOnError';
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.requestId = init.requestId ?? null;
    this.details = redactValue(init.details ?? null, init.secrets);
  }

  /**
   * What `JSON.stringify(err)` shows: the name, the message and the public fields a subclass
   * adds (`fields`, `resourceId`…). Never the request, so never its Authorization header.
   */
  toJSON(): Record<string, unknown> {
    const fields = { ...this } as Record<string, unknown>;
    return { ...fields, name: this.name, message: this.message };
  }
}
