/**
 * docs/api.md is the API's prose contract; ENDPOINTS, the schemas and shared/openapi.json are
 * its machine-readable form. An endpoint, webhook event type, error code or scope added to
 * the code and not to the page (or documented but gone from the code) fails here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ENDPOINTS, ERROR_CODES, EVENT_TYPES, SCOPES } from '@senseon/client';

const ROOT = resolve(__dirname, '..');
const DOC_PATH = join(ROOT, 'docs', 'api.md');
const doc = readFileSync(DOC_PATH, 'utf8');
const openapi = JSON.parse(readFileSync(join(ROOT, 'shared', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

/** The page without its fenced code blocks: examples are not documentation of names. */
const prose = doc.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

/** Every inline code span of the page, whitespace collapsed (a span may wrap a line). */
const codeSpans = new Set(
  [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\s+/g, ' ').trim()),
);

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const ENDPOINT_SPAN = new RegExp(`^(${HTTP_METHODS.join('|')}) (/\\S*)$`);

/** `METHOD /path` as the page writes it. */
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

const documented = new Set([...codeSpans].filter((span) => ENDPOINT_SPAN.test(span)));

/** The lines of the page that begin with a `METHOD /path` span, by how they begin. */
function entryLines(start: RegExp): string[] {
  return prose
    .split('\n')
    .map((line) => start.exec(line)?.[1]?.replace(/\s+/g, ' '))
    .filter((span): span is string => span !== undefined && ENDPOINT_SPAN.test(span));
}

/** Rows of the endpoint table (`| \`GET /cases\` | …`): the index of the page. */
const indexed = entryLines(/^\|\s*`([^`]+)`/);
/** List items or headings that open with the endpoint: where each one is described. */
const described = entryLines(/^(?:\s*[-*]|#+)\s+`([^`]+)`/);

const inCode = Object.values(ENDPOINTS).map((e) => key(e.method, e.path));
const inOpenApi = Object.entries(openapi.paths).flatMap(([path, operations]) =>
  Object.keys(operations)
    .filter((method) => HTTP_METHODS.includes(method.toUpperCase()))
    .map((method) => key(method, path)),
);

const missingFrom = (names: readonly string[]) => names.filter((name) => !codeSpans.has(name));

describe('docs/api.md', () => {
  it('lists every endpoint of ENDPOINTS, and only those, in its endpoint table', () => {
    expect(inCode.filter((endpoint) => !indexed.includes(endpoint))).toEqual([]);
    expect(indexed.filter((endpoint) => !inCode.includes(endpoint))).toEqual([]);
  });

  it('describes every endpoint of ENDPOINTS in a list item or heading of its own', () => {
    expect(inCode.filter((endpoint) => !described.includes(endpoint))).toEqual([]);
  });

  it('documents no `METHOD /path` that ENDPOINTS does not have', () => {
    expect([...documented].filter((endpoint) => !inCode.includes(endpoint))).toEqual([]);
  });

  it('documents every operation of shared/openapi.json', () => {
    expect(inOpenApi.length).toBeGreaterThan(0);
    expect(inOpenApi.filter((endpoint) => !documented.has(endpoint))).toEqual([]);
  });

  it('documents every path of shared/openapi.json', () => {
    const documentedPaths = new Set([...documented].map((span) => span.split(' ')[1]));
    expect(Object.keys(openapi.paths).filter((path) => !documentedPaths.has(path))).toEqual([]);
  });

  it('names every webhook event type', () => {
    expect(missingFrom(EVENT_TYPES)).toEqual([]);
  });

  it('names every error code', () => {
    expect(missingFrom(ERROR_CODES)).toEqual([]);
  });

  it('names every scope', () => {
    expect(missingFrom(SCOPES)).toEqual([]);
  });

  it('links to shared/openapi.json, and every relative link stays in the repo and exists', () => {
    const targets = [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!.split('#')[0]!)
      .filter((target) => target !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(target));
    // A link starting with `/` is relative to the repository root, as GitHub renders it.
    const resolved = targets.map((target) =>
      target.startsWith('/') ? join(ROOT, target) : resolve(dirname(DOC_PATH), target),
    );
    expect(resolved).toContain(join(ROOT, 'shared', 'openapi.json'));
    const outside = resolved.filter((file) => relative(ROOT, file).startsWith('..'));
    expect(outside).toEqual([]);
    expect(resolved.filter((file) => !existsSync(file))).toEqual([]);
  });
});
