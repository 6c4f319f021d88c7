import * as s from '../schemas';
import type { EndpointDef } from './endpoints';

/** The event stream: webhooks' events over one long-lived GET, for receivers nobody can call. */
export const STREAM_ENDPOINTS = {
  streamEvents: {
    method: 'get',
    path: '/events/stream',
    tag: 'Webhooks',
    summary: 'Stream events as Server-Sent Events',
    description:
      'The events and envelope of webhooks, as `text/event-stream`: each event is `id: evt_…`, `event: <type>`, `data: <envelope>`. Without `Last-Event-ID` the stream starts with the next event; with it, every later event is sent first, in order, so a reconnecting client loses nothing and receives nothing twice. Comment lines (`: heartbeat`) keep idle connections open. A token may hold 3 streams at once; a fourth is 429 `RATE_LIMITED`.',
    scope: 'webhooks:manage',
    query: s.EventStreamFilters,
    success: {
      status: 200,
      description: 'A `text/event-stream` of events, each `data` a webhook envelope.',
      stream: s.WebhookEvent,
    },
    errors: [400, 403],
  },
} as const satisfies Record<string, EndpointDef>;
