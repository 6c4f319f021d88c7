import {
  AuthenticationError,
  InvalidInputError,
  RateLimitError,
  SenseOnError,
  ValidationError,
  WebhookVerificationError,
  inputFieldsFor,
  redactText,
  type FieldIssue,
} from '@senseon/client';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { AUTH_FIELD_LABELS } from './fields/auth-fields';

/** Zapier's own errors pass through untouched (they are already what the platform expects). */
const ZAPIER_ERROR_NAMES = new Set([
  'AppError',
  'ThrottledError',
  'ExpiredAuthError',
  'RefreshAuthError',
  'HaltedError',
  'ResponseError',
]);

/**
 * `"IOC Value" (ioc_value)`, or the bare path when no input fills it. Which inputs fill an API
 * path is the core's one table (`inputFieldsFor`), the same n8n reads.
 */
function nameField(path: string, fields: readonly PlainInputField[]): string {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of inputFieldsFor(path)) {
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

/** A core error's sentence, with the fields named by their Zapier labels when it has any. */
function zapierMessage(error: SenseOnError, fields: readonly PlainInputField[]): string {
  const issues: readonly FieldIssue[] =
    error instanceof InvalidInputError || error instanceof ValidationError ? error.fields : [];
  if (issues.length === 0) return error.message;
  const text = [`Check your input: ${describeFields(issues, fields)}.`, error.advice];
  if (error.requestId) text.push(`[request ${error.requestId}]`);
  return text.filter(Boolean).join(' ');
}

/**
 * The one place where errors become what Zapier shows, from the core error's own fields: its
 * message (with the core's advice, once), code and status. 401 → ExpiredAuthError (the user
 * must reconnect), 429 → ThrottledError with `retryAfterSeconds` (Zapier retries the task
 * then), bad input → the fields named by their labels, anything else from SenseOn →
 * `z.errors.Error(message, code, status)`.
 */
export function toZapierError(z: ZObject, error: unknown, context: ErrorContext = {}): Error {
  const secrets = context.secrets ?? [];
  // The connection's fields too: a bad base URL or tenant id fails in any step.
  const fields = [...(context.fields ?? []), ...AUTH_FIELD_LABELS];
  const clean = (message: string) => redactText(message, secrets);
  if (error instanceof Error && ZAPIER_ERROR_NAMES.has(error.name)) return error;
  if (error instanceof AuthenticationError) {
    return new z.errors.ExpiredAuthError(clean(error.message));
  }
  if (error instanceof RateLimitError) {
    return new z.errors.ThrottledError(clean(error.message), error.retryAfterSeconds ?? undefined);
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
  if (error instanceof SenseOnError) {
    const status = error.status ?? (error instanceof InvalidInputError ? 400 : undefined);
    return new z.errors.Error(
      clean(zapierMessage(error, fields)),
      error.code ?? error.name,
      status,
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
