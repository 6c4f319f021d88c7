/**
 * Responses are checked without being copied, and a wrong type still fails naming its path:
 * against a real page of the sandbox's observations. Speed is measured in bench/ (suite 1).
 */
import { ENDPOINTS, ResponseValidationError } from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import type { z } from 'zod';
import { checkResponse } from '../src/http/validate';

let sandbox: RunningSandbox;
let text: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const response = await fetch(`${sandbox.url}/observations?limit=1000`, {
    headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
  });
  text = await response.text();
});
afterAll(() => sandbox.close());

const schema = ENDPOINTS.listObservations.success.schema as z.ZodType;
const context = { requestId: null, secrets: [] };
const check = (value: unknown) => checkResponse(schema, value, 'GET /observations', context);

it('a valid page comes back as the very same object, not a copy', () => {
  const page = JSON.parse(text) as { data: unknown[] };
  expect(page.data.length).toBeGreaterThan(100);
  expect(check(page)).toBe(page);
});

it('unknown fields pass through', () => {
  const page = JSON.parse(text) as { data: Record<string, unknown>[] };
  page.data[0]!.added_later = { x: 1 };
  expect((check(page) as typeof page).data[0]!.added_later).toEqual({ x: 1 });
});

interface Spoilable {
  data: { severity: unknown; observed_at: unknown; ocsf: { metadata: { version: unknown } } }[];
  pagination: { total_items: unknown };
}

it.each([
  ['data.3.severity', (p: Spoilable) => (p.data[3]!.severity = 7)],
  ['data.500.ocsf.metadata.version', (p: Spoilable) => (p.data[500]!.ocsf.metadata.version = 1)],
  ['data.42.observed_at', (p: Spoilable) => (p.data[42]!.observed_at = 'yesterday')],
  ['pagination.total_items', (p: Spoilable) => (p.pagination.total_items = '12')],
])('a wrong type fails naming %s', (field, spoil) => {
  const page = JSON.parse(text) as Spoilable;
  spoil(page);
  let error: unknown;
  try {
    check(page);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect((error as ResponseValidationError).issues.map((i) => i.field)).toContain(field);
});
