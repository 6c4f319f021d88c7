import { z } from 'zod';
import { SchemaComponents } from '../src/openapi/json-schema';

// Registered only in this test file's module registry, so the real document never sees them.
const Retention = z.object({ days: z.number().int().default(30) }).meta({ id: 'RetentionForTest' });
const Policy = z.object({ name: z.string(), retention: Retention }).meta({ id: 'PolicyForTest' });

describe('input and output forms of components', () => {
  const components = new SchemaComponents();

  it('gives a request body its own Input component where the forms differ, transitively', () => {
    expect(components.schema(Policy, 'input')).toEqual({
      $ref: '#/components/schemas/PolicyForTestInput',
    });
    expect(components.schema(Policy, 'output')).toEqual({
      $ref: '#/components/schemas/PolicyForTest',
    });
    const all = components.reachableFrom({
      a: { $ref: '#/components/schemas/PolicyForTestInput' },
      b: { $ref: '#/components/schemas/PolicyForTest' },
    });
    expect(Object.keys(all)).toEqual([
      'PolicyForTest',
      'PolicyForTestInput',
      'RetentionForTest',
      'RetentionForTestInput',
    ]);
    expect(JSON.stringify(all.PolicyForTestInput)).toContain('RetentionForTestInput');
    expect(all.RetentionForTest?.required).toEqual(['days']);
    expect(all.RetentionForTestInput?.required).toBeUndefined();
  });

  it('inlines schemas without an id, pointing nested ones at the components', () => {
    const inline = components.schema(z.object({ policies: z.array(Policy) }), 'output');
    expect(JSON.stringify(inline)).toContain('"#/components/schemas/PolicyForTest"');
    expect(inline).not.toHaveProperty('$defs');
  });

  it('names a schema registered too late instead of emitting a dangling $ref', () => {
    const late = z.object({}).meta({ id: 'LateForTest' });
    expect(() => components.schema(late, 'output')).toThrow(/LateForTest/);
  });
});
