import type { InputField } from 'zapier-platform-core';
import { App } from './helpers';
import { shownFields } from './input-fields';

/** Request Response Action shows the target fields of the chosen action type, and no others. */
describe('Request Response Action input fields', () => {
  const fields: InputField[] = App.creates.request_action.operation.inputFields ?? [];
  const targets = ['target_device_id', 'target_user_id', 'ioc_type', 'ioc_value'];

  it('lets the action type alter the dynamic fields', () => {
    const type = fields.find((f) => typeof f !== 'function' && f.key === 'type');
    expect(type).toMatchObject({ altersDynamicFields: true, required: true });
  });

  it.each([
    ['isolate_device', ['target_device_id']],
    ['release_device', ['target_device_id']],
    ['disable_user', ['target_user_id']],
    ['enable_user', ['target_user_id']],
    ['add_ioc', ['ioc_type', 'ioc_value']],
    ['close_case', []],
  ])('with %s shows only its target fields, required', async (type, own) => {
    const shown = await shownFields(fields, { type });
    expect(shown.map((f) => f.key).filter((key) => targets.includes(key))).toEqual(own);
    for (const field of shown.filter((f) => own.includes(f.key))) {
      expect(field.required).toBe(true);
    }
    // The fields every type needs stay, in order, around the dynamic ones.
    expect(shown.map((f) => f.key).filter((key) => !targets.includes(key))).toEqual([
      'case_id',
      'type',
      'justification',
      'expires_in',
      'wait_for_decision',
    ]);
  });

  it('shows no target field before a type is chosen', async () => {
    const shown = await shownFields(fields, {});
    expect(shown.some((f) => targets.includes(f.key))).toBe(false);
  });
});
