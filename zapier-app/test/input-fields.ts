import type { Bundle, InputField, PlainInputField, ZObject } from 'zapier-platform-core';
import { appTester } from './helpers';

const isPlain = (field: InputField): field is PlainInputField => typeof field !== 'function';

/** A dynamic field function as Zapier calls it: with the step's input so far. */
type DynamicFields = (
  z: ZObject,
  bundle: Bundle<Record<string, string | undefined>>,
) => PlainInputField[] | Promise<PlainInputField[]>;

// zapier-platform-core types a field function's input as Record<string, undefined>; it gets text.
const isDynamic = (field: InputField): field is DynamicFields => typeof field === 'function';

/** The fields a Zapier editor shows for this input: dynamic field functions run by the tester. */
export async function shownFields(
  fields: readonly InputField[],
  inputData: Record<string, string> = {},
): Promise<PlainInputField[]> {
  const shown: PlainInputField[] = [];
  for (const field of fields) {
    if (isPlain(field)) shown.push(field);
    else if (isDynamic(field)) shown.push(...(await appTester(field, { inputData })));
  }
  return shown;
}

/** The choices a field offers, as values. */
export function choiceValues(field: PlainInputField): string[] {
  const choices = field.choices ?? [];
  if (!Array.isArray(choices)) return Object.keys(choices);
  return choices.map((choice) => (typeof choice === 'string' ? choice : choice.value));
}

/**
 * Every field a step can show, whatever the user picks: each choice of every field that alters
 * the dynamic fields is tried in turn. Keyed once each, in the order first shown.
 */
export async function everyShownField(fields: readonly InputField[]): Promise<PlainInputField[]> {
  const inputs: Record<string, string>[] = [{}];
  for (const field of fields.filter(isPlain)) {
    if (!field.altersDynamicFields) continue;
    for (const value of choiceValues(field)) inputs.push({ [field.key]: value });
  }
  const byKey = new Map<string, PlainInputField>();
  for (const inputData of inputs) {
    for (const field of await shownFields(fields, inputData)) {
      if (!byKey.has(field.key)) byKey.set(field.key, field);
    }
  }
  return [...byKey.values()];
}
