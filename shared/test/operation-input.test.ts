import { InvalidInputError, readOperationInput, type InputOf } from '../src';
import { getCase } from '../src/operations/case/get';
import {
  requestResponseAction,
  requestResponseActionV1,
} from '../src/operations/response-action/request';

/** Compile-time: `input.case_id` is a string where the spec requires it; no casts needed. */
type GetCaseInput = InputOf<typeof getCase.fields>;
const caseId: GetCaseInput['case_id'] = 'case_1';
type RequestInput = InputOf<typeof requestResponseAction.fields>;
const type: RequestInput['type'] = 'isolate_device';
// @ts-expect-error: only the API's action types are values of the Action Type field.
const wrongType: RequestInput['type'] = 'reboot';

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).fields;
  }
  throw new Error('expected an InvalidInputError');
};

describe('reading an operation input from connector input', () => {
  const request = {
    case_id: ' case_1 ',
    justification: 'Beaconing',
    target_device_id: 'dev_1',
    target_user_id: 'usr_1',
    ioc_type: 'ipv4',
    ioc_value: '203.0.113.9',
    expires_in: '600',
  };

  it('keeps only the fields that show for the chosen type (version 2)', () => {
    expect(
      readOperationInput(requestResponseAction.fields, { ...request, type: 'isolate_device' }),
    ).toEqual({
      case_id: 'case_1',
      type: 'isolate_device',
      target_device_id: 'dev_1',
      justification: 'Beaconing',
      expires_in: 600,
    });
    const ioc = readOperationInput(requestResponseAction.fields, { ...request, type: 'add_ioc' });
    expect(ioc).toMatchObject({ ioc_type: 'ipv4', ioc_value: '203.0.113.9' });
    expect(ioc).not.toHaveProperty('target_device_id');
  });

  it('requires a conditional field only where it shows', () => {
    const input = { case_id: 'case_1', justification: 'x', type: 'disable_user' };
    expect(issuesOf(() => readOperationInput(requestResponseAction.fields, input))).toEqual([
      expect.objectContaining({ field: 'target_user_id' }),
    ]);
    expect(
      readOperationInput(requestResponseAction.fields, { ...input, type: 'close_case' }),
      // Approval Expires After has the API's real default since version 3 of the operation.
    ).toEqual({ case_id: 'case_1', justification: 'x', type: 'close_case', expires_in: 3600 });
  });

  it('version 1 shows every target field whatever the type', () => {
    const read = readOperationInput(requestResponseActionV1.fields, {
      ...request,
      type: 'add_ioc',
    });
    expect(read).toMatchObject({ target_device_id: 'dev_1', target_user_id: 'usr_1' });
  });

  it('names the field of a value outside its options, or a number that is none', () => {
    const bad = { ...request, type: 'reboot' };
    expect(issuesOf(() => readOperationInput(requestResponseAction.fields, bad))).toEqual([
      expect.objectContaining({ field: 'type' }),
    ]);
    const notANumber = { ...request, type: 'close_case', expires_in: 'soon' };
    expect(issuesOf(() => readOperationInput(requestResponseAction.fields, notANumber))).toEqual([
      expect.objectContaining({ field: 'expires_in' }),
    ]);
  });

  it('treats empty text as not set, and fills defaults', () => {
    expect(issuesOf(() => readOperationInput(getCase.fields, { case_id: '  ' }))).toEqual([
      expect.objectContaining({ field: 'case_id' }),
    ]);
    expect(caseId).toBe('case_1');
    expect([type, wrongType]).toHaveLength(2);
  });
});
