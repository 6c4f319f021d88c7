import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
export type SchemaForm = 'input' | 'output';

const COMPONENT_REF = '#/components/schemas/';
const INPUT_SUFFIX = 'Input';

function convertRegistry(io: SchemaForm): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `${COMPONENT_REF}${id}`,
  });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

/** Every `$ref` target inside a JSON value. */
export function refsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.add(item);
      else refsIn(item, found);
    }
  }
  return found;
}

function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, map));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = key === '$ref' && typeof item === 'string' ? map(item) : mapRefs(item, map);
    }
    return out;
  }
  return value;
}

/**
 * The schemas that carry `.meta({ id })`, as OpenAPI components. Responses use the output form;
 * request bodies use the input form, which gets its own `<Id>Input` component wherever it differs
 * (a default, a coercion, or a reference to another schema whose input form differs).
 */
export class SchemaComponents {
  private readonly output = convertRegistry('output');
  private readonly input = convertRegistry('input');
  private readonly inputDiffers = new Set<string>();

  constructor() {
    for (const id of Object.keys(this.output)) {
      if (JSON.stringify(this.output[id]) !== JSON.stringify(this.input[id]))
        this.inputDiffers.add(id);
    }
    // A schema that references a differing one differs too: its refs must point at the Input form.
    for (let grew = true; grew;) {
      grew = false;
      for (const [id, schema] of Object.entries(this.input)) {
        if (this.inputDiffers.has(id)) continue;
        const refs = [...refsIn(schema)].map((ref) => ref.slice(COMPONENT_REF.length));
        if (refs.some((ref) => this.inputDiffers.has(ref))) {
          this.inputDiffers.add(id);
          grew = true;
        }
      }
    }
  }

  private componentName(id: string, io: SchemaForm): string {
    return io === 'input' && this.inputDiffers.has(id) ? `${id}${INPUT_SUFFIX}` : id;
  }

  private refTo(id: string, io: SchemaForm): string {
    if (!(id in this.output)) {
      throw new Error(
        `OpenAPI: schema "${id}" is referenced but not registered with .meta({ id })`,
      );
    }
    return `${COMPONENT_REF}${this.componentName(id, io)}`;
  }

  /** A `$ref` to the component when the schema has an id, else the schema inline. */
  schema(schema: z.ZodType, io: SchemaForm): JsonSchema {
    const id = z.globalRegistry.get(schema)?.id;
    if (typeof id === 'string') return { $ref: this.refTo(id, io) };
    const converted = z.toJSONSchema(schema, {
      io,
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }) as JsonSchema;
    // Standalone conversion puts registered schemas in $defs; point those at the components.
    const { $schema: _schema, $defs: _defs, ...rest } = converted;
    return mapRefs(rest, (ref) =>
      ref.startsWith('#/$defs/') ? this.refTo(ref.slice('#/$defs/'.length), io) : ref,
    ) as JsonSchema;
  }

  /** The components reachable from `document`, in a stable order. */
  reachableFrom(document: unknown): Record<string, JsonSchema> {
    const all: Record<string, JsonSchema> = { ...this.output };
    for (const id of this.inputDiffers) {
      all[`${id}${INPUT_SUFFIX}`] = mapRefs(this.input[id], (ref) =>
        this.refTo(ref.slice(COMPONENT_REF.length), 'input'),
      ) as JsonSchema;
    }
    const used = new Set<string>();
    const queue = [...refsIn(document)];
    while (queue.length > 0) {
      const ref = queue.pop() as string;
      if (!ref.startsWith(COMPONENT_REF)) continue;
      const name = ref.slice(COMPONENT_REF.length);
      if (used.has(name) || !(name in all)) continue;
      used.add(name);
      queue.push(...refsIn(all[name]));
    }
    const out: Record<string, JsonSchema> = {};
    for (const name of [...used].sort()) out[name] = all[name] as JsonSchema;
    return out;
  }
}
