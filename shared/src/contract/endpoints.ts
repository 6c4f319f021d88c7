import { z } from 'zod';
import * as s from '../schemas';
import { TELEMETRY_ENDPOINTS } from './endpoints-telemetry';
import { SCRIPT_ENDPOINTS } from './endpoints-scripts';
import { STREAM_ENDPOINTS } from './endpoints-stream';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/**
 * One endpoint of the API, described once. The OpenAPI document is generated from this table,
 * the sandbox registers its routes from it, and the client calls the same paths.
 */
export interface EndpointDef {
  method: HttpMethod;
  /** OpenAPI-style path relative to the base URL (`/cases/{case_id}`). */
  path: string;
  tag:
    | 'Cases'
    | 'Summaries'
    | 'Actions'
    | 'Devices'
    | 'Users'
    | 'Observations'
    | 'Webhooks'
    | 'Trace'
    | 'PATs'
    | 'Telemetry'
    | 'Hunts'
    | 'Scripts';
  summary: string;
  description?: string;
  /** The scope a token needs; `null` means any valid token. */
  scope: s.Scope | null;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: {
    status: 200 | 201 | 202 | 204;
    description: string;
    schema?: z.ZodType;
    /** A `text/event-stream` answer, each event's `data` of this schema. */
    stream?: z.ZodType;
  };
  /** Statuses this endpoint answers besides the ones every endpoint may (401, 429, 5xx). */
  errors: number[];
}

const caseParams = z.object({ case_id: s.CaseId });
const actionParams = z.object({ action_id: s.ActionId });
const deviceParams = z.object({ device_id: s.DeviceId });
const observationParams = z.object({ observation_id: s.ObservationId });
const webhookParams = z.object({ webhook_id: s.WebhookId });
const deliveryParams = z.object({ webhook_id: s.WebhookId, delivery_id: s.DeliveryId });
const claimParams = z.object({ webhook_id: s.WebhookId, event_id: s.EventId });
const patParams = z.object({ pat_id: s.PatId });

const CasePage = s.pageOf(s.Case).meta({ id: 'CasePage' });
const DevicePage = s.pageOf(s.Device).meta({ id: 'DevicePage' });
const ObservationPage = s.pageOf(s.Observation).meta({ id: 'ObservationPage' });
const ActionPage = s.pageOf(s.Action).meta({ id: 'ActionPage' });
const CommentPage = s.pageOf(s.Comment).meta({ id: 'CommentPage' });
const WebhookPage = s.pageOf(s.Webhook).meta({ id: 'WebhookPage' });
const DeliveryPage = s.pageOf(s.Delivery).meta({ id: 'DeliveryPage' });
const TracePage = s.pageOf(s.TraceEntry).meta({ id: 'TracePage' });
const PatPage = s.pageOf(s.Pat).meta({ id: 'PatPage' });
const EventPage = s.pageOf(s.WebhookEvent).meta({ id: 'EventPage' });
const UserPage = s.pageOf(s.User).meta({ id: 'UserPage' });
const ObservationCreateBody = z
  .union([s.ObservationCreate, s.ObservationBatchCreate])
  .meta({ id: 'ObservationCreateBody' });
const WebhookTestAccepted = z
  .looseObject({ delivery_id: s.DeliveryId, event_id: s.EventId })
  .meta({ id: 'WebhookTestAccepted' });

export const ENDPOINTS = {
  getMe: {
    method: 'get',
    path: '/me',
    tag: 'PATs',
    summary: 'Who am I: the token, its scopes and tenants',
    description:
      "Answers for any valid token, so connectors use it to test credentials and label connections. The tenant is the one `X-SenseOn-Tenant` selects, else the token's own.",
    scope: null,
    success: { status: 200, description: 'The token and its tenant.', schema: s.Me },
    errors: [403],
  },
  listCases: {
    method: 'get',
    path: '/cases',
    tag: 'Cases',
    summary: 'List cases',
    description:
      'Newest first by default. Filters combine with AND; repeat `status` or `severity`.',
    scope: 'cases:read',
    query: s.CaseFilters,
    success: { status: 200, description: 'A page of cases.', schema: CasePage },
    errors: [400, 403],
  },
  searchCases: {
    method: 'post',
    path: '/cases',
    tag: 'Cases',
    summary: 'List cases (Connect API body form)',
    description: 'The same filters as `GET /cases`, as a JSON body; answers the same.',
    scope: 'cases:read',
    body: s.CaseFilters,
    success: { status: 200, description: 'A page of cases.', schema: CasePage },
    errors: [400, 403, 409],
  },
  getCase: {
    method: 'get',
    path: '/cases/{case_id}',
    tag: 'Cases',
    summary: 'Get a case with its timeline, observations and actions',
    scope: 'cases:read',
    params: caseParams,
    success: { status: 200, description: 'The case.', schema: s.CaseDetail },
    errors: [400, 403, 404],
  },
  updateCase: {
    method: 'patch',
    path: '/cases/{case_id}',
    tag: 'Cases',
    summary: 'Update status, severity, assignee or tags',
    description: 'Emits `case.updated`.',
    scope: 'cases:write',
    params: caseParams,
    body: s.CaseUpdate,
    success: { status: 200, description: 'The updated case.', schema: s.Case },
    errors: [400, 403, 404],
  },
  listComments: {
    method: 'get',
    path: '/cases/{case_id}/comments',
    tag: 'Cases',
    summary: 'List the comments on a case',
    scope: 'cases:read',
    params: caseParams,
    query: s.PageParams,
    success: { status: 200, description: 'A page of comments, oldest first.', schema: CommentPage },
    errors: [400, 403, 404],
  },
  createComment: {
    method: 'post',
    path: '/cases/{case_id}/comments',
    tag: 'Cases',
    summary: 'Add a comment to a case',
    description: 'Emits `case.comment_added`.',
    scope: 'cases:write',
    params: caseParams,
    body: s.CommentCreate,
    success: { status: 201, description: 'The comment.', schema: s.Comment },
    errors: [400, 403, 404, 409],
  },
  generateSummary: {
    method: 'post',
    path: '/cases/{case_id}/summary',
    tag: 'Summaries',
    summary: 'Generate (or regenerate) the AI summary of a case',
    description: 'Answers 202 at once; poll `GET` or wait for `summary.generated`.',
    scope: 'summaries:write',
    params: caseParams,
    success: { status: 202, description: 'Generation started.', schema: s.SummaryAccepted },
    errors: [400, 403, 404, 409],
  },
  getSummary: {
    method: 'get',
    path: '/cases/{case_id}/summary',
    tag: 'Summaries',
    summary: 'Get the AI summary of a case',
    description: '404 `NOT_FOUND` when no summary was ever generated.',
    scope: 'cases:read',
    params: caseParams,
    success: { status: 200, description: 'The summary.', schema: s.CaseSummaryResponse },
    errors: [400, 403, 404],
  },
  getCaseTrace: {
    method: 'get',
    path: '/cases/{case_id}/trace',
    tag: 'Trace',
    summary: 'Get the DecisionTrace entries of a case',
    description: 'Oldest first. The entries form a hash chain the client can verify.',
    scope: 'trace:read',
    params: caseParams,
    query: s.PageParams,
    success: { status: 200, description: 'A page of trace entries.', schema: TracePage },
    errors: [400, 403, 404],
  },
  getTraceCheckpoint: {
    method: 'get',
    path: '/trace/checkpoint',
    tag: 'Trace',
    summary: "A signed checkpoint of the tenant's DecisionTrace Merkle tree",
    description:
      "The tenant's tree size and RFC 9162 root hash now, signed with the server's Ed25519 key (see `GET /trace/keys`). Keep it: a later checkpoint must be consistent with it.",
    scope: 'trace:read',
    success: { status: 200, description: 'The checkpoint.', schema: s.TraceCheckpoint },
    errors: [403],
  },
  getTraceInclusionProof: {
    method: 'get',
    path: '/trace/proof/inclusion',
    tag: 'Trace',
    summary: 'Prove that an entry is in the tree of a checkpoint',
    description:
      "Name the leaf by `leaf_index` or by the entry's `seq` (one of the two). O(log n) hashes.",
    scope: 'trace:read',
    query: s.InclusionProofQuery,
    success: { status: 200, description: 'The inclusion proof.', schema: s.InclusionProof },
    errors: [400, 403, 404],
  },
  getTraceConsistencyProof: {
    method: 'get',
    path: '/trace/proof/consistency',
    tag: 'Trace',
    summary: 'Prove that a newer tree extends an older one unchanged',
    scope: 'trace:read',
    query: s.ConsistencyProofQuery,
    success: { status: 200, description: 'The consistency proof.', schema: s.ConsistencyProof },
    errors: [400, 403],
  },
  listTenantTrace: {
    method: 'get',
    path: '/trace/entries',
    tag: 'Trace',
    summary: "The tenant's DecisionTrace entries in tree order",
    description: 'Every chain of the tenant (all cases and the tenant chain), leaf by leaf.',
    scope: 'trace:read',
    query: s.TenantTraceQuery,
    success: { status: 200, description: 'Consecutive leaves.', schema: s.TenantTraceSlice },
    errors: [400, 403],
  },
  getTraceKeys: {
    method: 'get',
    path: '/trace/keys',
    tag: 'Trace',
    summary: 'The public keys that sign DecisionTrace checkpoints',
    description:
      'Also served without a token at `/.well-known/senseon-trace-keys`. Pin the key out of band.',
    scope: null,
    success: { status: 200, description: 'The keys.', schema: s.TracePublicKeys },
    errors: [],
  },
  requestAction: {
    method: 'post',
    path: '/cases/{case_id}/actions',
    tag: 'Actions',
    summary: 'Request a response action',
    description:
      'The Guardrails policy decides whether it needs approval. Containment, and anything an AI agent asks, always waits for a human.',
    scope: 'actions:request',
    params: caseParams,
    body: s.ActionRequest,
    success: { status: 202, description: 'The action, pending or running.', schema: s.Action },
    errors: [400, 403, 404, 409, 422],
  },
  listActions: {
    method: 'get',
    path: '/actions',
    tag: 'Actions',
    summary: 'List response actions',
    scope: 'cases:read',
    query: s.ActionFilters,
    success: { status: 200, description: 'A page of actions, newest first.', schema: ActionPage },
    errors: [400, 403],
  },
  getAction: {
    method: 'get',
    path: '/actions/{action_id}',
    tag: 'Actions',
    summary: 'Get a response action',
    scope: 'cases:read',
    params: actionParams,
    success: { status: 200, description: 'The action.', schema: s.Action },
    errors: [400, 403, 404],
  },
  approveAction: {
    method: 'post',
    path: '/actions/{action_id}/approve',
    tag: 'Actions',
    summary: 'Approve a pending response action',
    description:
      'The approver must not be the requester. Containment of a `crown_jewel` device needs `actions:approve_critical`.',
    scope: 'actions:approve',
    params: actionParams,
    body: s.ActionApprove,
    success: { status: 200, description: 'The approved action.', schema: s.Action },
    errors: [400, 403, 404, 409, 428],
  },
  rejectAction: {
    method: 'post',
    path: '/actions/{action_id}/reject',
    tag: 'Actions',
    summary: 'Reject a pending response action',
    scope: 'actions:approve',
    params: actionParams,
    body: s.ActionReject,
    success: { status: 200, description: 'The rejected action.', schema: s.Action },
    errors: [400, 403, 404, 409],
  },
  listDevices: {
    method: 'get',
    path: '/devices',
    tag: 'Devices',
    summary: 'List devices',
    scope: 'devices:read',
    query: s.DeviceFilters,
    success: { status: 200, description: 'A page of devices.', schema: DevicePage },
    errors: [400, 403],
  },
  listUsers: {
    method: 'get',
    path: '/users',
    tag: 'Users',
    summary: 'List the users of the tenant',
    description:
      'The people response actions can target (`disable_user`, `enable_user`), by id; connectors fill their user dropdowns from it.',
    scope: 'devices:read',
    query: s.UserFilters,
    success: { status: 200, description: 'A page of users, by id.', schema: UserPage },
    errors: [400, 403],
  },
  getDevice: {
    method: 'get',
    path: '/devices/{device_id}',
    tag: 'Devices',
    summary: 'Get a device',
    scope: 'devices:read',
    params: deviceParams,
    success: { status: 200, description: 'The device.', schema: s.Device },
    errors: [400, 403, 404],
  },
  listObservations: {
    method: 'get',
    path: '/observations',
    tag: 'Observations',
    summary: 'List observations (OCSF)',
    description: 'Newest first.',
    scope: 'observations:read',
    query: s.ObservationFilters,
    success: { status: 200, description: 'A page of observations.', schema: ObservationPage },
    errors: [400, 403],
  },
  listEvents: {
    method: 'get',
    path: '/events',
    tag: 'Cases',
    summary: 'List case and response action events, oldest first',
    description:
      'In the order they were emitted; `created_at` never decreases along it. Poll with `created_after` set to the last `created_at` read, minus one millisecond, and drop event ids already read.',
    scope: 'cases:read',
    query: s.EventFilters,
    success: { status: 200, description: 'A page of events.', schema: EventPage },
    errors: [400, 403],
  },
  getObservation: {
    method: 'get',
    path: '/observations/{observation_id}',
    tag: 'Observations',
    summary: 'Get an observation',
    scope: 'observations:read',
    params: observationParams,
    success: { status: 200, description: 'The observation.', schema: s.Observation },
    errors: [400, 403, 404],
  },
  createObservations: {
    method: 'post',
    path: '/observations',
    tag: 'Observations',
    summary: 'Write one observation or a batch of up to 1,000',
    description:
      'One observation answers the observation; `{observations: [...]}` answers `{data: [...]}`.',
    scope: 'observations:write',
    body: ObservationCreateBody,
    success: {
      status: 201,
      description: 'What was created.',
      schema: z.union([s.Observation, s.ObservationBatchCreated]),
    },
    errors: [400, 403, 404, 409, 413],
  },
  createWebhook: {
    method: 'post',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'Subscribe a URL to events',
    scope: 'webhooks:manage',
    body: s.WebhookCreate,
    success: {
      status: 201,
      description: 'The subscription, with its secret.',
      schema: s.WebhookCreated,
    },
    errors: [400, 403, 409],
  },
  listWebhooks: {
    method: 'get',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'List webhook subscriptions',
    scope: 'webhooks:manage',
    query: s.PageParams,
    success: { status: 200, description: 'A page of subscriptions.', schema: WebhookPage },
    errors: [400, 403],
  },
  getWebhook: {
    method: 'get',
    path: '/webhooks/{webhook_id}',
    tag: 'Webhooks',
    summary: 'Get a webhook subscription',
    scope: 'webhooks:manage',
    params: webhookParams,
    success: { status: 200, description: 'The subscription.', schema: s.Webhook },
    errors: [400, 403, 404],
  },
  deleteWebhook: {
    method: 'delete',
    path: '/webhooks/{webhook_id}',
    tag: 'Webhooks',
    summary: 'Delete a webhook subscription',
    scope: 'webhooks:manage',
    params: webhookParams,
    success: { status: 204, description: 'Deleted.' },
    errors: [400, 403, 404],
  },
  testWebhook: {
    method: 'post',
    path: '/webhooks/{webhook_id}/test',
    tag: 'Webhooks',
    summary: 'Send a test event to a subscription',
    scope: 'webhooks:manage',
    params: webhookParams,
    success: {
      status: 202,
      description: 'The test delivery is queued.',
      schema: WebhookTestAccepted,
    },
    errors: [400, 403, 404, 409],
  },
  listDeliveries: {
    method: 'get',
    path: '/webhooks/{webhook_id}/deliveries',
    tag: 'Webhooks',
    summary: 'List the deliveries of a subscription',
    scope: 'webhooks:manage',
    params: webhookParams,
    query: s.PageParams,
    success: {
      status: 200,
      description: 'A page of deliveries, newest first.',
      schema: DeliveryPage,
    },
    errors: [400, 403, 404],
  },
  replayDelivery: {
    method: 'post',
    path: '/webhooks/{webhook_id}/deliveries/{delivery_id}/replay',
    tag: 'Webhooks',
    summary: 'Deliver an event again',
    scope: 'webhooks:manage',
    params: deliveryParams,
    success: { status: 202, description: 'The new delivery.', schema: s.Delivery },
    errors: [400, 403, 404, 409],
  },
  claimEvent: {
    method: 'post',
    path: '/webhooks/{webhook_id}/claims',
    tag: 'Webhooks',
    summary: 'Claim a delivered event for a subscription',
    description:
      'Atomic: of any number of claims of one event for one subscription, exactly one answers `first: true`. A receiver running as several processes claims each delivery before acting on it and acts only on a first claim.',
    scope: 'webhooks:manage',
    params: webhookParams,
    body: s.EventClaimCreate,
    success: { status: 200, description: 'The claim, first or not.', schema: s.EventClaim },
    errors: [400, 403, 404],
  },
  releaseEventClaim: {
    method: 'delete',
    path: '/webhooks/{webhook_id}/claims/{event_id}',
    tag: 'Webhooks',
    summary: 'Give back the claim of an event',
    description:
      'For a receiver that claimed an event and then could not act on it, so that the next delivery of the event is first again.',
    scope: 'webhooks:manage',
    params: claimParams,
    success: { status: 204, description: 'Released (also when nothing was claimed).' },
    errors: [400, 403, 404],
  },
  listPatScopes: {
    method: 'get',
    path: '/senseonapi/caa/pats/scopes',
    tag: 'PATs',
    summary: 'List the scopes a token can carry',
    scope: null,
    success: { status: 200, description: 'Every scope.', schema: s.ScopeList },
    errors: [],
  },
  createPat: {
    method: 'post',
    path: '/senseonapi/caa/pats',
    tag: 'PATs',
    summary: 'Create a personal access token',
    description: 'The token value is returned once. A token cannot grant scopes its creator lacks.',
    scope: null,
    body: s.PatCreate,
    success: { status: 201, description: 'The token, with its value.', schema: s.PatCreated },
    errors: [400, 403, 409],
  },
  listPats: {
    method: 'get',
    path: '/senseonapi/caa/pats',
    tag: 'PATs',
    summary: 'List your personal access tokens',
    scope: null,
    query: s.PageParams,
    success: { status: 200, description: 'A page of tokens.', schema: PatPage },
    errors: [400],
  },
  listAllPats: {
    method: 'get',
    path: '/senseonapi/caa/pats/all',
    tag: 'PATs',
    summary: "List every user's tokens (admin)",
    scope: 'pats:admin',
    query: s.PageParams,
    success: { status: 200, description: 'A page of tokens.', schema: PatPage },
    errors: [400, 403],
  },
  revokePat: {
    method: 'delete',
    path: '/senseonapi/caa/pats/{pat_id}',
    tag: 'PATs',
    summary: 'Revoke a personal access token',
    scope: null,
    params: patParams,
    success: { status: 204, description: 'Revoked.' },
    errors: [400, 403, 404],
  },
  ...TELEMETRY_ENDPOINTS,
  ...SCRIPT_ENDPOINTS,
  ...STREAM_ENDPOINTS,
} as const satisfies Record<string, EndpointDef>;

export type EndpointId = keyof typeof ENDPOINTS;
