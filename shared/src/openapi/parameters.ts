import type { z } from 'zod';
import type { JsonSchema, SchemaComponents } from './json-schema';

/** Request headers shared by operations, as `components.parameters`. */
export const HEADER_PARAMETERS = {
  Tenant: {
    name: 'X-SenseOn-Tenant',
    in: 'header',
    required: false,
    description: 'For MSSP keys that act for several tenants: the tenant to act for (`ten_…`).',
    schema: { type: 'string', pattern: '^ten_[A-Za-z0-9]+$' },
  },
  Traceparent: {
    name: 'traceparent',
    in: 'header',
    required: false,
    description: 'W3C Trace Context; honoured and propagated.',
    schema: { type: 'string' },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes the POST safe to retry: the same key with the same body within 24 h returns the first answer and creates nothing new; with another body it is 409.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
} as const;

export const parameterRef = (name: keyof typeof HEADER_PARAMETERS) => ({
  $ref: `#/components/parameters/${name}`,
});

/** OpenAPI parameters from the fields of a zod object; arrays become repeated query params. */
export function objectParameters(
  object: z.ZodObject | undefined,
  location: 'path' | 'query',
  components: SchemaComponents,
): Record<string, unknown>[] {
  if (!object) return [];
  return Object.entries(object.shape).map(([name, field]) => {
    const { description, ...schema } = components.schema(field as z.ZodType, 'input') as JsonSchema;
    const optional = (field as z.ZodType).safeParse(undefined).success;
    const parameter: Record<string, unknown> = {
      name,
      in: location,
      required: location === 'path' || !optional,
    };
    if (typeof description === 'string') parameter.description = description;
    parameter.schema = schema;
    if (schema.type === 'array') {
      parameter.style = 'form';
      parameter.explode = true;
    }
    return parameter;
  });
}
