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
  json?: Uint8Array;
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

const COMMA = Buffer.from(',');

/** A page of stored objects in the contract's shape, their stored JSON spliced in as it is. */
export const docPage = (result: {
  docs: Uint8Array[];
  nextCursor: string | null;
  totalItems: number;
}): HandlerResult => {
  const parts: Uint8Array[] = [Buffer.from('{"data":[')];
  result.docs.forEach((doc, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(doc);
  });
  const pagination = { next_cursor: result.nextCursor, total_items: result.totalItems };
  parts.push(Buffer.from(`],"pagination":${JSON.stringify(pagination)}}`));
  return { status: 200, json: Buffer.concat(parts) };
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
