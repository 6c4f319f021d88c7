/**
 * Zapier's publishing rules that can be checked offline, over the app definition as Zapier
 * loads it: the programmable checks of its integration checks reference (by their published
 * ID: D-series on the definition; T-series, which Zapier runs on Zap History, run here on live
 * sandbox results in `checks.ts`), its style guide for labels, descriptions, samples and
 * fields, and the rules of issue 16. `npm run zapier:checks` runs them (and compares samples
 * with live results, `live-results.ts`); zapier-app/README.md lists them. Each violation names
 * the rule, the step and what is wrong.
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
    outputFields?: { key: string; label?: string; type?: string; required?: boolean }[];
    type?: string;
    performList?: unknown;
    performSubscribe?: unknown;
    performUnsubscribe?: unknown;
  };
}
export interface AppDef {
  authentication?: { fields?: PlainInputField[]; test?: unknown; connectionLabel?: unknown };
  triggers?: Record<string, unknown>;
  creates?: Record<string, unknown>;
  searches?: Record<string, unknown>;
  searchOrCreates?: Record<string, { key?: string; search?: string; create?: string }>;
}

/**
 * Zapier's integration checks reference, the checks a definition (or a live result) can show
 * offline, by their published ID and title. Not here: A001 (a connected account exists), C-series
 * (they compare with the public version; there is none), M-, S-, U-, L- and Z-series (they read
 * the developer account, the listing and live Zaps), T001, T005 and T006 (Zap History), and
 * D019, D020, D025 to D028, whose published text was not at hand (README.md says where looked).
 */
export const PUBLISHED_CHECKS: Record<string, string> = {
  D001: 'Asks for API Key in Action Instead of in Auth: no step asks for an API key, token or password',
  D002: 'Provide Link in Help Text for Auth Fields: the token field links to where tokens are made',
  D003: 'Connection Label Should Be Set',
  D004: 'ID Fields Should Have Dynamic Dropdowns: every `…_id` input field has one',
  D005: 'Dynamic Dropdown Connects to a Non-Existing Trigger: it names a hidden trigger that exists',
  D006: 'REST Hook Trigger Needs a Polling URL: a hook trigger has performList',
  D007: 'All URLs Should Be HTTPS: the default base URL and every link; a production connection refuses plain HTTP',
  D008: 'Invalid Markdown Link: a URL in a description or help text is a [text](url) link or in backticks',
  D009: 'Requires at Least One Search Field',
  D010: 'Missing "ID" Field in Static Sample Data (every trigger sample has an id)',
  D011: 'Redundant Help Text: help text is not the label again',
  D012: 'Static Sample Is Required (every visible step)',
  D013: 'Connects to a Non-Existing Search: a search-powered field names a search that exists',
  D014: 'Has a Search Connector, but No Dynamic Dropdown',
  D015: 'Search-Or-Create Connects to a Non-Existing Action/Search',
  D016: 'Consists Only a Static Webhook',
  D017: 'Static Hook Is Discouraged: a hook trigger subscribes and unsubscribes',
  D018: 'Titlecased Label',
  D021: 'Trigger Description Requirements: starts "Triggers when " and ends with "."',
  D022: 'Creates Should Try to Have Static Input Fields',
  D023: 'ISO-8601 Date/Time Format in Static Sample, with a time zone when it has a time',
  D024: "Static Sample Respects Output Field Definition: every output field is in the sample, its value of the field's type",
  T002: 'Missing "ID" Field in Live Polling Results (here: each trigger\'s live result from the sandbox)',
  T003: 'ISO-8601 Date/Time Format in Zap History (here: every live result from the sandbox)',
  T004: 'Static Sample Contains a Subset of Keys from Live Result (here: exactly the keys of a live sandbox result)',
};

/** The rules of Zapier's style guide and of issue 16 that have no published check ID. */
export const STYLE_RULES: Record<string, string> = {
  labels: 'labels without the app name; searches are labelled "Find …"',
  descriptions:
    'one concise sentence (≤ 140 characters, one final period), no app name; creates open with a verb such as "Creates/Updates/Adds", searches with "Finds"',
  nouns: 'a singular noun, Title Case',
  'help-text':
    'every input field has help text; no raw API value (isolate_device, sha256) in help or descriptions',
  choices: 'every choice has a label as people write it, not the raw API value',
  'field-order': 'required fields come before optional ones',
  samples: "every visible step's sample has a summary",
  'published-set': "SenseOn's published set: exactly 3 visible triggers and 13 actions",
  connection:
    'the connection has a test, the token is a password field, the environment is chosen explicitly',
};

/** Every rule, by id, and what it means; README.md lists the same. */
export const RULES: Record<string, string> = { ...PUBLISHED_CHECKS, ...STYLE_RULES };

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

/** D008: a URL outside a markdown link and outside backticks, or a link missing its bracket. */
function badLinks(text: string): string[] {
  const found: string[] = [];
  const broken = /\[[^\]]*\(https?:[^)\s]*\)?/g;
  for (const match of text.matchAll(broken)) found.push(match[0]);
  const rest = text
    .replace(/`[^`]*`/g, '')
    .replace(/\[[^\]]*\]\(https?:[^)\s]*\)/g, '')
    .replace(broken, '');
  for (const match of rest.matchAll(/https?:\/\/[^\s)`]*/g)) found.push(match[0]);
  return found;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const LOOKS_LIKE_DATE =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}|^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}|^\d{1,2}\/\d{1,2}\/\d{2,4}/;

/**
 * D023 and T003: every value that is a date (a `…_at` key, or a string that reads as one) is
 * ISO 8601, with a time zone when it has a time. Returns the keys (`a__b`) that are not.
 */
export function nonIsoDates(record: unknown, prefix = ''): string[] {
  const found: string[] = [];
  if (Array.isArray(record)) {
    record.forEach((item) => found.push(...nonIsoDates(item, prefix)));
    return found;
  }
  if (record === null || typeof record !== 'object') return found;
  for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
    const at = `${prefix}${key}`;
    if (typeof value === 'string') {
      const dateLike = /_at$/.test(key) || LOOKS_LIKE_DATE.test(value);
      if (dateLike && !ISO_DATE.test(value) && !ISO_DATE_TIME.test(value)) found.push(at);
    } else if (value && typeof value === 'object') {
      found.push(...nonIsoDates(value, `${at}__`));
    }
  }
  return found;
}

/** The sample's value at an output field key (`a__b` nests, `a[]b` is a list's first item). */
function sampleValue(sample: Record<string, unknown>, key: string): unknown {
  let current: unknown = sample;
  for (const part of key.split(/__|\[\]/)) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || current === undefined || typeof current !== 'object') return current;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** D024: whether a sample value is of an output field's type (an empty value is any type). */
function ofType(value: unknown, type: string | undefined): boolean {
  if (value === null || value === undefined || type === undefined) return true;
  const one = (v: unknown): boolean => {
    switch (type) {
      case 'integer':
        return Number.isInteger(v);
      case 'number':
        return typeof v === 'number';
      case 'boolean':
        return typeof v === 'boolean';
      case 'datetime':
        return typeof v === 'string' && (ISO_DATE.test(v) || ISO_DATE_TIME.test(v));
      case 'string':
        return typeof v === 'string';
      default:
        return true;
    }
  };
  // A list output field's values are each of the type (Zapier shows a list's items).
  return Array.isArray(value) ? value.every(one) : one(value);
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

  const searchKeys = new Set(Object.keys(app.searches ?? {}));
  const createKeys = new Set(Object.keys(app.creates ?? {}));
  for (const [key, soc] of Object.entries(app.searchOrCreates ?? {})) {
    if (!soc.search || !searchKeys.has(soc.search))
      add('D015', `searchOrCreate ${key}`, `search ${String(soc.search)} does not exist`);
    if (!soc.create || !createKeys.has(soc.create))
      add('D015', `searchOrCreate ${key}`, `create ${String(soc.create)} does not exist`);
  }
  const isStaticHook = ([kind, s]: [Kind, StepDef]) =>
    kind === 'trigger' &&
    s.operation.type === 'hook' &&
    (!s.operation.performSubscribe || !s.operation.performUnsubscribe);
  if (visible.length > 0 && visible.every(isStaticHook))
    add('D016', 'app', 'its only steps are static webhooks');

  for (const [kind, step] of steps) {
    const where = `${kind} ${step.key}`;
    const fields = (step.operation.inputFields ?? []).filter(isPlain);
    for (const field of fields) {
      const at = `${where}.${field.key}`;
      if (field.dynamic && !hidden.has(field.dynamic.split('.')[0]!)) {
        add('D005', at, `${field.dynamic} is not a hidden trigger`);
      }
      if (/_id$/.test(field.key) && !field.dynamic)
        add('D004', at, 'an ID field without a dropdown');
      if (field.search) {
        if (!searchKeys.has(field.search.split('.')[0]!))
          add('D013', at, `search ${field.search} does not exist`);
        if (!field.dynamic) add('D014', at, 'has a search connector but no dynamic dropdown');
      }
    }
    if (step.display.hidden) continue;
    const { label = '', description = '' } = step.display;
    const noun = step.noun ?? '';

    if (!titleCase(label)) add('D018', where, `"${label}" is not Title Case`);
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
    if (!opening.test(description) || (kind === 'trigger' && !description.endsWith('.')))
      add(
        kind === 'trigger' ? 'D021' : 'descriptions',
        where,
        `"${description.slice(0, 30)}…" opens or ends wrongly for a ${kind}`,
      );
    for (const link of badLinks(description)) add('D008', where, `a bare or broken link: ${link}`);
    if (kind === 'search' && fields.length === 0) add('D009', where, 'has no field to search on');
    if (kind === 'create' && fields.length === 0) add('D022', where, 'has no static input field');
    for (const value of rawValues(description)) {
      add('help-text', where, `the description shows the API value ${value}`);
    }

    for (const field of fields) {
      const at = `${where}.${field.key}`;
      const help = field.helpText ?? '';
      if (help.trim().length < 10) add('help-text', at, 'has no help text');
      const words = (text: string) =>
        text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim();
      if (help && words(help) === words(field.label ?? field.key))
        add('D011', at, 'its help text only repeats its label');
      for (const link of badLinks(help)) add('D008', at, `a bare or broken link: ${link}`);
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
          add('D007', at, `links to ${String(link)}`);
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
    if (!sample) add('D012', where, 'has no static sample');
    else if (typeof sample.summary !== 'string') add('samples', where, 'its sample has no summary');
    if (kind === 'trigger' && sample && !('id' in sample))
      add('D010', where, 'the trigger sample has no id');
    for (const key of sample ? nonIsoDates(sample) : [])
      add('D023', where, `sample ${key} is not an ISO 8601 date with a time zone`);
    for (const output of step.operation.outputFields ?? []) {
      if (sample && !sampleHas(sample, output.key)) {
        add('D024', where, `output field ${output.key} is not in the sample`);
      } else if (sample && !ofType(sampleValue(sample, output.key), output.type)) {
        add('D024', where, `sample ${output.key} is not of the output field's type ${output.type}`);
      }
    }
    if (kind === 'trigger' && step.operation.type === 'hook') {
      if (!step.operation.performList) add('D006', where, 'has no performList');
      if (!step.operation.performSubscribe || !step.operation.performUnsubscribe)
        add('D017', where, 'a static hook: no subscribe or unsubscribe');
    }
  }

  const auth = app.authentication;
  const authFields = auth?.fields ?? [];
  if (!auth?.test) add('connection', 'authentication', 'lacks a test');
  if (!auth?.connectionLabel) add('D003', 'authentication', 'lacks a connection label');
  const tokenHelp = authFields.find((f) => f.key === 'token')?.helpText ?? '';
  if (!/\]\(https:\/\/[^)]+\)/.test(tokenHelp))
    add('D002', 'authentication.token', 'its help text does not link to where tokens are made');
  if (authFields.find((f) => f.key === 'token')?.type !== 'password')
    add('connection', 'authentication', 'the token is not a password field');
  if (!authFields.find((f) => f.key === 'environment')?.required)
    add('connection', 'authentication', 'no required Environment choice');
  if (!DEFAULT_BASE_URL.startsWith('https://'))
    add('D007', 'authentication', `default base URL ${DEFAULT_BASE_URL}`);
  for (const field of authFields) {
    for (const match of (field.helpText ?? '').matchAll(LINK)) {
      const link = match[1] ?? match[2] ?? '';
      if (!link.startsWith('https://'))
        add('D007', `authentication.${field.key}`, `links to ${link}`);
    }
    for (const link of badLinks(field.helpText ?? ''))
      add('D008', `authentication.${field.key}`, `a bare or broken link: ${link}`);
  }
  try {
    baseUrlOf({ environment: 'production', baseUrl: 'http://api.example.test/v1' });
    add('D007', 'authentication', 'a production connection accepts a plain-HTTP base URL');
  } catch {
    // Refused, as it must be.
  }
  return found;
}
