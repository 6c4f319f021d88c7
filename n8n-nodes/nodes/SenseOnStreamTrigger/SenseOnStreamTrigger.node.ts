import { EVENT_TYPES, type EventType, type WebhookEvent } from '@senseon/client';
import {
  NodeApiError,
  NodeConnectionTypes,
  NodeOperationError,
  type INodeType,
  type INodeTypeDescription,
  type ITriggerFunctions,
  type ITriggerResponse,
} from 'n8n-workflow';
import { eventOptions } from '../SenseOnTrigger/event-options';
import { CREDENTIAL_TYPE } from '../SenseOn/transport/n8n-transport';
import {
  DEFAULT_BASE_URL,
  USER_AGENT,
  type SenseOnCredentialFields,
} from '../SenseOn/transport/client';
import { emitTakesDeduplicationKey, emitUntilStarted } from './emit-started';
import { EventStreamReader, type OpenStream } from './event-stream';

/** Where the trigger remembers the last event it emitted, for a restart of the workflow. */
interface StreamState {
  lastEventId?: string;
}

const HEARTBEAT_SECONDS = 15;

/** Statuses after which reconnecting cannot help: the credential or the resume point is wrong. */
const FATAL_STATUSES = new Set(['400', '401', '403', '404']);

/**
 * Starts a workflow for every SenseOn event, read from SenseOn's event stream (Server-Sent
 * Events) over a connection the trigger opens itself, so it needs no public URL: for n8n behind
 * a firewall, where the SenseOn Trigger's webhooks cannot arrive.
 */
export class SenseOnStreamTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SenseOn Stream Trigger',
    name: 'senseOnStreamTrigger',
    icon: { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["events"].join(", ") }}',
    description:
      'Starts the workflow for SenseOn events read from its event stream; needs no public URL, reconnects by itself and misses nothing',
    defaults: { name: 'SenseOn Stream Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'senseOnApi', required: true }],
    properties: [
      {
        displayName: 'Events',
        name: 'events',
        type: 'multiOptions',
        required: true,
        options: eventOptions(EVENT_TYPES),
        default: ['case.created'],
        description:
          'The events that start the workflow. The stream starts with the next event; after a dropped connection it resumes after the last event emitted, so each arrives once.',
      },
    ],
  };

  async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
    const types = this.getNodeParameter('events', []) as EventType[];
    if (types.length === 0) {
      throw new NodeOperationError(this.getNode(), 'Choose at least one event to trigger on.');
    }
    const credentials = await this.getCredentials<SenseOnCredentialFields>(CREDENTIAL_TYPE);
    const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL)
      .trim()
      .replace(/\/+$/, '');
    const state = this.getWorkflowStaticData('node') as StreamState;
    const open: OpenStream = async (request) =>
      // n8n adds the credential's headers; the node never holds the token.
      (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
        method: 'GET',
        url: `${baseUrl}/events/stream`,
        qs: { type: [...request.types], heartbeat_seconds: request.heartbeatSeconds },
        arrayFormat: 'repeat',
        headers: {
          accept: 'text/event-stream',
          'user-agent': USER_AGENT,
          ...(request.lastEventId ? { 'last-event-id': request.lastEventId } : {}),
        },
        encoding: 'stream',
        // Idle time allowed on the socket: heartbeats arrive well within it.
        timeout: request.heartbeatSeconds * 4 * 1000,
        abortSignal: request.signal,
      })) as AsyncIterable<Uint8Array>;

    const closed = new AbortController();
    const waits = { refused: false };
    const confirmStarts = emitTakesDeduplicationKey(this.emit);
    const workflowId = this.getWorkflow().id ?? '';
    const emitEvent = (event: WebhookEvent) => {
      const data = [this.helpers.returnJsonArray([event as never])];
      // An n8n without deduplication keys gets each event once, unconfirmed (a retry could double).
      if (!confirmStarts) return this.emit(data);
      emitUntilStarted(this.emit.bind(this), data, {
        deduplicationKey: `senseon-stream:${workflowId}:${this.getNode().id}:${event.id}`,
        signal: closed.signal,
        waits,
        // Past the stream's resume point: SenseOn still lists it (GET /events) for a replay.
        onGiveUp: (error) =>
          this.logger.error(
            `SenseOn Stream Trigger: n8n did not start the execution for event ${event.id} (${event.type}) after repeated attempts`,
            { error: error instanceof Error ? error.message : String(error) },
          ),
      });
    };

    if (this.getMode() === 'manual') {
      // A manual test waits for the next event, then lets go of the stream.
      let finish: () => void = () => undefined;
      const manual = new EventStreamReader(open, {
        types,
        heartbeatSeconds: HEARTBEAT_SECONDS,
        listener: {
          onEvent: (event) => {
            // A manual test shows the event in the editor; there is no execution to confirm.
            this.emit([this.helpers.returnJsonArray([event as never])]);
            manual.stop();
            finish();
          },
          isFatal: isFatal,
          onFatal: (error) => this.emitError(asNodeError(this, error)),
        },
      });
      return {
        manualTriggerFunction: async () => {
          await new Promise<void>((resolve) => {
            finish = resolve;
            void manual.run().then(resolve);
          });
        },
        closeFunction: async () => manual.stop(),
      };
    }

    const reader = new EventStreamReader(open, {
      types,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      lastEventId: state.lastEventId,
      listener: {
        onEvent: (event) => {
          emitEvent(event);
          state.lastEventId = event.id;
        },
        isFatal,
        onFatal: (error) => this.emitError(asNodeError(this, error)),
      },
    });
    const running = reader.run();
    return {
      closeFunction: async () => {
        closed.abort();
        reader.stop();
        await running;
      },
    };
  }
}

function statusOf(error: unknown): string | undefined {
  const code = (error as { httpCode?: unknown } | null)?.httpCode;
  return code === undefined || code === null ? undefined : String(code);
}

function isFatal(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && FATAL_STATUSES.has(status);
}

function asNodeError(context: ITriggerFunctions, error: unknown): Error {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  return new NodeOperationError(context.getNode(), error as Error, {
    message: 'The SenseOn event stream failed',
  });
}
