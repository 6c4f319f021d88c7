import { InvalidInputError } from '../errors';
import type { FieldSpec } from './fields';

type OptionOf<F extends FieldSpec> = F extends { options: readonly (infer O extends string)[] }
  ? O
  : string;

/** The value a field gives its operation, once read. */
type ValueOf<F extends FieldSpec> = F['type'] extends 'number'
  ? number
  : F['type'] extends 'boolean'
    ? boolean
    : F['type'] extends 'multiOptions'
      ? OptionOf<F>[]
      : F['type'] extends 'options'
        ? OptionOf<F>
        : string;

/** Present when required and always shown, or when it has a default; else maybe missing. */
type Filled<F extends FieldSpec> = F extends { showWhen: object }
  ? ValueOf<F> | undefined
  : F extends { required: true } | { default: string | number | boolean }
    ? ValueOf<F>
    : ValueOf<F> | undefined;

/** An operation's input, typed from its fields: `input.case_id` is a string when required. */
export type InputOf<Fields extends readonly FieldSpec[]> = {
  readonly [F in Fields[number] as F['name']]: Filled<F>;
};

const problem = (field: FieldSpec, issue: string) =>
  new InvalidInputError('this step', [{ field: field.name, issue }]);

/** No-code users give "not set" as empty text, null or nothing. */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

function oneOf(field: FieldSpec, text: string): string {
  if (field.options && !field.options.includes(text)) {
    throw problem(field, `must be one of ${field.options.join(', ')}, got "${text}"`);
  }
  return text;
}

/**
 * One field's value the way no-code users give it: numbers may come as text, lists as
 * comma-separated text or arrays, booleans as "true"/"yes".
 */
function valueOf(field: FieldSpec, raw: unknown): unknown {
  switch (field.type) {
    case 'number': {
      const text = textOf(raw);
      if (text === undefined) return undefined;
      const value = Number(text);
      if (!Number.isFinite(value)) throw problem(field, `must be a number, got "${text}"`);
      return value;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const text = textOf(raw);
      return text === undefined ? undefined : /^(true|yes|1)$/i.test(text);
    }
    case 'multiOptions': {
      const items = commaList(raw);
      return items?.map((item) => oneOf(field, item));
    }
    case 'options': {
      const text = textOf(raw);
      return text === undefined ? undefined : oneOf(field, text);
    }
    default:
      return textOf(raw);
  }
}

/** Whether a field shows, given the other values already read. */
export function isShown(field: FieldSpec, values: Record<string, unknown>): boolean {
  return Object.entries(field.showWhen ?? {}).every(([controller, allowed]) =>
    allowed.includes(String(values[controller] ?? '')),
  );
}

/**
 * Reads connector input (by API field name, as both connectors give it) into the operation's
 * typed input: empty means "not set", defaults fill gaps, a required field that shows must be
 * filled, and a field that does not show is left out, whatever a stale value says.
 */
export function readOperationInput<Fields extends readonly FieldSpec[]>(
  fields: Fields,
  raw: Record<string, unknown>,
): InputOf<Fields> {
  const values: Record<string, unknown> = {};
  // Controlling fields first, so a dependent field can ask whether it shows.
  const ordered = [...fields].sort((a, b) => Number(!!a.showWhen) - Number(!!b.showWhen));
  for (const field of ordered) {
    if (!isShown(field, values)) continue;
    const value = valueOf(field, raw[field.name]) ?? field.default;
    if (value === undefined && field.required) throw problem(field, 'is required and was empty');
    if (value !== undefined) values[field.name] = value;
  }
  // The one place untyped connector input becomes typed: every field was checked above
  // against its spec, which is what InputOf derives the types from.
  return values as InputOf<Fields>;
}

/** A value a field must have here, though its spec allows it to be missing elsewhere. */
export function present<T>(value: T | undefined, field: FieldSpec): T {
  if (value === undefined) throw problem(field, 'is required and was empty');
  return value;
}

/** "a, b" or ["a", "b"] → ["a", "b"]; nothing → undefined. */
export function commaList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = (Array.isArray(value) ? value : String(value).split(','))
    .map((item) => String(item).trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}
