import { ApiError, ConnectionError, InvalidInputError, SummaryTimeoutError } from '@senseon/client';
import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { findNodeOperation, fieldNamer } from '../nodes/SenseOn/actions/operations';
import { toRfc3339 } from '../nodes/SenseOn/actions/read-input';
import { errorItemJson, toNodeError } from '../nodes/SenseOn/errors/node-error';

/** The one place that maps the client core's errors to n8n's, status by status. */
describe('toNodeError', () => {
  const node = { name: 'SenseOn', type: 'n8n-nodes-senseon.senseOn' } as INode;
  const body = (code: string, message: string, details: object[] = []) => ({
    error: { code, message, details },
    request_id: 'req_test1',
  });
  const apiError = (status: number, code: string, message: string, headers = {}) =>
    ApiError.from(status, body(code, message), headers, {
      method: 'POST',
      path: '/actions/act_1/approve',
    });

  it.each([
    [400, 'VALIDATION_ERROR', 'justification is required', /justification/],
    [403, 'FORBIDDEN', 'missing scope actions:approve', /actions:approve/],
    [404, 'INVALID_ACTION_ID', 'No action act_1', /tenant/],
    [409, 'CONFLICT', 'The action is not pending', /decided already/],
    [428, 'STEP_UP_REQUIRED', 'crown_jewel containment', /actions:approve_critical/],
    [429, 'RATE_LIMITED', 'Too many requests', /Retry in 7 s/],
  ])('%i %s: the API message, the request id and what to do', (status, code, text, advice) => {
    const error = toNodeError(node, apiError(status, code, text, { 'retry-after': '7' }), 2);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).httpCode).toBe(String(status));
    expect(error.message).toContain('req_test1');
    expect(`${error.message}\n${error.description}`).toMatch(advice);
    expect(error.context.itemIndex).toBe(2);
  });

  it('names the failing fields a 400 lists, with their labels in the operation', () => {
    const error = ApiError.from(
      400,
      body('VALIDATION_ERROR', 'invalid', [
        { field: 'target.device_id', issue: 'must be a dev_… id' },
      ]),
      {},
      { method: 'POST', path: '/cases/case_1/actions' },
    );
    const named = toNodeError(node, error, 0, fieldNamer(findNodeOperation('device', 'isolate')));
    expect(named.message).toBe('Device: must be a dev_… id [item 0] [request req_test1]');
    expect(named.description).toBe('Correct this field and send again.');
  });

  it('input found wrong before sending is the workflow builder’s to fix (NodeOperationError)', () => {
    const error = new InvalidInputError('this step', [{ field: 'body', issue: 'is required' }]);
    const mapped = toNodeError(node, error, 0, fieldNamer(findNodeOperation('case', 'addComment')));
    expect(mapped).toBeInstanceOf(NodeOperationError);
    expect(mapped.message).toBe('Comment: is required [item 0]');
    expect(mapped.description).toBe(error.advice);
  });

  it.each([400, 401, 403, 404, 409, 422, 428, 429, 503])(
    '%i: the core’s advice is the description, shown once, and n8n writes none of its own',
    (status) => {
      const error = apiError(status, 'ANY', 'went wrong', { 'retry-after': '7' });
      const mapped = toNodeError(node, error, 0);
      expect(error.advice).toBeTruthy();
      const shown = `${mapped.message}\n${mapped.description}\n${JSON.stringify(mapped.messages)}`;
      expect(shown.split(error.advice!).length - 1).toBe(1);
      expect(mapped.description?.endsWith(error.advice!)).toBe(true);
      // What happened, without the API path the core names the request by; then the item.
      expect(mapped.message).not.toContain('/actions/act_1/approve');
      expect(mapped.message).toMatch(/ \[item 0\] \[request req_test1\]$/);
    },
  );

  it('keeps n8n errors as they are and wraps anything else', () => {
    const own = new NodeOperationError(node, 'already mapped');
    expect(toNodeError(node, own)).toBe(own);
    expect(toNodeError(node, new SummaryTimeoutError('case_1', 120_000)).message).toMatch(
      /not ready after 120 s/,
    );
    expect(toNodeError(node, new ConnectionError('Could not reach SenseOn')).message).toBe(
      'Could not reach SenseOn',
    );
    expect(toNodeError(node, new Error('boom'))).toBeInstanceOf(NodeOperationError);
  });

  it('an error item says what failed in fields a workflow can branch on', () => {
    const json = errorItemJson(apiError(404, 'INVALID_ACTION_ID', 'No action act_1'));
    expect(json).toMatchObject({ status: 404, code: 'INVALID_ACTION_ID', request_id: 'req_test1' });
  });
});

describe('toRfc3339', () => {
  it('reads a zone-less date-time in the workflow time zone', () => {
    expect(toRfc3339('2026-11-23T10:00:00', 'America/New_York')).toBe('2026-11-23T15:00:00.000Z');
    expect(toRfc3339('2026-07-01T10:00:00', 'Europe/London')).toBe('2026-07-01T09:00:00.000Z');
    expect(toRfc3339('2026-11-23T10:00:00', 'UTC')).toBe('2026-11-23T10:00:00.000Z');
  });

  it('keeps an explicit zone, and passes text it cannot read to the API to name', () => {
    expect(toRfc3339('2026-11-23T10:00:00+02:00', 'America/New_York')).toBe(
      '2026-11-23T08:00:00.000Z',
    );
    expect(toRfc3339('yesterday', 'UTC')).toBe('yesterday');
  });
});
