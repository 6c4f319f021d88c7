import { DEFAULT_STREAM_HEARTBEAT_SECONDS, EVENT_TYPES } from '@senseon/client';
import { streamSSE } from 'hono/streaming';
import type { HandlerTable } from '../../http/handler';
import { validationError } from '../../http/errors';
import type { SandboxServices } from '../../services';
import { StreamConnections } from '../../stream/connections';
import { EventLog } from '../../stream/event-log';

/** Events read from the table per round; a resumed stream catches up in rounds of this. */
const BATCH = 500;
/** Longest sleep between looks at the table when no emit wakes the stream (a restart, say). */
const IDLE_LOOK_MS = 1_000;

const connections = new WeakMap<SandboxServices, StreamConnections>();
const connectionsOf = (services: SandboxServices) => {
  let open = connections.get(services);
  if (!open) connections.set(services, (open = new StreamConnections()));
  return open;
};

export const streamHandlers: Pick<HandlerTable, 'streamEvents'> = {
  streamEvents: (ctx, { query }) => {
    const { services, caller } = ctx;
    const tenantId = caller.tenantId;
    const log = new EventLog(services.db);
    const header = ctx.hono.req.header('last-event-id');
    const lastEventId = header?.trim() || query.last_event_id;
    let position: number;
    if (lastEventId) {
      const field = header ? 'Last-Event-ID' : 'last_event_id';
      const seq = log.seqOf(tenantId, lastEventId);
      if (seq === undefined) {
        throw validationError(
          field,
          `is not an event this tenant received (${lastEventId.slice(0, 40)}); connect without it to start from now`,
        );
      }
      position = seq;
    } else {
      position = log.lastSeq(tenantId);
    }
    const release = connectionsOf(services).acquire(caller.token.id);
    const types = query.type?.length ? [...new Set(query.type)] : [...EVENT_TYPES];
    const heartbeatMs = (query.heartbeat_seconds ?? DEFAULT_STREAM_HEARTBEAT_SECONDS) * 1000;
    ctx.hono.header('X-Request-Id', ctx.requestId);
    const response = streamSSE(ctx.hono, async (stream) => {
      let wake: (() => void) | null = null;
      const unsubscribe = services.events.subscribe((event) => {
        if (event.tenant_id === tenantId) wake?.();
      });
      stream.onAbort(() => wake?.());
      try {
        // Tells EventSource clients how soon to reconnect after a drop.
        await stream.writeSSE({ data: '', event: 'ready', retry: 1000 });
        let lastWrite = Date.now();
        while (!stream.aborted && !stream.closed && services.db.sql.isOpen) {
          const batch = log.after(tenantId, position, types, BATCH);
          for (const event of batch) {
            if (stream.aborted) break;
            await stream.writeSSE({ id: event.id, event: event.type, data: event.body });
            position = event.seq;
            lastWrite = Date.now();
          }
          if (batch.length === BATCH) continue;
          if (Date.now() - lastWrite >= heartbeatMs) {
            await stream.write(': heartbeat\n\n');
            lastWrite = Date.now();
          }
          const waitMs = Math.min(
            IDLE_LOOK_MS,
            Math.max(1, heartbeatMs - (Date.now() - lastWrite)),
          );
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            timer.unref();
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      } finally {
        unsubscribe();
        release();
      }
    });
    return { status: 200, response };
  },
};
