import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { MAX_REQUEST_BODY_BYTES } from '@senseon/client';
import { registerDocs } from './docs/docs-routes';
import { HANDLERS } from './features';
import type { AppEnv } from './http/app-env';
import { ApiError, CODE_OF_STATUS } from './http/errors';
import { faultInjection, rateLimit, requestIdentity } from './http/middleware';
import { API_PREFIX, registerEndpoints } from './http/register-endpoints';
import { newId } from './ids';
import type { SandboxServices } from './services';

/**
 * The HTTP application: request ids and logging, rate limits, injected faults and the body
 * limit around every endpoint of the contract, and errors always in the API's envelope.
 */
export function buildHonoApp(services: SandboxServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requestIdentity(services));
  app.use(`${API_PREFIX}/*`, rateLimit(services));
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    // The OpenAPI document is documentation, not API: faults never hide it.
    if (c.req.path === `${API_PREFIX}/openapi.json`) return next();
    return faultInjection(services)(c, next);
  });
  // The contract's one limit: a body above it is refused with 413 before it is read. GET and
  // HEAD bodies are never read, and skip it: asking a request for its body stream makes
  // @hono/node-server build a full web Request, a large share of a small GET's cost.
  const limitBody = bodyLimit({
    maxSize: MAX_REQUEST_BODY_BYTES,
    onError: () => {
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than ${MAX_REQUEST_BODY_BYTES} bytes; send less per request (batches of observations can be split).`,
        [{ field: 'body', issue: `is larger than ${MAX_REQUEST_BODY_BYTES} bytes` }],
        // The rest of the body is never read, so this connection cannot carry another request.
        { Connection: 'close' },
      );
    },
  });
  app.use(`${API_PREFIX}/*`, (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  registerDocs(app);
  registerEndpoints(app, HANDLERS, services);

  app.notFound((c) => {
    const error = new ApiError(
      'NOT_FOUND',
      `path: no endpoint ${c.req.method} ${c.req.path}; see /docs.`,
      [{ field: 'path', issue: 'is not an endpoint of this API' }],
    );
    return c.json(error.body(c.get('requestId') ?? newId('req')), 404);
  });

  app.onError((thrown, c) => {
    const requestId = c.get('requestId') ?? newId('req');
    let error: ApiError;
    if (thrown instanceof ApiError) {
      error = thrown;
    } else if (thrown instanceof HTTPException && thrown.status < 500) {
      const code = CODE_OF_STATUS[thrown.status] ?? 'VALIDATION_ERROR';
      error = new ApiError(code, thrown.message || 'The request was refused.');
    } else {
      services.log.error(
        `${requestId} ${c.req.method} ${c.req.path} failed: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`,
      );
      error = new ApiError(
        'INTERNAL_SERVER_ERROR',
        `An unexpected error occurred; quote request id ${requestId} when you report it.`,
      );
    }
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(error.body(requestId), error.status as 400);
  });
  return app;
}
