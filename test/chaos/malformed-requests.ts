/**
 * Malformed requests, generated from the endpoint table and its zod schemas (as JSON Schema), so
 * a new endpoint or field gets its bad input without anyone writing it: wrong types, missing
 * required fields, too long, bad enums, out of range, unknown fields, bad and unknown ids, bad
 * query parameters, bad JSON, deep nesting, oversized bodies and bad headers.
 */
import { randomUUID } from 'node:crypto';
import { ENDPOINTS, type EndpointDef } from '@senseon/client';
import { z } from 'zod';

export interface Malformed {
  endpoint: string;
  what: string;
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  /** Sent as is (already JSON text, or deliberately not JSON). */
  body?: string;
  /** The field (or header) the answer must name; null where there is none to name (413). */
  field: string | null;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
};

export type ValidIds = Record<string, string>;

const toSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** The object branch of a body schema (a union's first object branch). */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = objectOf(branch);
    if (found) return found;
  }
  return undefined;
}

const typeOf = (schema: JsonSchema): string | undefined => {
  if (schema.enum || schema.const !== undefined) return 'enum';
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  const branch = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].find((b) => typeOf(b));
  return branch ? typeOf(branch) : undefined;
};

/** Values that break one property, each with a name. */
function badValues(schema: JsonSchema): [string, unknown][] {
  const type = typeOf(schema);
  const out: [string, unknown][] = [];
  switch (type) {
    case 'string':
      out.push(['wrong type (number)', 12345]);
      if (schema.maxLength !== undefined) out.push(['too long', 'x'.repeat(schema.maxLength + 1)]);
      if (schema.pattern || schema.format) out.push(['bad format', 'not valid \u0000 at all']);
      break;
    case 'integer':
    case 'number':
      out.push(['wrong type (string)', 'twelve']);
      if (schema.maximum !== undefined) out.push(['above the maximum', schema.maximum + 1]);
      if (schema.minimum !== undefined) out.push(['below the minimum', schema.minimum - 1]);
      break;
    case 'boolean':
      out.push(['wrong type (string)', 'maybe']);
      break;
    case 'enum':
      out.push(['not one of the values', 'not_a_value']);
      break;
    case 'array':
      out.push(['wrong type (string)', 'not-an-array']);
      if (schema.items && typeOf(schema.items) === 'enum') out.push(['bad item', ['not_a_value']]);
      if (schema.maxItems !== undefined) {
        out.push(['too many items', Array.from({ length: schema.maxItems + 1 }, () => 'x')]);
      }
      break;
    case 'object':
      out.push(['wrong type (string)', 'not-an-object']);
      break;
    default:
      out.push(['wrong type (array of arrays)', [[1]]]);
  }
  return out;
}

/** Query values that break one parameter (query strings carry text). */
function badQueryValues(schema: JsonSchema): [string, string][] {
  const type = typeOf(schema);
  const out: [string, string][] = [];
  if (type === 'integer' || type === 'number') {
    out.push(['not a number', 'twelve']);
    if (schema.maximum !== undefined) out.push(['above the maximum', String(schema.maximum + 1)]);
    if (schema.minimum !== undefined) out.push(['below the minimum', String(schema.minimum - 1)]);
  } else if (
    type === 'enum' ||
    (type === 'array' && schema.items && typeOf(schema.items) === 'enum')
  ) {
    out.push(['not one of the values', 'not_a_value']);
  } else if (type === 'boolean') {
    out.push(['not a boolean', 'maybe']);
  } else {
    if (schema.format === 'date-time' || schema.pattern)
      // Breaks a date-time and any pattern (none here allows spaces or '!').
      out.push(['bad format', 'yester day!']);
    if (schema.maxLength !== undefined) out.push(['too long', 'x'.repeat(schema.maxLength + 1)]);
  }
  return out;
}

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** `/cases/{case_id}` with valid ids, or with one param replaced. */
function pathOf(def: EndpointDef, ids: ValidIds, replace?: [string, string]): string {
  return def.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(replace && replace[0] === name ? replace[1] : (ids[name] ?? 'missing-id')),
  );
}

/**
 * Path ids for which the contract answers an unknown one with success: giving back a claim that
 * was never made is 204 ("also when nothing was claimed"), so a retried release never fails.
 */
const UNKNOWN_ID_IS_A_NO_OP: Record<string, string> = { releaseEventClaim: 'event_id' };

/** An id of the right form that names nothing. */
function unknownId(schema: JsonSchema): string {
  if (schema.format === 'uuid') return randomUUID();
  const prefix = /\^?\(?([a-z]+_)/.exec(schema.pattern ?? '')?.[1] ?? '';
  return `${prefix}Zz9chaosUnknown`;
}

/**
 * Every malformed request for every endpoint. `validBodies` holds one valid body per endpoint
 * that takes one, so each request breaks exactly one thing; an endpoint with a body and no valid
 * one here is an error, so a new endpoint is never skipped in silence.
 */
export function malformedRequests(
  ids: ValidIds,
  validBodies: Record<string, Record<string, unknown>>,
  validQueries: Record<string, Record<string, string>> = {},
): Malformed[] {
  const out: Malformed[] = [];
  for (const [endpoint, def] of Object.entries(ENDPOINTS) as [string, EndpointDef][]) {
    const method = def.method.toUpperCase();
    const base = { endpoint, method, path: pathOf(def, ids) };
    const valid = validBodies[endpoint];
    if (def.body && !valid)
      throw new Error(`no valid body for ${endpoint}: add one to VALID_BODIES`);
    const validText = def.body ? JSON.stringify(valid) : undefined;
    const withBody = { ...base, body: validText };

    out.push({
      ...withBody,
      what: 'X-SenseOn-Tenant not a tenant id',
      headers: { 'x-senseon-tenant': 'not-a-tenant' },
      field: 'X-SenseOn-Tenant',
    });
    if (method === 'POST') {
      out.push({
        ...withBody,
        what: 'Idempotency-Key too long',
        headers: { 'idempotency-key': 'k'.repeat(300) },
        field: 'Idempotency-Key',
      });
    }

    const params = def.params ? toSchema(def.params) : undefined;
    for (const [name, schema] of Object.entries(params?.properties ?? {})) {
      out.push({
        ...withBody,
        what: `${name} malformed`,
        path: pathOf(def, ids, [name, 'bad id!']),
        field: name,
      });
      if (UNKNOWN_ID_IS_A_NO_OP[endpoint] === name) continue;
      out.push({
        ...withBody,
        what: `${name} unknown`,
        path: pathOf(def, ids, [name, unknownId(schema)]),
        field: name,
      });
    }

    const query = def.query ? toSchema(def.query) : undefined;
    // The required parameters, valid, beside the one broken (all but itself).
    const withValidQuery = (name: string, broken: string) =>
      new URLSearchParams({
        ...Object.fromEntries(
          Object.entries(validQueries[endpoint] ?? {}).filter(([key]) => key !== name),
        ),
        [name]: broken,
      }).toString();
    for (const [name, schema] of Object.entries(query?.properties ?? {})) {
      for (const [what, value] of badQueryValues(schema)) {
        out.push({
          ...withBody,
          what: `query ${name} ${what}`,
          query: withValidQuery(name, value),
          field: name,
        });
      }
    }
    if (query?.properties?.cursor) {
      out.push({
        ...withBody,
        what: 'query cursor forged',
        query: withValidQuery('cursor', 'eyJmb3JnZWQiOnRydWV9'),
        field: 'cursor',
      });
    }

    if (!def.body) continue;
    const body = objectOf(toSchema(def.body));
    out.push({ ...base, what: 'bad JSON', body: '{"oops": ', field: 'body' });
    out.push({ ...base, what: 'a JSON array, not an object', body: '[1,2,3]', field: 'body' });
    out.push({
      ...base,
      what: 'oversized (1.1 MiB)',
      body: JSON.stringify({ ...valid, padding: 'x'.repeat(1_150_000) }),
      field: null,
    });
    out.push({
      ...base,
      what: 'an unknown field',
      body: JSON.stringify({ ...valid, chaos_unknown: 1 }),
      field: 'chaos_unknown',
    });
    for (const [name, schema] of Object.entries(body?.properties ?? {})) {
      if (body?.required?.includes(name)) {
        const { [name]: _dropped, ...without } = valid!;
        out.push({ ...base, what: `${name} missing`, body: JSON.stringify(without), field: name });
      }
      for (const [what, value] of badValues(schema)) {
        out.push({
          ...base,
          what: `${name} ${what}`,
          body: JSON.stringify({ ...valid, [name]: value }),
          field: name,
        });
      }
      if (typeOf(schema) === 'object' || typeOf(schema) === undefined) {
        out.push({
          ...base,
          what: `${name} nested 100 deep`,
          body: JSON.stringify({ ...valid, [name]: nested(100) }),
          field: name,
        });
      }
    }
  }
  return out;
}
