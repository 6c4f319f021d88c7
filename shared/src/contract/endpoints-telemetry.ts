import { z } from 'zod';
import * as s from '../schemas';
import type { EndpointDef } from './endpoints';

// Raw telemetry and hunts (Hunt Lab): their rows of the endpoint table, kept apart so the
// table's other resources and these change without touching each other.

const huntParams = z.object({ hunt_id: s.HuntId });
const TelemetryPage = s.pageOf(s.TelemetryEvent).meta({ id: 'TelemetryPage' });

export const TELEMETRY_ENDPOINTS = {
  listTelemetry: {
    method: 'get',
    path: '/telemetry',
    tag: 'Telemetry',
    summary: 'List raw telemetry (unenriched OCSF events)',
    description:
      'Process, network, file, DNS and authentication events as the agents reported them. `observed_after` and `observed_before` are required and at most 7 days apart. Newest first by default.',
    scope: 'telemetry:read',
    query: s.TelemetryFilters,
    success: { status: 200, description: 'A page of telemetry events.', schema: TelemetryPage },
    errors: [400, 403, 404],
  },
  createHunt: {
    method: 'post',
    path: '/hunts',
    tag: 'Hunts',
    summary: 'Start a hunt over raw telemetry',
    description:
      'Answers 202 at once with the queued hunt; poll `GET /hunts/{hunt_id}` until its status is final, then read its results. A malformed query is 400 naming the column.',
    scope: 'telemetry:read',
    body: s.HuntCreate,
    success: { status: 202, description: 'The hunt, queued.', schema: s.Hunt },
    errors: [400, 403, 404, 409],
  },
  getHunt: {
    method: 'get',
    path: '/hunts/{hunt_id}',
    tag: 'Hunts',
    summary: 'Get a hunt and its status',
    scope: 'telemetry:read',
    params: huntParams,
    success: { status: 200, description: 'The hunt.', schema: s.Hunt },
    errors: [400, 403, 404],
  },
  listHuntResults: {
    method: 'get',
    path: '/hunts/{hunt_id}/results',
    tag: 'Hunts',
    summary: 'List the events a hunt matched',
    description:
      'Oldest first. Complete once the hunt is `done`; a running hunt shows what it has found so far.',
    scope: 'telemetry:read',
    params: huntParams,
    query: s.PageParams,
    success: { status: 200, description: 'A page of matched events.', schema: TelemetryPage },
    errors: [400, 403, 404],
  },
  cancelHunt: {
    method: 'delete',
    path: '/hunts/{hunt_id}',
    tag: 'Hunts',
    summary: 'Cancel a hunt',
    description:
      'A queued or running hunt stops and is `cancelled`; its results so far stay readable. 409 when it has already ended.',
    scope: 'telemetry:read',
    params: huntParams,
    success: { status: 200, description: 'The cancelled hunt.', schema: s.Hunt },
    errors: [400, 403, 404, 409],
  },
} as const satisfies Record<string, EndpointDef>;
