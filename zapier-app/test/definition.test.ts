import { OPERATIONS, TRIGGERS, type OperationSpec } from '@senseon/client';
import type { InputField, PlainInputField } from 'zapier-platform-core';
import App, { ZAPIER_FIELD_DIFFERENCES } from '../src';
import { everyShownField } from './input-fields';

type AnyOperation = {
  inputFields?: InputField[];
  sample?: Record<string, unknown>;
  outputFields?: { key: string }[];
};
type AnyStep = {
  key: string;
  display: { label?: string; hidden?: boolean };
  operation: AnyOperation;
};

const creates = Object.values(App.creates) as AnyStep[];
const searches = Object.values(App.searches) as AnyStep[];
const triggers = Object.values(App.triggers) as AnyStep[];
const visibleTriggers = triggers.filter((t) => !t.display.hidden);

/** Every input field of a step, dynamic ones for every choice included. */
const fieldsOf = (step: AnyStep): Promise<PlainInputField[]> =>
  everyShownField(step.operation.inputFields ?? []);

/** The catalog operations a Zapier step renders. */
const operationsAt = (key: string): readonly OperationSpec[] =>
  OPERATIONS.filter((op) => 'key' in op.zapier && op.zapier.key === key);

describe('the app definition', () => {
  it('has SenseOn’s published 3 triggers and 13 actions, at the catalog’s keys', () => {
    expect(visibleTriggers.map((t) => t.key).sort()).toEqual(
      TRIGGERS.flatMap((t) => ('key' in t.zapier ? [t.zapier.key] : [])).sort(),
    );
    const catalogKeys = new Set(
      OPERATIONS.flatMap((op) => ('key' in op.zapier ? [op.zapier.key] : [])),
    );
    expect(creates.length + searches.length).toBe(13);
    expect([...creates, ...searches].map((s) => s.key).sort()).toEqual([...catalogKeys].sort());
    for (const op of OPERATIONS) {
      if (!('kind' in op.zapier)) continue;
      const registry = op.zapier.kind === 'create' ? App.creates : App.searches;
      expect(Object.keys(registry)).toContain(op.zapier.key);
    }
  });

  it('renders every catalog field, and differs from the catalog only where it says why', async () => {
    for (const step of [...creates, ...searches]) {
      const ops = operationsAt(step.key);
      const rendered = (await fieldsOf(step)).map((f) => f.key);
      const catalog = new Set(ops.flatMap((op) => op.fields.map((f) => f.name)));
      const differences = ZAPIER_FIELD_DIFFERENCES.filter((d) => d.zapierKey === step.key);
      const added = differences.filter((d) => d.change === 'added').map((d) => d.field);
      const omitted = differences.filter((d) => d.change === 'omitted').map((d) => d.field);
      const expected = [...[...catalog].filter((name) => !omitted.includes(name)), ...added];
      expect({ key: step.key, fields: [...new Set(rendered)].sort() }).toEqual({
        key: step.key,
        fields: expected.sort(),
      });
      for (const difference of differences) expect(difference.reason.length).toBeGreaterThan(20);
    }
  });

  it('keeps each catalog field’s label, requiredness and help (unless declared optional)', async () => {
    for (const step of [...creates, ...searches]) {
      const ops = operationsAt(step.key);
      const optional = ZAPIER_FIELD_DIFFERENCES.filter(
        (d) => d.zapierKey === step.key && d.change === 'optional',
      ).map((d) => d.field);
      for (const field of await fieldsOf(step)) {
        const spec = ops.flatMap((op) => op.fields).find((f) => f.name === field.key);
        if (!spec) continue;
        expect(field.label).toBe(spec.label);
        expect(field.required).toBe(optional.includes(field.key) ? false : spec.required === true);
      }
    }
  });

  it('puts help text on every input field and a summary in every sample', async () => {
    for (const step of [...creates, ...searches, ...visibleTriggers]) {
      for (const field of await fieldsOf(step)) {
        expect({
          step: step.key,
          field: field.key,
          help: (field.helpText ?? '').length > 10,
        }).toEqual({ step: step.key, field: field.key, help: true });
      }
      expect(typeof step.operation.sample?.summary).toBe('string');
      expect(step.operation.outputFields?.some((f) => f.key === 'summary')).toBe(true);
    }
  });

  it('backs every lookup field with a hidden trigger that exists', async () => {
    const hidden = new Set(triggers.filter((t) => t.display.hidden).map((t) => t.key));
    const steps = await Promise.all([...creates, ...searches].map(fieldsOf));
    const dynamic = steps.flat().flatMap((f) => (f.dynamic ? [f.dynamic.split('.')[0]] : []));
    expect(dynamic.length).toBeGreaterThan(5);
    for (const key of dynamic) expect(hidden).toContain(key);
    expect([...hidden].sort()).toEqual([
      'case_list',
      'device_list',
      'pending_action_list',
      'user_list',
    ]);
  });

  it('declares SenseOn’s budget of 1,000 requests a minute per connection', () => {
    expect(App.throttle).toEqual({ window: 60, limit: 1000, scope: ['auth'] });
  });

  it('asks for the token as a password, the environment explicitly, and defaults the base URL', () => {
    const fields = App.authentication?.fields ?? [];
    expect(fields.find((f) => f.key === 'token')?.type).toBe('password');
    expect(fields.find((f) => f.key === 'baseUrl')?.default).toBe('https://api.senseon.io/v1');
    expect(fields.find((f) => f.key === 'tenantId')?.required).toBe(false);
    expect(fields.find((f) => f.key === 'environment')).toMatchObject({
      required: true,
      default: 'production',
    });
  });
});
