import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENDPOINTS, generateOpenApiDocument, serialiseOpenApiDocument } from '../src';

const document = generateOpenApiDocument();

type Operation = {
  operationId: string;
  'x-required-scope': string | null;
  parameters: { name?: string; in?: string; style?: string; explode?: boolean; $ref?: string }[];
  responses: Record<string, unknown>;
  requestBody?: unknown;
};

const operationOf = (path: string, method: string) =>
  document.paths[path]?.[method] as Operation | undefined;

describe('OpenAPI document', () => {
  it('matches the committed shared/openapi.json (run `npm run openapi` after changing the contract)', () => {
    const committed = readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8');
    expect(committed).toBe(serialiseOpenApiDocument(document));
  });

  it('has one operation per endpoint, with its scope and every error status', () => {
    for (const [id, endpoint] of Object.entries(ENDPOINTS)) {
      const op = operationOf(endpoint.path, endpoint.method);
      expect(op?.operationId).toBe(id);
      expect(op?.['x-required-scope']).toBe(endpoint.scope);
      const statuses = Object.keys(op?.responses ?? {});
      for (const status of [...endpoint.errors, 401, 429, 500, 503, 504, endpoint.success.status]) {
        expect(statuses).toContain(String(status));
      }
    }
  });

  it('sends array filters as repeated query parameters', () => {
    const status = operationOf('/cases', 'get')?.parameters.find((p) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', style: 'form', explode: true, required: false });
  });

  it('marks path parameters required and offers Idempotency-Key on POSTs only', () => {
    const approve = operationOf('/actions/{action_id}/approve', 'post');
    expect(approve?.parameters[0]).toMatchObject({ name: 'action_id', in: 'path', required: true });
    const refs = (op?: Operation) => op?.parameters.map((p) => p.$ref).filter(Boolean);
    expect(refs(approve)).toContain('#/components/parameters/IdempotencyKey');
    expect(refs(operationOf('/cases', 'get'))).not.toContain(
      '#/components/parameters/IdempotencyKey',
    );
  });

  it('describes 429 with Retry-After and every error with the Error schema', () => {
    const responses = document.components.responses as Record<string, Record<string, unknown>>;
    expect(responses.RateLimited?.headers).toHaveProperty('Retry-After');
    for (const response of Object.values(responses)) {
      expect(JSON.stringify(response.content)).toContain('#/components/schemas/Error');
    }
  });

  it('keeps only reachable components, and every $ref resolves', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(50);
    for (const [, kind, name] of refs) {
      expect(document.components[kind as string]).toHaveProperty(name as string);
    }
    for (const name of Object.keys(document.components.schemas ?? {})) {
      expect(text).toContain(`"#/components/schemas/${name}"`);
    }
  });

  it('uses the servers given, else production and the sandbox', () => {
    expect(document.servers.map((s) => s.url)).toEqual([
      'https://api.senseon.io/v1',
      'http://127.0.0.1:4010/v1',
    ]);
    const custom = generateOpenApiDocument({ servers: [{ url: 'http://127.0.0.1:9999/v1' }] });
    expect(custom.servers).toEqual([{ url: 'http://127.0.0.1:9999/v1' }]);
  });
});
