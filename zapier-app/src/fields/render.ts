import {
  ActionStatus,
  ActionType,
  CaseStatus,
  DeviceStatus,
  IocType,
  isShown,
  ObservationSource,
  optionLabel,
  OsType,
  Severity,
  type FieldSpec,
} from '@senseon/client';
import {
  defineInputFields,
  type Bundle,
  type FieldChoiceWithLabel,
  type InputField,
  type PlainInputField,
} from 'zapier-platform-core';
import { readableText } from '../copy';

/**
 * The hidden triggers that fill each `lookup` dropdown, and the search a user can add instead
 * (`<key>.<value field>.<label field>`, Zapier's RefResource format). An observation is mapped
 * from an earlier step in Zapier (Find Observations), so it has no dropdown here.
 */
const LOOKUPS: Partial<
  Record<NonNullable<FieldSpec['lookup']>, { dynamic: string; search?: string }>
> = {
  case: { dynamic: 'case_list.id.label', search: 'find_case.id' },
  device: { dynamic: 'device_list.id.label', search: 'find_device.id' },
  pendingAction: { dynamic: 'pending_action_list.id.label' },
};

/** Every value the API takes from a list; help text names them the way people write them. */
export const API_VALUES: readonly string[] = [
  ...ActionType.options,
  ...ActionStatus.options,
  ...CaseStatus.options,
  ...DeviceStatus.options,
  ...IocType.options,
  ...ObservationSource.options,
  ...OsType.options,
  ...Severity.options,
];

/**
 * Zapier-only field presentation, by catalog field name: tags are a Zapier list field (each tag
 * its own box, or a mapped list) rather than comma-separated text; user ids come from the
 * users dropdown. The value reaches `runOperation` as an array, which it reads like the
 * comma-separated text n8n sends.
 */
const ZAPIER_LIST_FIELDS = new Set(['tags']);
const ZAPIER_HELP: Record<string, string> = {
  tags: 'The tags the case should have; they replace its current tags. Add one tag per line.',
};
const USER_LOOKUP = { dynamic: 'user_list.id.label' } as const;
const ZAPIER_USER_FIELDS = new Set(['target_user_id']);

function choicesOf(options: readonly string[]): FieldChoiceWithLabel[] {
  return options.map((value) => ({ value, sample: value, label: optionLabel(value) }));
}

const ZAPIER_TYPE: Record<FieldSpec['type'], NonNullable<PlainInputField['type']>> = {
  string: 'string',
  text: 'text',
  number: 'number',
  boolean: 'boolean',
  datetime: 'datetime',
  options: 'string',
  multiOptions: 'string',
};

/** What a Zapier field may change from its catalog spec (a search makes an id optional). */
export type FieldOverrides = Partial<Pick<FieldSpec, 'required' | 'help' | 'label' | 'default'>>;

/** One catalog `FieldSpec` as a Zapier input field. */
export function renderField(spec: FieldSpec, overrides: FieldOverrides = {}): PlainInputField {
  const merged = { ...spec, ...overrides };
  const field: PlainInputField = {
    key: merged.name,
    label: merged.label,
    type: ZAPIER_TYPE[merged.type],
    required: merged.required === true,
    helpText: readableText(overrides.help ?? ZAPIER_HELP[merged.name] ?? merged.help, API_VALUES),
  };
  if (merged.options) field.choices = choicesOf(merged.options);
  if (merged.type === 'multiOptions' || ZAPIER_LIST_FIELDS.has(merged.name)) field.list = true;
  if (merged.default !== undefined) field.default = String(merged.default);
  if (merged.placeholder) field.placeholder = merged.placeholder;
  const lookup = merged.lookup && LOOKUPS[merged.lookup];
  if (lookup) {
    field.dynamic = lookup.dynamic;
    if (lookup.search) field.search = lookup.search;
  }
  if (ZAPIER_USER_FIELDS.has(merged.name)) field.dynamic = USER_LOOKUP.dynamic;
  return field;
}

/**
 * Several specs, in order, with per-field overrides by name, every one shown: the fields of an
 * operation without conditions, and the full list that error messages name fields from.
 */
export function renderFields(
  specs: readonly FieldSpec[],
  overrides: Record<string, FieldOverrides> = {},
): PlainInputField[] {
  return defineInputFields(
    requiredFirst(specs.map((spec) => renderField(spec, overrides[spec.name]))),
  );
}

/**
 * Required fields before optional ones, each group in the catalog's order: Zapier's reviewers
 * ask for the fields a step cannot run without at the top.
 */
export function requiredFirst<F extends PlainInputField>(fields: readonly F[]): F[] {
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

/**
 * The fields as a Zapier step shows them: a field with `showWhen` comes from a dynamic field
 * function that returns it only for the values it applies to, and the field it depends on says
 * `altersDynamicFields`, so Zapier asks again when it changes. The list is only known at
 * runtime, so `bundle.inputData` stays a plain record: `runOperation` reads it by the
 * catalog's names and checks it against the same specs.
 */
export function renderInputFields(
  specs: readonly FieldSpec[],
  overrides: Record<string, FieldOverrides> = {},
): InputField[] {
  const controllers = new Set(specs.flatMap((spec) => Object.keys(spec.showWhen ?? {})));
  const fields: InputField[] = [];
  let conditional: FieldSpec[] = [];
  // Required first; a conditional field keeps its place after the field it depends on.
  const leads = (spec: FieldSpec) =>
    spec.showWhen !== undefined || (overrides[spec.name]?.required ?? spec.required) === true;
  const ordered = [...specs.filter(leads), ...specs.filter((spec) => !leads(spec))];
  const flush = () => {
    if (conditional.length === 0) return;
    fields.push(dependentFields(conditional, overrides));
    conditional = [];
  };
  for (const spec of ordered) {
    if (spec.showWhen) {
      conditional.push(spec);
      continue;
    }
    flush();
    const field = renderField(spec, overrides[spec.name]);
    fields.push(controllers.has(spec.name) ? { ...field, altersDynamicFields: true } : field);
  }
  flush();
  return fields;
}

/** A dynamic field function: the specs that show for the step's current input. */
export function dependentFields(
  specs: readonly FieldSpec[],
  overrides: Record<string, FieldOverrides> = {},
) {
  return (_z: unknown, bundle: Pick<Bundle, 'inputData'>): PlainInputField[] =>
    specs
      .filter((spec) => isShown(spec, bundle.inputData))
      .map((spec) => renderField(spec, overrides[spec.name]));
}
