import type { Context } from 'hono';
import type { z } from 'zod';
import type { ENDPOINTS, EndpointId } from '@senseon/client';
import type { Caller } from '../auth/caller';
import type { SandboxServices } from '../services';

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
 * UTF-8 JSON in the order it is to be sent, as chunks that are never joined into one buffer:
 * a 1,000-observation page is ~2 MB, and allocating (then faulting in) a fresh buffer of that
 * size for every answer cost more than reading the page from SQLite (issue 11, benchmark 8).
 */
export interface JsonBytes {
  chunks: Uint8Array[];
  byteLength: number;
}

/** The size of the chunks a page is copied into: small enough for malloc to reuse freed ones. */
const CHUNK_BYTES = 64 * 1024;

/** Copies parts into 64 KiB chunks (a part larger than a chunk is kept as its own chunk). */
function chunked(parts: Iterable<Uint8Array>): JsonBytes {
  const chunks: Uint8Array[] = [];
  let byteLength = 0;
  let current = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const flush = () => {
    if (used > 0) chunks.push(current.subarray(0, used));
    current = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };
  for (const part of parts) {
    byteLength += part.byteLength;
    if (part.byteLength > CHUNK_BYTES) {
      flush();
      chunks.push(part);
    } else {
      if (used + part.byteLength > CHUNK_BYTES) flush();
      current.set(part, used);
      used += part.byteLength;
    }
  }
  if (used > 0) chunks.push(current.subarray(0, used));
  return { chunks, byteLength };
}

/** The whole body as one buffer, for the few readers that need it (idempotent replays). */
export const jsonText = (json: JsonBytes): string => Buffer.concat(json.chunks).toString('utf8');

const COMMA = Buffer.from(',');

/** A page of stored objects in the contract's shape, their stored JSON spliced in as it is. */
export const docPage = (result: {
  docs: Uint8Array[];
  nextCursor: string | null;
  totalItems: number;
}): HandlerResult => {
  const pagination = { next_cursor: result.nextCursor, total_items: result.totalItems };
  function* parts() {
    yield Buffer.from('{"data":[');
    for (const [index, doc] of result.docs.entries()) {
      if (index > 0) yield COMMA;
      yield doc;
    }
    yield Buffer.from(`],"pagination":${JSON.stringify(pagination)}}`);
  }
  return { status: 200, json: chunked(parts()) };
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
