import type { InputField } from 'zapier-platform-core';
import { App } from './helpers';
import { everyShownField } from './input-fields';
import RELEASED from './input-keys.v1.json';

type Step = { display: { hidden?: boolean }; operation: { inputFields?: InputField[] } };

/**
 * Live Zaps hold their input by field key. A key that disappears or is renamed empties that
 * input in every Zap that used it, silently, so a key of the released app version
 * (`input-keys.v1.json`, dynamic fields for every choice included) must stay. Removing one is
 * a new Zapier app version with a migration, never an edit here.
 */
describe('Zapier input keys of released actions', () => {
  const steps = { ...App.creates, ...App.searches } as Record<string, Step>;

  it.each(Object.entries(RELEASED))('%s keeps every released key', async (key, released) => {
    const step = steps[key];
    expect(step).toBeDefined();
    const keys = (await everyShownField(step?.operation.inputFields ?? [])).map((f) => f.key);
    expect({ key, missing: released.filter((k) => !keys.includes(k)) }).toEqual({
      key,
      missing: [],
    });
  });
});
