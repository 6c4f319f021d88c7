import { SenseOnError, type SenseOnErrorInit } from './senseon-error';
import { systemCodeOf } from './system-errors';
import { BASE_URL_SHAPE, showBaseUrl } from './base-url';

export interface ConnectionErrorInit extends SenseOnErrorInit {
  /** The system code (`ECONNREFUSED`) when the transport attaches no cause that holds it. */
  systemCode?: string | null;
}

/** No response arrived: DNS, refused connection, reset, TLS. Safe requests are retried. */
export class ConnectionError extends SenseOnError {
  /** Why no answer came, as Node names it (`ECONNREFUSED`), or null if unknown. */
  readonly systemCode: string | null;
  constructor(message: string, init: ConnectionErrorInit = {}) {
    const { systemCode, ...rest } = init;
    super(message, { code: 'CONNECTION_ERROR', ...rest });
    this.name = 'ConnectionError';
    this.systemCode = systemCode ?? systemCodeOf(init.cause);
  }
}

/** No response within `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number, init: ConnectionErrorInit = {}) {
    super(message, { code: 'TIMEOUT', ...init });
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired; never retried. */
export class RequestAbortedError extends SenseOnError {
  constructor(message = 'The request was aborted by the caller.', init: SenseOnErrorInit = {}) {
    super(message, { code: 'ABORTED', ...init });
    this.name = 'RequestAbortedError';
  }
}

export interface FieldIssue {
  /** Dotted path of the bad field, e.g. `target.device_id` or `observations.3.title`. */
  field: string;
  issue: string;
}

function listFields(fields: FieldIssue[]): string {
  return fields.map((f) => `${f.field || '(input)'}: ${f.issue}`).join('; ');
}

/** Input rejected before anything was sent. */
export class InvalidInputError extends SenseOnError {
  readonly fields: FieldIssue[];
  /** The first field at fault, as the API names it (`target.ioc.value`); null if none named. */
  readonly field: string | null;
  constructor(what: string, fields: FieldIssue[], init: SenseOnErrorInit = {}) {
    super(`Invalid input for ${what}: ${listFields(fields)}.`, {
      code: 'INVALID_INPUT',
      details: fields,
      advice: `Correct ${fields.length === 1 ? 'this field' : 'these fields'}: nothing was sent.`,
      ...init,
    });
    this.name = 'InvalidInputError';
    // The redacted copy the base class made, never the raw input.
    this.fields = this.details as FieldIssue[];
    this.field = this.fields[0]?.field ?? null;
  }
}

export interface ResponseValidationErrorInit extends SenseOnErrorInit {
  /**
   * Set when the answer cannot be the API's at all (not JSON: a web page), so the base URL is
   * what is wrong, and the message names it; without it, a JSON answer of another shape may
   * also mean this client is older than the API.
   */
  notTheApiAt?: string;
}

/** The server's answer did not have the documented shape (a wrong type, a missing field). */
export class ResponseValidationError extends SenseOnError {
  readonly issues: FieldIssue[];
  constructor(what: string, issues: FieldIssue[], init: ResponseValidationErrorInit = {}) {
    const { notTheApiAt, ...rest } = init;
    const answered = `${what} with an unexpected shape: ${listFields(issues)}`;
    super(
      notTheApiAt === undefined
        ? `SenseOn answered ${answered}.`
        : `The base URL ${showBaseUrl(notTheApiAt)} did not answer like the SenseOn API (${answered}).`,
      {
        code: notTheApiAt === undefined ? 'INVALID_RESPONSE' : 'WRONG_BASE_URL',
        details: issues,
        advice:
          notTheApiAt === undefined
            ? 'Check that the base URL points at the SenseOn API v1, or update @senseon/client.'
            : `Check the base URL in the connection: ${BASE_URL_SHAPE}.`,
        ...rest,
      },
    );
    this.name = 'ResponseValidationError';
    this.issues = this.details as FieldIssue[];
  }
}

/** The AI summary was not ready in time. */
export class SummaryTimeoutError extends SenseOnError {
  readonly caseId: string;
  readonly waitedMs: number;
  constructor(caseId: string, waitedMs: number) {
    super(`The AI summary of ${caseId} was not ready after ${Math.round(waitedMs / 1000)} s.`, {
      code: 'SUMMARY_TIMEOUT',
      details: { case_id: caseId, waited_ms: waitedMs },
      advice:
        'It is still being generated: get it later, or wait for the summary.generated webhook.',
    });
    this.name = 'SummaryTimeoutError';
    this.caseId = caseId;
    this.waitedMs = waitedMs;
  }
}
