import { z } from 'zod';
import { EventId } from './common';
import { EventType } from './webhooks';

/** How often the event stream sends a comment line when it has nothing else to send. */
export const DEFAULT_STREAM_HEARTBEAT_SECONDS = 15;

/**
 * `GET /events/stream`: the events a webhook subscription would receive, as Server-Sent Events,
 * for receivers that no inbound request can reach (n8n behind a firewall).
 */
export const EventStreamFilters = z.strictObject({
  type: z
    .array(EventType)
    .optional()
    .describe('Only events of these types (repeatable). Default: every event type.'),
  last_event_id: EventId.optional().describe(
    'Resume after this event, as the `Last-Event-ID` header does (the header wins when both are sent).',
  ),
  heartbeat_seconds: z
    .number()
    .int()
    .min(1)
    .max(60)
    .optional()
    .describe(
      `Seconds between heartbeat comments while no event is sent (default ${DEFAULT_STREAM_HEARTBEAT_SECONDS}).`,
    ),
});
export type EventStreamFilters = z.infer<typeof EventStreamFilters>;
