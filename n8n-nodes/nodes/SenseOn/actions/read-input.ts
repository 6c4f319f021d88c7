import type { CatalogVersion, FieldSpec } from '@senseon/client';
import type { IExecuteFunctions } from 'n8n-workflow';
import { collectionOf, isCollected } from './collections';
import type { NodeOperation } from './operations';

/** "2026-11-23T09:00:00" (no zone) in `timeZone` → the offset of that zone then, in minutes. */
function zoneOffsetMinutes(wallTime: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(wallTime);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - wallTime.getTime()) / 60_000);
}

/**
 * The API wants RFC 3339 with a zone. n8n's date picker gives wall time in the workflow's time
 * zone without one; expressions may give either. Anything unparseable is passed on unchanged,
 * so the API's validation names the field.
 */
export function toRfc3339(value: string, timeZone: string): string {
  const text = value.trim();
  if (text === '') return text;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const parsed = new Date(hasZone ? text : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(parsed.getTime())) return text;
  if (hasZone) return parsed.toISOString();
  const offset = zoneOffsetMinutes(parsed, timeZone);
  return new Date(parsed.getTime() - offset * 60_000).toISOString();
}

/** A resource locator's id, whichever mode it was given in; anything else as it is. */
function locatorValue(value: unknown): unknown {
  if (value && typeof value === 'object' && 'value' in value) {
    return (value as { value: unknown }).value;
  }
  return value;
}

/** A field of the operation's collection (node version 4 on): absent means not set. */
function readCollected(
  context: IExecuteFunctions,
  op: NodeOperation,
  field: FieldSpec,
  itemIndex: number,
): unknown {
  const collection = collectionOf(op, field).name;
  const values = context.getNodeParameter(collection, itemIndex, {}) as Record<string, unknown>;
  const value = field.lookup ? locatorValue(values[field.name]) : values[field.name];
  if (field.type === 'datetime' && typeof value === 'string') {
    return toRfc3339(value, context.getTimezone());
  }
  return value;
}

function readField(context: IExecuteFunctions, field: FieldSpec, itemIndex: number): unknown {
  if (field.lookup) {
    // Resource locators hold { mode, value }; extractValue gives the id whichever mode.
    return context.getNodeParameter(field.name, itemIndex, null, { extractValue: true });
  }
  // null for a field that is hidden (Limit under Return All): n8n throws without a fallback.
  const value = context.getNodeParameter(field.name, itemIndex, null);
  if (field.type === 'number' && field.default === undefined && !field.required && value === 0) {
    // The renderer shows 0 for an optional number with no default of its own: "not set".
    return undefined;
  }
  if (field.type === 'datetime' && typeof value === 'string') {
    return toRfc3339(value, context.getTimezone());
  }
  return value;
}

/** The operation's input by catalog field name, as `runOperation` reads it. */
export function readInput(
  context: IExecuteFunctions,
  op: NodeOperation,
  itemIndex: number,
  version: CatalogVersion,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of op.spec.fields) {
    input[field.name] = isCollected(field, version)
      ? readCollected(context, op, field, itemIndex)
      : readField(context, field, itemIndex);
  }
  return input;
}
