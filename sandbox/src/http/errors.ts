import type { ErrorCode, ErrorDetail } from '@senseon/client';

const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INVALID_CASE_ID: 404,
  INVALID_ACTION_ID: 404,
  INVALID_ENDPOINT_ID: 404,
  INVALID_PAT_ID: 404,
  INVALID_SCRIPT_ID: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_HEADERS_TOO_LARGE: 431,
  INVALID_DEVICES: 422,
  // A run's parameters that fail the script's JSON Schema: a validation error of its own code.
  INVALID_SCRIPT_INPUT: 400,
  STEP_UP_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  GATEWAY_TIMEOUT: 504,
};

/** The error of a status when a fault or a framework error gives only the status. */
export const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'INVALID_DEVICES',
  428: 'STEP_UP_REQUIRED',
  429: 'RATE_LIMITED',
  431: 'REQUEST_HEADERS_TOO_LARGE',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** An answer in the API's error envelope; thrown by handlers, rendered by the app's error handler. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS_OF[code];
    this.details = details;
    this.headers = headers;
  }

  body(requestId: string) {
    return {
      error: { code: this.code, message: this.message, details: this.details },
      request_id: requestId,
    };
  }
}

export const validationError = (field: string, issue: string): ApiError =>
  new ApiError('VALIDATION_ERROR', `${field} ${issue}`, [{ field, issue }]);

export const forbidden = (message: string, details: ErrorDetail[] = []): ApiError =>
  new ApiError('FORBIDDEN', message, details);

export const conflict = (message: string, field?: string): ApiError =>
  new ApiError('CONFLICT', message, field ? [{ field, issue: message }] : []);

/** 404 with the code the contract gives each kind of id. */
export const notFound = (
  code: Extract<
    ErrorCode,
    | 'INVALID_CASE_ID'
    | 'INVALID_ACTION_ID'
    | 'INVALID_ENDPOINT_ID'
    | 'INVALID_PAT_ID'
    | 'INVALID_SCRIPT_ID'
    | 'NOT_FOUND'
  >,
  field: string,
  id: string,
  what: string,
): ApiError =>
  new ApiError(code, `${field}: no ${what} ${id} exists for this tenant.`, [
    { field, issue: `no ${what} with this id` },
  ]);
