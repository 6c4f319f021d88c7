import { ENDPOINTS, type EndpointDef } from '../contract/endpoints';
import { EVENT_TYPES, WebhookEvent } from '../schemas/webhooks';
import { SchemaComponents } from './json-schema';
import { HEADER_PARAMETERS, objectParameters, parameterRef } from './parameters';
import {
  ALWAYS_POSSIBLE_ERRORS,
  COMMON_HEADERS,
  RESPONSE_HEADERS,
  errorResponseComponents,
  errorResponseRefs,
} from './responses';
import { API_VERSION } from '../version';

export interface OpenApiServer {
  url: string;
  description?: string;
}

/** An OpenAPI 3.1 document; typed loosely, since it is data for other tools. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: OpenApiServer[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  webhooks: Record<string, unknown>;
  components: Record<string, Record<string, unknown>>;
}

export const DEFAULT_SERVERS: OpenApiServer[] = [
  { url: 'https://api.senseon.io/v1', description: 'Production' },
  { url: 'http://127.0.0.1:4010/v1', description: 'Local sandbox (`npm run sandbox`)' },
];

const TAGS: { name: EndpointDef['tag']; description: string }[] = [
  {
    name: 'Cases',
    description: 'Cases: correlated detections, their status, assignee and comments.',
  },
  { name: 'Summaries', description: 'AI summaries of cases.' },
  { name: 'Actions', description: 'Response actions and their human approval (Guardrails).' },
  { name: 'Devices', description: 'Devices (endpoints) seen by SenseOn.' },
  { name: 'Observations', description: 'Observations as OCSF events.' },
  { name: 'Users', description: 'The tenant’s user directory, for user-targeted actions.' },
  {
    name: 'Webhooks',
    description: 'Webhook subscriptions and deliveries (Standard Webhooks signing).',
  },
  {
    name: 'Trace',
    description: 'The DecisionTrace: a hash-chained ledger of every AI and human decision.',
  },
  { name: 'PATs', description: 'Personal access tokens and their scopes.' },
  { name: 'Telemetry', description: 'Raw, unenriched OCSF events from the agents.' },
  { name: 'Hunts', description: 'Queries over raw telemetry, run asynchronously.' },
  {
    name: 'Scripts',
    description: 'Remote scripts that run on devices as the response action run_script.',
  },
];

function operation(id: string, endpoint: EndpointDef, components: SchemaComponents) {
  const parameters: unknown[] = [
    ...objectParameters(endpoint.params, 'path', components),
    ...objectParameters(endpoint.query, 'query', components),
    parameterRef('Tenant'),
    parameterRef('Traceparent'),
  ];
  if (endpoint.method === 'post') parameters.push(parameterRef('IdempotencyKey'));
  const success: Record<string, unknown> = {
    description: endpoint.success.description,
    headers: COMMON_HEADERS,
  };
  if (endpoint.success.schema) {
    success.content = {
      'application/json': { schema: components.schema(endpoint.success.schema, 'output') },
    };
  }
  if (endpoint.success.stream) {
    // OpenAPI 3.1 cannot type the events of a stream; `x-event-schema` names each data's shape.
    success.content = {
      'text/event-stream': {
        schema: { type: 'string' },
        'x-event-schema': components.schema(endpoint.success.stream, 'output'),
      },
    };
  }
  const scopeNote = endpoint.scope
    ? `Needs scope \`${endpoint.scope}\`.`
    : 'Any valid token may call it.';
  const out: Record<string, unknown> = {
    operationId: id,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: [endpoint.description, scopeNote].filter(Boolean).join('\n\n'),
    'x-required-scope': endpoint.scope,
    parameters,
  };
  if (endpoint.body) {
    out.requestBody = {
      required: true,
      content: { 'application/json': { schema: components.schema(endpoint.body, 'input') } },
    };
  }
  out.responses = {
    [String(endpoint.success.status)]: success,
    ...errorResponseRefs([...endpoint.errors, ...ALWAYS_POSSIBLE_ERRORS]),
  };
  return out;
}

/** One entry per event type: what a subscriber's URL receives. */
function webhooks(components: SchemaComponents): Record<string, unknown> {
  const header = (name: string, description: string) => ({
    name,
    in: 'header',
    required: true,
    description,
    schema: { type: 'string' },
  });
  const out: Record<string, unknown> = {};
  for (const type of EVENT_TYPES) {
    out[type] = {
      post: {
        operationId: `event_${type.replace('.', '_')}`,
        summary: `The \`${type}\` event`,
        description:
          'Signed per Standard Webhooks. Verify the signature over the raw body and reject timestamps more than 5 minutes off.',
        tags: ['Webhooks'],
        security: [],
        parameters: [
          header('webhook-id', 'The event id (`evt_…`); the same on every retry.'),
          header('webhook-timestamp', 'Unix seconds when this attempt was signed.'),
          header('webhook-signature', 'Space-separated `v1,<base64 HMAC-SHA256>` signatures.'),
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: components.schema(WebhookEvent, 'output') } },
        },
        responses: {
          '200': { description: 'Any 2xx acknowledges the delivery; anything else is retried.' },
          '410': { description: 'Gone: the subscription is disabled.' },
        },
      },
    };
  }
  return out;
}

/** The OpenAPI 3.1 document of the API, generated from `ENDPOINTS` and the zod schemas. */
export function generateOpenApiDocument(
  options: { servers?: OpenApiServer[] } = {},
): OpenApiDocument {
  const components = new SchemaComponents();
  const paths: Record<string, Record<string, unknown>> = {};
  const errorStatuses = new Set<number>(ALWAYS_POSSIBLE_ERRORS);
  for (const [id, endpoint] of Object.entries(ENDPOINTS) as [string, EndpointDef][]) {
    const path = (paths[endpoint.path] ??= {});
    path[endpoint.method] = operation(id, endpoint, components);
    for (const status of endpoint.errors) errorStatuses.add(status);
  }
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'SenseOn API',
      version: API_VERSION,
      summary:
        'Cases, devices, observations, response actions with human approval, and the DecisionTrace.',
      description:
        'Bearer personal access tokens carry scopes; each operation names its own in `x-required-scope`. ' +
        'Every response carries `X-Request-Id` and the `X-RateLimit-*` headers (1,000 requests per minute per key). ' +
        'Lists are cursor-paginated (`limit`, `cursor`). Every POST accepts `Idempotency-Key`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: options.servers ?? DEFAULT_SERVERS,
    security: [{ bearerAuth: [] }],
    tags: TAGS,
    paths,
    webhooks: {},
    components: {},
  };
  document.webhooks = webhooks(components);
  const responses = errorResponseComponents(errorStatuses);
  document.components = {
    schemas: components.reachableFrom({ paths, webhooks: document.webhooks, responses }),
    responses,
    parameters: HEADER_PARAMETERS,
    headers: RESPONSE_HEADERS,
    securitySchemes: {
      bearerAuth: {
        type: 'http',
        scheme: 'bearer',
        description: 'A SenseOn personal access token.',
      },
    },
  };
  return document;
}
