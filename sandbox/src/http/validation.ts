import type { z } from 'zod';
import type { ErrorDetail } from '@senseon/client';
import { ApiError } from './errors';
import { MAX_JSON_DEPTH, tooDeepPath } from './json-depth';

type Issue = z.core.$ZodIssue;

/** Zod's issues as the API's `details`: one entry per field, named by its path. */
export function issuesToDetails(issues: readonly Issue[], prefix: string[] = []): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        details.push({ field: [...path, key].join('.'), issue: 'is not a known field' });
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that came closest, rather than "Invalid input" for the whole union:
      // the one that knows every field given, then the one with the fewest complaints.
      const score = (branch: readonly Issue[]) =>
        (branch.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0) ? 1e9 : 0) +
        branch.length;
      const closest = [...issue.errors].sort((a, b) => score(a) - score(b))[0] as Issue[];
      details.push(...issuesToDetails(closest, path));
    } else {
      details.push({ field: path.join('.') || 'body', issue: describe(issue) });
    }
  }
  return details;
}

function describe(issue: Issue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message))
    return 'is required';
  return issue.message;
}

export function validationFailure(details: ErrorDetail[]): ApiError {
  const summary = details
    .slice(0, 5)
    .map((d) => `${d.field}: ${d.issue}`)
    .join('; ');
  return new ApiError('VALIDATION_ERROR', `Invalid request. ${summary}`, details);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix: string[] = []) {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailure(issuesToDetails(result.error.issues, prefix));
  return result.data as z.output<S>;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The field's own type under optional/default/nullable wrappers. */
function baseType(schema: z.ZodType): string {
  let current = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return def.type;
  }
  return defOf(current).type;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A query string as the schema's types: repeated (or comma-separated) parameters become
 * arrays, numbers become numbers, `true`/`false` booleans. Anything that does not convert is
 * passed on as text, so the schema names the field in its error.
 */
export function queryToInput(
  schema: z.ZodObject,
  params: URLSearchParams,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    const field = shape[name];
    const type = field ? baseType(field) : 'unknown';
    if (type === 'array') {
      out[name] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
      continue;
    }
    const converted = values.map((v) => {
      if (type === 'number' && NUMBER.test(v)) return Number(v);
      if (type === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
      return v;
    });
    out[name] = converted.length === 1 ? converted[0] : converted;
  }
  return out;
}

/**
 * The body as JSON; an empty body is `{}` so that required fields are named as missing. JSON
 * nested deeper than `MAX_JSON_DEPTH` is refused here, naming the field, before any recursive
 * code sees it.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    // The parser quotes the body back; a body can hold a secret, so the quote is dropped.
    const reason = (error instanceof Error ? error.message : 'parse error')
      .replace(/"[^"]*"/g, '…')
      .replace(/'[^']*'/g, '…');
    throw new ApiError('VALIDATION_ERROR', `The request body is not valid JSON: ${reason}`, [
      { field: 'body', issue: `is not valid JSON (${reason})` },
    ]);
  }
  const deep = tooDeepPath(json);
  if (deep !== null) {
    const field = deep.join('.') || 'body';
    throw new ApiError(
      'VALIDATION_ERROR',
      `Invalid request. ${field}: nests deeper than ${MAX_JSON_DEPTH} levels`,
      [{ field, issue: `nests deeper than ${MAX_JSON_DEPTH} levels` }],
    );
  }
  return json;
}
