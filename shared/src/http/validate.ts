import type { z } from 'zod';
import {
  InvalidInputError,
  ResponseValidationError,
  type FieldIssue,
} from '../errors/client-errors';
import { compiledCheck } from './compiled-check';

/** zod issues as `{field, issue}`, the field a dotted path under `prefix`. */
export function fieldIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: [...prefix, ...issue.path].map(String).join('.'),
    issue: issue.message,
  }));
}

/** Checks one part of a call's input; returns the parsed value or adds to `issues`. */
export function checkInput<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  issues: FieldIssue[],
  prefix: readonly PropertyKey[] = [],
): z.output<S> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...fieldIssues(result.error, prefix));
  return undefined;
}

export function throwIfInvalid(what: string, issues: FieldIssue[], secrets: readonly string[]) {
  if (issues.length > 0) throw new InvalidInputError(what, issues, { secrets });
}

/**
 * The server's answer, checked against the contract; unknown extra fields pass through. A value
 * the compiled check accepts is returned as it is, uncopied; anything else goes to zod, which
 * names the bad field (see `compiled-check.ts`).
 */
export function checkResponse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  context: { requestId: string | null; secrets: readonly string[] },
): z.output<S> {
  if (compiledCheck(schema)?.(value) === true) return value as z.output<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ResponseValidationError(what, fieldIssues(result.error), {
    requestId: context.requestId,
    secrets: context.secrets,
  });
}
