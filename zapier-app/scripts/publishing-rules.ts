/**
 * Zapier's publishing rules that can be checked offline, over the app definition as Zapier
 * loads it: its integration checks on the definition (D-checks) and its style guide for labels,
 * descriptions, samples and fields, plus the rules of issue 16. `npm run zapier:checks` runs
 * them (and compares samples with live results, `live-results.ts`); zapier-app/README.md lists
 * them. Each violation names the rule, the step and what is wrong.
 */
import type { InputField, PlainInputField } from 'zapier-platform-core';
import { baseUrlOf, DEFAULT_BASE_URL } from '../src/client';
import { looksLikeCode } from '../src/copy';
import { API_VALUES } from '../src/fields/render';

export interface Violation {
  rule: string;
  where: string;
  problem: string;
}

type Kind = 'trigger' | 'create' | 'search';
interface StepDef {
  key: string;
  noun?: string;
  display: { label?: string; description?: string; hidden?: boolean };
  operation: {
    inputFields?: InputField[];
    sample?: Record<string, unknown>;
    outputFields?: { key: string; label?: string }[];
    type?: string;
    performList?: unknown;
  };
}
export interface AppDef {
  authentication?: { fields?: PlainInputField[]; test?: unknown; connectionLabel?: unknown };
  triggers?: Record<string, unknown>;
  creates?: Record<string, unknown>;
  searches?: Record<string, unknown>;
}

/** The rules, by id, and what each means; README.md lists the same. */
export const RULES: Record<string, string> = {
  D001: 'no step asks for an API key, token or password: credentials belong in the connection',
  labels: 'labels are Title Case, without the app name; searches are labelled "Find …"',
  descriptions:
    'one concise sentence (≤ 140 characters, one final period), no app name; triggers start "Triggers when", creates with a verb such as "Creates/Updates/Adds", searches with "Finds"',
  nouns: 'a singular noun, Title Case',
  'help-text':
    'every input field has help text; no raw API value (isolate_device, sha256) in help or descriptions',
  choices: 'every choice has a label as people write it, not the raw API value',
  'field-order': 'required fields come before optional ones',
  samples: 'every visible step has a sample with a summary; a trigger sample has an id',
  'output-fields': 'every output field is in the sample',
  dropdowns: 'a dynamic dropdown names a hidden trigger that exists',
  'published-set': "SenseOn's published set: exactly 3 visible triggers and 13 actions",
  'hook-fallback': 'a REST hook trigger has performList (the sample and polling fallback)',
  connection:
    'the connection has a test and a connection label, the token is a password field, the environment is chosen explicitly',
  https:
    'the default base URL and every link are HTTPS; a production connection refuses plain HTTP',
};

const APP_NAME = /senseon/i;
const LINK = /\]\((http[^)]*)\)|(?<![(\w])(https?:\/\/[^\s)`]+)/g;
const isPlain = (f: InputField): f is PlainInputField => typeof f !== 'function';

function titleCase(text: string): boolean {
  const small = new Set([
    'a',
    'an',
    'and',
    'as',
    'at',
    'by',
    'for',
    'in',
    'of',
    'on',
    'or',
    'the',
    'to',
  ]);
  return text
    .split(/\s+/)
    .every((word, i) => (i > 0 && small.has(word)) || /^[A-Z0-9(“"]/.test(word));
}

function rawValues(text: string): string[] {
  return API_VALUES.filter(
    (value) => looksLikeCode(value) && new RegExp(`(?<![\\w-])${value}(?![\\w-])`).test(text),
  );
}

/** Whether a sample holds an output field key (`a__b` nests, `a[]b` is a list's items). */
function sampleHas(sample: Record<string, unknown>, key: string): boolean {
  let current: unknown = sample;
  for (const part of key.split(/__|\[\]/)) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || current === undefined) return true; // an empty value holds any key
    if (typeof current !== 'object' || !(part in current)) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/** Every violation of the offline rules in an app definition. */
export function checkDefinition(app: AppDef): Violation[] {
  const found: Violation[] = [];
  const add = (rule: string, where: string, problem: string) =>
    found.push({ rule, where, problem });
  const steps: [Kind, StepDef][] = [
    ...Object.values(app.triggers ?? {}).map((s) => ['trigger', s as StepDef] as [Kind, StepDef]),
    ...Object.values(app.creates ?? {}).map((s) => ['create', s as StepDef] as [Kind, StepDef]),
    ...Object.values(app.searches ?? {}).map((s) => ['search', s as StepDef] as [Kind, StepDef]),
  ];
  const hidden = new Set(
    steps.filter(([kind, s]) => kind === 'trigger' && s.display.hidden).map(([, s]) => s.key),
  );
  const visible = steps.filter(([, s]) => !s.display.hidden);
  const visibleTriggers = visible.filter(([kind]) => kind === 'trigger').length;
  if (visibleTriggers !== 3 || visible.length - visibleTriggers !== 13) {
    add(
      'published-set',
      'app',
      `${visibleTriggers} triggers and ${visible.length - visibleTriggers} actions`,
    );
  }

  for (const [kind, step] of steps) {
    const where = `${kind} ${step.key}`;
    const fields = (step.operation.inputFields ?? []).filter(isPlain);
    for (const field of fields) {
      if (field.dynamic && !hidden.has(field.dynamic.split('.')[0]!)) {
        add('dropdowns', `${where}.${field.key}`, `${field.dynamic} is not a hidden trigger`);
      }
    }
    if (step.display.hidden) continue;
    const { label = '', description = '' } = step.display;
    const noun = step.noun ?? '';

    if (!titleCase(label)) add('labels', where, `"${label}" is not Title Case`);
    if (APP_NAME.test(label)) add('labels', where, `"${label}" names the app`);
    if (kind === 'search' && !label.startsWith('Find ')) {
      add('labels', where, `a search is labelled "Find …", not "${label}"`);
    }
    if (!noun || !titleCase(noun) || /s$/.test(noun))
      add('nouns', where, `"${noun}" is not a singular Title Case noun`);

    const sentences = description.split(/(?<=\.)\s+(?=[A-Z])/);
    if (description.length > 140) add('descriptions', where, `${description.length} characters`);
    if (sentences.length !== 1 || !description.endsWith('.')) {
      add('descriptions', where, 'is not one sentence ending with a period');
    }
    if (APP_NAME.test(description)) add('descriptions', where, 'names the app');
    const opening = { trigger: /^Triggers when /, create: /^[A-Z][a-z]+s /, search: /^Finds / }[
      kind
    ];
    if (!opening.test(description))
      add('descriptions', where, `"${description.slice(0, 30)}…" opens wrongly for a ${kind}`);
    for (const value of rawValues(description)) {
      add('help-text', where, `the description shows the API value ${value}`);
    }

    for (const field of fields) {
      const at = `${where}.${field.key}`;
      const help = field.helpText ?? '';
      if (help.trim().length < 10) add('help-text', at, 'has no help text');
      for (const value of rawValues(help)) add('help-text', at, `shows the API value ${value}`);
      if (
        /api[_ -]?key|token|secret|password/i.test(`${field.key} ${field.label ?? ''}`) ||
        field.type === 'password'
      ) {
        add('D001', at, 'asks for a credential in a step');
      }
      const choices = Array.isArray(field.choices) ? field.choices : [];
      for (const choice of choices) {
        if (
          typeof choice === 'string' ||
          !choice.label ||
          (looksLikeCode(choice.value) && choice.label === choice.value)
        ) {
          add(
            'choices',
            at,
            `choice ${typeof choice === 'string' ? choice : choice.value} has no readable label`,
          );
        }
      }
      for (const [, link] of [...help.matchAll(LINK)].map((m) => [m, m[1] ?? m[2]])) {
        if (link && !String(link).startsWith('https://'))
          add('https', at, `links to ${String(link)}`);
      }
    }
    const firstOptional = fields.findIndex((f) => !f.required);
    const lateRequired = fields.findIndex(
      (f, i) => f.required && firstOptional >= 0 && i > firstOptional,
    );
    if (lateRequired >= 0) {
      add(
        'field-order',
        where,
        `required ${fields[lateRequired]!.key} comes after optional ${fields[firstOptional]!.key}`,
      );
    }

    const sample = step.operation.sample;
    if (!sample || typeof sample.summary !== 'string')
      add('samples', where, 'has no sample with a summary');
    if (kind === 'trigger' && sample && !('id' in sample))
      add('samples', where, 'the trigger sample has no id');
    for (const output of step.operation.outputFields ?? []) {
      if (sample && !sampleHas(sample, output.key)) {
        add('output-fields', where, `output field ${output.key} is not in the sample`);
      }
    }
    if (kind === 'trigger' && step.operation.type === 'hook' && !step.operation.performList) {
      add('hook-fallback', where, 'has no performList');
    }
  }

  const auth = app.authentication;
  const authFields = auth?.fields ?? [];
  if (!auth?.test || !auth.connectionLabel)
    add('connection', 'authentication', 'lacks a test or a connection label');
  if (authFields.find((f) => f.key === 'token')?.type !== 'password')
    add('connection', 'authentication', 'the token is not a password field');
  if (!authFields.find((f) => f.key === 'environment')?.required)
    add('connection', 'authentication', 'no required Environment choice');
  if (!DEFAULT_BASE_URL.startsWith('https://'))
    add('https', 'authentication', `default base URL ${DEFAULT_BASE_URL}`);
  for (const field of authFields) {
    for (const match of (field.helpText ?? '').matchAll(LINK)) {
      const link = match[1] ?? match[2] ?? '';
      if (!link.startsWith('https://'))
        add('https', `authentication.${field.key}`, `links to ${link}`);
    }
  }
  try {
    baseUrlOf({ environment: 'production', baseUrl: 'http://api.example.test/v1' });
    add('https', 'authentication', 'a production connection accepts a plain-HTTP base URL');
  } catch {
    // Refused, as it must be.
  }
  return found;
}
