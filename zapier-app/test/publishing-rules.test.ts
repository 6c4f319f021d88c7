import {
  checkDefinition,
  nonIsoDates,
  PUBLISHED_CHECKS,
  RULES,
  type AppDef,
} from '../scripts/publishing-rules';
import { App } from './helpers';

const app = App as unknown as AppDef;

describe('Zapier publishing rules (npm run zapier:checks, offline part)', () => {
  it('finds no violation in the app', () => {
    expect(checkDefinition(app)).toEqual([]);
  });

  it('catches each kind of violation in a broken copy of a step', () => {
    const findCase = app.searches!.find_case as { display: object; operation: object };
    const broken: AppDef = {
      ...app,
      searches: {
        ...app.searches,
        find_case: {
          ...findCase,
          noun: 'Cases',
          display: {
            label: 'Get decision trace',
            description: 'Gets a SenseOn case. Then more.',
          },
          operation: {
            ...(findCase.operation as object),
            inputFields: [
              { key: 'q', label: 'Text', required: false, helpText: 'Use isolate_device here.' },
              {
                key: 'api_key',
                label: 'API Key',
                required: true,
                helpText: 'See [docs](http://x.test).',
              },
              {
                key: 'os',
                label: 'OS',
                choices: [{ value: 'sha256', sample: 'sha256', label: 'sha256' }],
                helpText: 'Pick one OS here.',
              },
            ],
          },
        },
      },
    };
    const rules = new Set(checkDefinition(broken).map((v) => v.rule));
    for (const rule of [
      'labels',
      'D018',
      'nouns',
      'descriptions',
      'help-text',
      'D001',
      'D007',
      'choices',
      'field-order',
    ]) {
      expect({ rule, caught: rules.has(rule) }).toEqual({ rule, caught: true });
    }
  });

  /** A deep copy that keeps functions (perform, test) as they are, so the copy is a whole app. */
  const copyOf = (value: unknown): unknown =>
    value === null || typeof value !== 'object'
      ? value
      : Array.isArray(value)
        ? value.map(copyOf)
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyOf(v)]));

  /** The rules a copy of the app breaks once `change` has broken it. */
  function rulesBrokenBy(change: (copy: AppDef) => void): Set<string> {
    const copy = copyOf(app) as AppDef;
    change(copy);
    return new Set(checkDefinition(copy).map((v) => v.rule));
  }
  type Step = {
    display: Record<string, unknown>;
    operation: Record<string, unknown> & { sample?: Record<string, unknown> };
  };
  const step = (copy: AppDef, kind: 'triggers' | 'creates' | 'searches', key: string) =>
    copy[kind]![key] as Step;

  it.each([
    [
      'D002',
      (c: AppDef) => {
        const fields = c.authentication!.fields!;
        c.authentication!.fields = fields.map((f) =>
          f.key === 'token' ? { ...f, helpText: 'Create one in Settings, under API tokens.' } : f,
        );
      },
    ],
    ['D003', (c: AppDef) => delete c.authentication!.connectionLabel],
    [
      'D004',
      (c: AppDef) => {
        step(c, 'searches', 'find_case').operation.inputFields = [
          { key: 'device_id', label: 'Device', helpText: 'The device to look for cases of.' },
        ];
      },
    ],
    [
      'D008',
      (c: AppDef) => {
        step(c, 'creates', 'add_case_comment').display.description =
          'Adds a comment to a case, see https://example.com/help.';
      },
    ],
    ['D009', (c: AppDef) => (step(c, 'searches', 'find_case').operation.inputFields = [])],
    [
      'D010',
      (c: AppDef) => delete step(c, 'triggers', 'new_case').operation.sample!['id' as never],
    ],
    [
      'D011',
      (c: AppDef) => {
        step(c, 'searches', 'find_case').operation.inputFields = [
          { key: 'q', label: 'Text', helpText: 'text' },
        ];
      },
    ],
    ['D012', (c: AppDef) => delete step(c, 'creates', 'add_case_comment').operation.sample],
    [
      'D013',
      (c: AppDef) => {
        step(c, 'creates', 'add_case_comment').operation.inputFields = [
          {
            key: 'case_id',
            label: 'Case',
            required: true,
            dynamic: 'case_list.id.label',
            search: 'find_nothing.id',
            helpText: 'The case to comment on.',
          },
        ];
      },
    ],
    [
      'D014',
      (c: AppDef) => {
        step(c, 'creates', 'add_case_comment').operation.inputFields = [
          {
            key: 'case',
            label: 'Case',
            required: true,
            search: 'find_case.id',
            helpText: 'The case to comment on.',
          },
        ];
      },
    ],
    [
      'D015',
      (c: AppDef) => (c.searchOrCreates = { x: { key: 'x', search: 'find_x', create: 'make_x' } }),
    ],
    ['D017', (c: AppDef) => delete step(c, 'triggers', 'new_case').operation.performUnsubscribe],
    [
      'D021',
      (c: AppDef) =>
        (step(c, 'triggers', 'new_case').display.description = 'Fires when a case is opened.'),
    ],
    ['D022', (c: AppDef) => (step(c, 'creates', 'add_case_comment').operation.inputFields = [])],
    [
      'D023',
      (c: AppDef) =>
        (step(c, 'creates', 'add_case_comment').operation.sample!.created_at =
          '2026-11-30T09:00:00'),
    ],
    [
      'D024',
      (c: AppDef) =>
        (step(c, 'triggers', 'new_case').operation.sample!.observation_count = 'three'),
    ],
  ])('catches %s', (rule, change) => {
    expect(rulesBrokenBy(change as (copy: AppDef) => void)).toContain(rule);
  });

  it('names every rule it checks, with the published check IDs among them', () => {
    expect(Object.keys(PUBLISHED_CHECKS)).toEqual(
      expect.arrayContaining(['D001', 'D007', 'D012', 'D024', 'T004']),
    );
    for (const id of Object.keys(PUBLISHED_CHECKS)) expect(id).toMatch(/^[DT]\d{3}$/);
    expect(Object.keys(RULES).length).toBeGreaterThan(Object.keys(PUBLISHED_CHECKS).length);
  });

  it('reads dates as ISO 8601 only with a time zone when they have a time (D023, T003)', () => {
    expect(
      nonIsoDates({
        created_at: '2026-11-30T09:00:00Z',
        day: '2026-11-30',
        offset: '2026-11-30T09:00:00+01:00',
        nested: { decided_at: null, seen: '01 Aug 2019' },
        list: [{ updated_at: '2026-11-30 09:00' }],
        local: '2026-11-30T09:00:00',
        text: 'not a date',
      }),
    ).toEqual(['nested__seen', 'list__updated_at', 'local']);
  });
});
