import { ServerResponse } from 'node:http';
import type { Context, Hono } from 'hono';
import { ENDPOINTS, type EndpointDef, type EndpointId } from '@senseon/client';
import { authenticate, TENANT_HEADER } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import {
  checkIdempotencyKey,
  IDEMPOTENCY_HEADER,
  requestFingerprint,
  type StoredResponse,
} from '../idempotency/guard';
import { RefusalTrace, type PathIds } from '../guardrails/refusal-trace';
import type { SandboxServices } from '../services';
import type { AppEnv } from './app-env';
import { ApiError, forbidden } from './errors';
import {
  jsonText,
  type EndpointInput,
  type Handler,
  type HandlerResult,
  type HandlerTable,
  type RequestContext,
} from './handler';
import { checkReceiverUrl } from './receiver-urls';
import { parseJsonBody, parseWith, queryToInput } from './validation';

export const API_PREFIX = '/v1';

/** `/cases/{case_id}` → `/v1/cases/:case_id`. */
export function honoPath(path: string): string {
  return API_PREFIX + path.replace(/\{(\w+)\}/g, ':$1');
}

/** The base URL the client used, so answers and docs can point back at this sandbox. */
export function baseUrlOf(c: Context): string {
  const url = new URL(c.req.url);
  return `${url.protocol}//${url.host}${API_PREFIX}`;
}

/**
 * Registers every endpoint of the contract's table on the app. Each route: authenticate, check
 * the scope, validate params, query and body with the endpoint's zod schemas, honour
 * `Idempotency-Key` on POSTs, then call the handler.
 */
export function registerEndpoints(
  app: Hono<AppEnv>,
  handlers: HandlerTable,
  services: SandboxServices,
): void {
  const refusals = new RefusalTrace(services);
  for (const id of Object.keys(ENDPOINTS) as EndpointId[]) {
    const endpoint: EndpointDef = ENDPOINTS[id];
    const handler = handlers[id] as Handler<EndpointId>;
    app.on(endpoint.method.toUpperCase(), honoPath(endpoint.path), async (c) => {
      const caller = authenticate(
        services.repos,
        services.clock,
        c.req.header('authorization'),
        c.req.header(TENANT_HEADER),
        (token, tenant) => refusals.foreignTenantHeader(token, id, tenant),
      );
      c.set('caller', caller);
      const pathIds: PathIds = c.req.param();
      if (endpoint.scope && !caller.scopes.has(endpoint.scope)) {
        refusals.missingScope(caller, id, pathIds, endpoint.scope);
        throw forbidden(`This token lacks the scope ${endpoint.scope}, which ${id} needs.`, [
          { field: 'scope', issue: `${endpoint.scope} is required` },
        ]);
      }
      const input = await readInput(c, endpoint);
      checkReceiverUrl(id, input.body, {
        allowLoopback: services.config.allowLoopbackWebhooks,
      });
      const ctx: RequestContext = {
        caller,
        requestId: c.get('requestId'),
        services,
        baseUrl: baseUrlOf(c),
        hono: c,
      };
      try {
        const result = await runIdempotently(c, services, caller, endpoint, input, () =>
          handler(ctx, input as EndpointInput<EndpointId>),
        );
        return respond(c, result);
      } catch (error) {
        refusals.foreignTarget(caller, id, pathIds, error);
        throw error;
      }
    });
  }
}

interface RawInput {
  params: unknown;
  query: unknown;
  body: unknown;
  /** The body as parsed JSON, for the idempotency fingerprint. */
  json: unknown;
}

async function readInput(c: Context<AppEnv>, endpoint: EndpointDef): Promise<RawInput> {
  const params = endpoint.params ? parseWith(endpoint.params, c.req.param()) : undefined;
  const query = endpoint.query
    ? parseWith(endpoint.query, queryToInput(endpoint.query, new URL(c.req.url).searchParams))
    : undefined;
  let json: unknown = undefined;
  let body: unknown = undefined;
  if (endpoint.method === 'post' || endpoint.method === 'patch') {
    const text = await c.req.text();
    if (endpoint.body) {
      json = parseJsonBody(text);
      body = parseWith(endpoint.body, json);
    } else {
      // Endpoints without a body ignore one, but it still tells two requests apart.
      json = text.trim() === '' ? null : text;
    }
  }
  return { params, query, body, json };
}

async function runIdempotently(
  c: Context<AppEnv>,
  services: SandboxServices,
  caller: Caller,
  endpoint: EndpointDef,
  input: RawInput,
  run: () => HandlerResult | Promise<HandlerResult>,
): Promise<HandlerResult> {
  const header = c.req.header(IDEMPOTENCY_HEADER);
  if (endpoint.method !== 'post' || header === undefined) return run();
  const key = checkIdempotencyKey(header);
  const fingerprint = requestFingerprint('POST', c.req.path, input.json);
  const start = services.idempotency.begin(caller, key, fingerprint);
  if ('replay' in start) {
    return { ...start.replay, headers: { 'Idempotent-Replayed': 'true' } } as HandlerResult;
  }
  let stored: StoredResponse;
  try {
    const result = await run();
    stored = {
      status: result.status,
      body: result.json !== undefined ? JSON.parse(jsonText(result.json)) : (result.body ?? null),
    };
    services.idempotency.finish(caller, key, stored);
    return result;
  } catch (error) {
    // A refusal (4xx) is the answer to this request and is replayed; a crash is not.
    if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
      services.idempotency.finish(caller, key, {
        status: error.status,
        body: error.body(c.get('requestId')),
      });
    } else {
      services.idempotency.abandon(caller, key);
    }
    throw error;
  }
}

function respond(c: Context<AppEnv>, result: HandlerResult): Response {
  if (result.response) return result.response;
  for (const [name, value] of Object.entries(result.headers ?? {})) c.header(name, value);
  if (result.json !== undefined) {
    const { bytes, release } = result.json;
    // Served by a Node server: the buffer is reused once its last byte went to the socket.
    // In app.request() (tests) nothing says when the body is read, so it is never reused.
    serverResponseOf(c)?.once('finish', release);
    return c.body(bytes, result.status as 200, {
      'Content-Type': 'application/json',
      'Content-Length': String(bytes.byteLength),
    });
  }
  if (result.status === 204 || result.body === undefined) {
    return c.body(null, result.status as 204);
  }
  return c.json(result.body as object, result.status as 200);
}

/** The Node response under a request served by @hono/node-server; none in `app.request()`. */
function serverResponseOf(c: Context<AppEnv>): ServerResponse | null {
  const env: unknown = c.env;
  if (env === null || typeof env !== 'object' || !('outgoing' in env)) return null;
  return env.outgoing instanceof ServerResponse ? env.outgoing : null;
}
