import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import { DEFAULT_SERVERS, generateOpenApiDocument, type OpenApiDocument } from '@senseon/client';
import type { AppEnv } from '../http/app-env';
import { baseUrlOf } from '../http/register-endpoints';

/** The swagger-ui-dist files the docs page loads; served from the package, never a CDN. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Where the installed swagger-ui-dist package lives. */
function swaggerUiDir(): string {
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>SenseOn API sandbox</title>
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <style>body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'BaseLayout'
});
`;

let cachedDocument: OpenApiDocument | null = null;

/**
 * The contract's OpenAPI document, with this sandbox as the first server, and `extraInfo` (the
 * DecisionTrace signing key) added to its `info`.
 */
export function openApiFor(
  baseUrl: string,
  extraInfo: Record<string, unknown> = {},
): OpenApiDocument {
  cachedDocument ??= generateOpenApiDocument();
  const servers = [
    { url: baseUrl, description: 'This sandbox' },
    ...DEFAULT_SERVERS.filter((server) => server.url !== baseUrl),
  ];
  return { ...cachedDocument, info: { ...cachedDocument.info, ...extraInfo }, servers };
}

/** `/v1/openapi.json`, and the interactive docs at `/docs` that work with no internet. */
export function registerDocs(app: Hono<AppEnv>, extraInfo: Record<string, unknown> = {}): void {
  const assets = new Map<string, Uint8Array>();
  app.get('/v1/openapi.json', (c) => c.json(openApiFor(baseUrlOf(c), extraInfo)));
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/', (c) => c.redirect('/docs'));
  app.get('/docs/init.js', (c) =>
    c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/docs/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.notFound();
    let bytes = assets.get(file);
    if (!bytes) {
      bytes = new Uint8Array(readFileSync(join(swaggerUiDir(), file)));
      assets.set(file, bytes);
    }
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=3600',
    });
  });
  app.get('/', (c) =>
    c.json({
      name: 'SenseOn API sandbox',
      base_url: baseUrlOf(c),
      docs: new URL('/docs', c.req.url).toString(),
      openapi: new URL('/v1/openapi.json', c.req.url).toString(),
    }),
  );
}
