import {
  ApiError,
  AuthenticationError,
  InvalidInputError,
  RateLimitError,
  SenseOnError,
  ValidationError,
  WebhookVerificationError,
  redactText,
  type FieldIssue,
} from '@senseon/client';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { AUTH_FIELD_LABELS } from './fields/auth-fields';

/**
 * API paths in the server's or the core's field errors → the Zapier input that fills them, so
 * "target.ioc.value is not a sha256 hash" tells the user which box to correct.
 */
const PATH_TO_INPUT: Record<string, string[]> = {
  'target.device_id': ['target_device_id', 'device_id'],
  'target.user_id': ['target_user_id'],
  'target.ioc': ['ioc_value'],
  'target.ioc.value': ['ioc_value'],
  'target.ioc.type': ['ioc_type'],
  target: ['target_device_id', 'target_user_id', 'ioc_value', 'device_id'],
};

/** Zapier's own errors pass through untouched (they are already what the platform expects). */
const ZAPIER_ERROR_NAMES = new Set([
  'AppError',
  'ThrottledError',
  'ExpiredAuthError',
  'RefreshAuthError',
  'HaltedError',
  'ResponseError',
]);

/** `"IOC Value" (ioc_value)`, or the bare path when no input fills it. */
function nameField(path: string, fields: readonly PlainInputField[]): string {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const candidates = [path, ...(PATH_TO_INPUT[path] ?? [])];
  for (const key of candidates) {
    const field = byKey.get(key);
    if (field) return `"${field.label ?? field.key}" (${field.key})`;
  }
  return path ? `"${path}"` : 'the input';
}

function describeFields(issues: readonly FieldIssue[], fields: readonly PlainInputField[]): string {
  return issues.map((i) => `${nameField(i.field, fields)} ${i.issue}`).join('; ');
}

export interface ErrorContext {
  /** The input fields of the step that failed, to name them by their labels. */
  fields?: readonly PlainInputField[];
  /** The token: never in a message, whatever the server echoed. */
  secrets?: readonly string[];
}

/**
 * The one place where errors become what Zapier shows: the client core's error classes, each
 * with its own Zapier meaning. 401 → ExpiredAuthError (the user must reconnect), 429 →
 * ThrottledError (Zapier retries after the server's delay), bad input → an error naming the
 * field, other API errors → `z.errors.Error(message, code, status)`.
 */
export function toZapierError(z: ZObject, error: unknown, context: ErrorContext = {}): Error {
  const secrets = context.secrets ?? [];
  // The connection's fields too: a bad base URL or tenant id fails in any step.
  const fields = [...(context.fields ?? []), ...AUTH_FIELD_LABELS];
  const clean = (message: string) => redactText(message, secrets);
  if (error instanceof Error && ZAPIER_ERROR_NAMES.has(error.name)) return error;
  if (error instanceof AuthenticationError) {
    return new z.errors.ExpiredAuthError(
      clean(
        'SenseOn did not accept the personal access token: it is invalid, expired or revoked. ' +
          'Create a new personal access token in SenseOn and reconnect the SenseOn account in Zapier.',
      ),
    );
  }
  if (error instanceof RateLimitError) {
    return new z.errors.ThrottledError(clean(error.message), error.retryAfterSeconds ?? undefined);
  }
  if (error instanceof InvalidInputError || error instanceof ValidationError) {
    const issues = error instanceof InvalidInputError ? error.fields : error.fields;
    const text = issues.length > 0 ? describeFields(issues, fields) : error.message;
    const code =
      error instanceof InvalidInputError ? 'INVALID_INPUT' : (error.code ?? 'VALIDATION_ERROR');
    return new z.errors.Error(clean(`Check your input: ${text}.`), code, 400);
  }
  if (error instanceof WebhookVerificationError) {
    return new z.errors.Error(
      clean(
        `Rejected a SenseOn delivery that failed verification (${error.reason}): ${error.message}`,
      ),
      'INVALID_SIGNATURE',
      401,
    );
  }
  if (error instanceof ApiError) {
    return new z.errors.Error(clean(error.message), error.code ?? error.name, error.status);
  }
  if (error instanceof SenseOnError) {
    return new z.errors.Error(
      clean(error.message),
      error.code ?? error.name,
      error.status ?? undefined,
    );
  }
  if (error instanceof Error) {
    error.message = clean(error.message);
    return error;
  }
  return new Error(clean(String(error)));
}

/**
 * Wraps a perform function so every error it throws goes through `toZapierError`, with the step's
 * fields (to name them) and the connection's token (to keep it out of every message).
 */
export function handled<B extends Bundle, R>(
  perform: (z: ZObject, bundle: B) => Promise<R>,
  fields: readonly PlainInputField[] = [],
): (z: ZObject, bundle: B) => Promise<R> {
  return async (z, bundle) => {
    try {
      return await perform(z, bundle);
    } catch (error) {
      const token = bundle.authData?.token;
      throw toZapierError(z, error, { fields, secrets: token ? [token] : [] });
    }
  };
}
