import { redactText, redactValue } from './redact';

export interface SenseOnErrorInit {
  status?: number | null;
  code?: string | null;
  requestId?: string | null;
  details?: unknown;
  cause?: unknown;
  /** What to do next, written once here; connectors present it, never write their own. */
  advice?: string | null;
  /** Values (the token) to scrub from the message and details before anything can log them. */
  secrets?: readonly string[];
}

/** `What went wrong. What to do next. [request req_…]`: the one way a message is composed. */
function compose(problem: string, advice: string | null, requestId: string | null): string {
  const text = advice ? `${problem} ${advice}` : problem;
  return requestId ? `${text} [request ${requestId}]` : text;
}

/**
 * The base of every error the client throws. What is known about a failure is a field
 * (`status`, `code`, `requestId`, `advice`, and in subclasses `field`, `resourceId`,
 * `missingScope`…), so connectors present it without parsing the message; `message` is those
 * fields composed for whoever only prints it.
 */
export class SenseOnError extends Error {
  /** The HTTP status, or null when no response arrived or the error is client-side. */
  readonly status: number | null;
  /** The API's `error.code` (`INVALID_CASE_ID`…), or a client code. */
  readonly code: string | null;
  /** `X-Request-Id` of the response: quote it to SenseOn support. */
  readonly requestId: string | null;
  readonly details: unknown;
  /** What went wrong, without the advice or the request id. */
  readonly problem: string;
  /** What to do next, or null when there is nothing better than trying again. */
  readonly advice: string | null;

  constructor(problem: string, init: SenseOnErrorInit = {}) {
    const advice = init.advice ? redactText(init.advice, init.secrets) : null;
    const requestId = init.requestId ?? null;
    // Redact before super(): V8 renders the message into `stack` at construction.
    const clean = redactText(problem, init.secrets);
    super(
      compose(clean, advice, requestId),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'SenseOnError';
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.requestId = requestId;
    this.details = redactValue(init.details ?? null, init.secrets);
    this.problem = clean;
    this.advice = advice;
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
