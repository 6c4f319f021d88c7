/**
 * A choice reads the same in both connectors: Zapier's dropdown label and n8n's option name for
 * every value of every options field in the catalog come from the core's one `optionLabel`.
 */
import { F, optionLabel, type FieldSpec } from '@senseon/client';
import { renderField as renderZapierField } from '../zapier-app/src/fields/render';
import { renderField as renderN8nField } from '../n8n-nodes/nodes/SenseOn/actions/render-field';

const optionFields = (Object.values(F) as FieldSpec[]).flatMap((field) =>
  field.options ? [{ ...field, options: field.options }] : [],
);

it('the catalog has options fields to compare', () => {
  expect(optionFields.length).toBeGreaterThan(3);
});

it.each(optionFields.map((field) => [field.name, field] as const))(
  '%s: Zapier labels and n8n option names are the same words',
  (_key, field) => {
    const zapier = renderZapierField(field).choices;
    const n8n = renderN8nField(field, {}).options;
    const zapierLabels = new Map(
      (Array.isArray(zapier) ? zapier : []).map((c) =>
        typeof c === 'string' ? [c, c] : [c.value, c.label],
      ),
    );
    const n8nNames = new Map(
      (n8n ?? []).flatMap((o) => ('value' in o && o.value !== '' ? [[o.value, o.name]] : [])),
    );
    for (const value of field.options) {
      expect(zapierLabels.get(value)).toBe(optionLabel(value));
      expect(n8nNames.get(value)).toBe(optionLabel(value));
    }
  },
);

it('reads like the SOC writes it', () => {
  expect(optionLabel('pending_approval')).toBe('Pending Approval');
  expect(optionLabel('sha256')).toBe('SHA-256');
  expect(optionLabel('isolate_device')).toBe('Isolate Device');
});
