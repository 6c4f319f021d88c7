import { checkDefinition, type AppDef } from '../scripts/publishing-rules';
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
      'nouns',
      'descriptions',
      'help-text',
      'D001',
      'https',
      'choices',
      'field-order',
    ]) {
      expect({ rule, caught: rules.has(rule) }).toEqual({ rule, caught: true });
    }
  });
});
