import type { EventType, WebhookEvent } from '@senseon/client';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { reconnectDelayMs } from './backoff';
import { pause } from './pause';

/** One connection to `GET /events/stream`: the bytes of the body, ended or failed by the server. */
export type OpenStream = (request: {
  types: readonly EventType[];
  lastEventId: string | undefined;
  heartbeatSeconds: number;
  signal: AbortSignal;
}) => Promise<AsyncIterable<Uint8Array | string>>;

export interface StreamListener {
  /** A new event; the reader has moved past it once this returns. */
  onEvent(event: WebhookEvent): void;
  /** A connection failed or ended; the reader will reconnect after `delayMs`. */
  onDrop?(error: unknown, delayMs: number): void;
  /** Whether an error ends the stream for good (refused credentials, an unknown resume point). */
  isFatal(error: unknown): boolean;
  onFatal(error: unknown): void;
}

/**
 * Holds the event stream open: reads events, remembers the last id, and after any drop (the
 * server restarting, a proxy cutting an idle connection, silence past three heartbeats)
 * reconnects with backoff sending `Last-Event-ID`, so SenseOn sends every later event, once.
 */
export class EventStreamReader {
  lastEventId: string | undefined;
  private readonly stopped = new AbortController();
  /** Whether the latest connection brought anything: then the backoff starts again. */
  private received = false;

  constructor(
    private readonly open: OpenStream,
    private readonly options: {
      types: readonly EventType[];
      heartbeatSeconds: number;
      lastEventId?: string;
      listener: StreamListener;
    },
  ) {
    this.lastEventId = options.lastEventId;
  }

  /** Runs until `stop`, or a fatal error. */
  async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped.signal.aborted) {
      try {
        await this.connectOnce();
        if (this.stopped.signal.aborted) return;
        throw new Error('SenseOn closed the event stream');
      } catch (error) {
        if (this.stopped.signal.aborted) return;
        if (this.options.listener.isFatal(error)) {
          this.options.listener.onFatal(error);
          return;
        }
        if (this.received) attempt = 0;
        const delayMs = reconnectDelayMs(attempt++);
        this.options.listener.onDrop?.(error, delayMs);
        await pause(delayMs, this.stopped.signal);
      }
    }
  }

  stop(): void {
    this.stopped.abort();
  }

  /** One connection, until it ends or fails. */
  private async connectOnce(): Promise<void> {
    const connection = new AbortController();
    const onStop = () => connection.abort();
    this.stopped.signal.addEventListener('abort', onStop, { once: true });
    const silenceMs = this.options.heartbeatSeconds * 3 * 1000;
    let lastByteAt = Date.now();
    this.received = false;
    // A connection that goes silent past three heartbeats is dead however TCP sees it.
    const watchdog = (async () => {
      while (!connection.signal.aborted) {
        await pause(this.options.heartbeatSeconds * 1000, connection.signal);
        if (Date.now() - lastByteAt > silenceMs) connection.abort();
      }
    })();
    const parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        if (!message.id || !message.event || message.event === 'ready') return;
        const event = JSON.parse(message.data) as WebhookEvent;
        this.options.listener.onEvent(event);
        this.lastEventId = message.id;
      },
    });
    const decoder = new TextDecoder();
    let iterator: AsyncIterator<Uint8Array | string> | undefined;
    try {
      const body = await this.open({
        types: this.options.types,
        lastEventId: this.lastEventId,
        heartbeatSeconds: this.options.heartbeatSeconds,
        signal: connection.signal,
      });
      // Each read races the connection's end: n8n's stream may not end when aborted, and a
      // read would then wait for the next heartbeat (15 s), holding up n8n's deactivation (a
      // 1,000-event e2e run's unpublish passed n8n's 30-s API timeout so).
      const reader = body[Symbol.asyncIterator]();
      iterator = reader;
      const ended = new Promise<IteratorResult<Uint8Array | string>>((resolve) => {
        const end = () => resolve({ done: true, value: undefined });
        if (connection.signal.aborted) end();
        else connection.signal.addEventListener('abort', end, { once: true });
      });
      for (;;) {
        const next = await Promise.race([reader.next(), ended]);
        if (next.done || connection.signal.aborted) break;
        const chunk = next.value;
        lastByteAt = Date.now();
        this.received = true;
        parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      }
    } finally {
      connection.abort();
      // Not awaited: a stream that ignores the abort must not hold the trigger's close.
      void iterator?.return?.()?.catch(() => undefined);
      this.stopped.signal.removeEventListener('abort', onStop);
      await watchdog;
    }
  }
}
