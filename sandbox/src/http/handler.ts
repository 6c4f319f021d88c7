import type { Context } from 'hono';
import type { z } from 'zod';
import type { ENDPOINTS, EndpointId } from '@senseon/client';
import type { Caller } from '../auth/caller';
import type { SandboxServices } from '../services';
import { BodyBuffers } from './body-buffers';

type Def<E extends EndpointId> = (typeof ENDPOINTS)[E];
type Part<E extends EndpointId, K extends 'params' | 'query' | 'body'> =
  Def<E> extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;

/** What a handler receives: the request's parts, already validated by the endpoint's schemas. */
export interface EndpointInput<E extends EndpointId> {
  params: Part<E, 'params'>;
  query: Part<E, 'query'>;
  body: Part<E, 'body'>;
}

export interface RequestContext {
  caller: Caller;
  requestId: string;
  services: SandboxServices;
  /** The base URL the client used (`http://127.0.0.1:4010/v1`), for links in answers. */
  baseUrl: string;
  hono: Context;
}

/** A handler answers data; the router turns it into the HTTP response. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  /** The body already serialised as UTF-8 JSON (lists of stored objects); answered as it is. */
  json?: JsonBytes;
  headers?: Record<string, string>;
  /** A response the handler made itself (the event stream), answered as it is. */
  response?: Response;
}

export type Handler<E extends EndpointId> = (
  ctx: RequestContext,
  input: EndpointInput<E>,
) => HandlerResult | Promise<HandlerResult>;

/** One handler per endpoint of the contract: a missing one is a type error. */
export type HandlerTable = { [E in EndpointId]: Handler<E> };

export const ok = (body: unknown, status = 200): HandlerResult => ({ status, body });
export const noContent = (): HandlerResult => ({ status: 204 });

/**
 * UTF-8 JSON ready to send, in a buffer taken from `BODY_BUFFERS`: one contiguous body, written
 * to the socket at once, in memory that is already resident (see body-buffers.ts).
 */
export interface JsonBytes {
  bytes: Uint8Array<ArrayBuffer>;
  /** Gives the buffer back for reuse: call once every byte was sent, and only then. */
  release(): void;
}

/** The buffers answers of stored JSON are built in; shared by every sandbox in the process. */
export const BODY_BUFFERS = new BodyBuffers();

/** The whole body as text, for the few readers that need it (idempotent replays). */
export const jsonText = (json: JsonBytes): string =>
  Buffer.from(json.bytes.buffer, json.bytes.byteOffset, json.bytes.byteLength).toString('utf8');

const COMMA = 0x2c;
const DATA_OPEN = Buffer.from('{"data":[');

/** A page of stored objects in the contract's shape, their stored JSON spliced in as it is. */
export const docPage = (result: {
  docs: Uint8Array[];
  nextCursor: string | null;
  totalItems: number;
}): HandlerResult => {
  const pagination = { next_cursor: result.nextCursor, total_items: result.totalItems };
  const close = Buffer.from(`],"pagination":${JSON.stringify(pagination)}}`);
  let size = DATA_OPEN.length + close.length + Math.max(0, result.docs.length - 1);
  for (const doc of result.docs) size += doc.byteLength;
  const buffer = BODY_BUFFERS.take(size);
  let at = DATA_OPEN.copy(buffer, 0);
  for (const [index, doc] of result.docs.entries()) {
    if (index > 0) buffer[at++] = COMMA;
    buffer.set(doc, at);
    at += doc.byteLength;
  }
  at += close.copy(buffer, at);
  return {
    status: 200,
    json: { bytes: buffer.subarray(0, at), release: () => BODY_BUFFERS.give(buffer) },
  };
};

/** A page in the contract's shape. */
export const page = <T>(
  items: T[],
  result: { nextCursor: string | null; totalItems: number },
): HandlerResult =>
  ok({
    data: items,
    pagination: { next_cursor: result.nextCursor, total_items: result.totalItems },
  });
