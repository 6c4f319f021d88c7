import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ENDPOINTS, type EndpointDef, type EndpointId } from '../contract/endpoints';
import type { FieldIssue } from '../errors/client-errors';
import type { Requester } from '../http/requester';
import type { RequestOptions } from '../http/request-options';
import { fillPath, queryString } from '../http/url';
import { checkInput, checkResponse, throwIfInvalid } from '../http/validate';
import { PagePromise } from '../pagination';
import type { Page } from '../schemas/common';

/** POSTs that only read, and so retry like a GET. */
const READ_ONLY_POSTS: ReadonlySet<EndpointId> = new Set<EndpointId>(['searchCases']);

type SuccessOf<K extends EndpointId> = (typeof ENDPOINTS)[K]['success'];
/** What an endpoint answers, from its success schema in the contract table. */
export type ResponseOf<K extends EndpointId> =
  SuccessOf<K> extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface CallInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export interface CallOverrides {
  /** A narrower body schema than the endpoint's (one observation instead of the union). */
  bodySchema?: z.ZodType;
  responseSchema?: z.ZodType;
}

/**
 * Base of every resource: a call is described by its endpoint id, and the contract table gives
 * the method, path and the schemas that check the input before sending and the answer after.
 */
export abstract class ApiResource {
  constructor(protected readonly requester: Requester) {}

  protected async call<K extends EndpointId>(
    id: K,
    input: CallInput,
    options: RequestOptions = {},
    overrides: CallOverrides = {},
  ): Promise<ResponseOf<K>> {
    const endpoint: EndpointDef = ENDPOINTS[id];
    const method = endpoint.method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE';
    const what = `${method} ${endpoint.path}`;
    const secrets = this.requester.secretsFor(options);
    const issues: FieldIssue[] = [];
    const params = checkInput(endpoint.params, input.params ?? {}, issues);
    const query = checkInput(endpoint.query, input.query ?? {}, issues);
    const bodySchema = overrides.bodySchema ?? endpoint.body;
    const body = bodySchema ? checkInput(bodySchema, input.body ?? {}, issues) : undefined;
    throwIfInvalid(what, issues, secrets);
    const path = fillPath(endpoint.path, params as Record<string, unknown>) + queryString(query);
    const readOnly = READ_ONLY_POSTS.has(id);
    const response = await this.requester.send({
      method,
      path,
      body,
      readOnly,
      // Every write carries a key (as stripe-node does), reused on each retry: a retry after an
      // answer lost on the way back replays the stored answer instead of writing twice.
      idempotencyKey: method === 'POST' && !readOnly ? randomUUID() : undefined,
      options,
      endpoint: id,
      params,
    });
    const schema = overrides.responseSchema ?? endpoint.success.schema;
    if (!schema || endpoint.success.status === 204) return undefined as ResponseOf<K>;
    return checkResponse(schema, response.json, `${method} ${path}`, {
      requestId: response.requestId,
      secrets,
    }) as ResponseOf<K>;
  }

  /**
   * A paged list. `input(cursor)` builds each page's input: the cursor goes in the query for a
   * GET and in the body for the `POST /cases` list form.
   */
  protected paged<K extends EndpointId, T>(
    id: K,
    input: (cursor: string | undefined) => CallInput,
    options?: RequestOptions,
  ): PagePromise<T> {
    return new PagePromise<T>(
      async (cursor) => (await this.call(id, input(cursor), options)) as unknown as Page<T>,
    );
  }
}

/** Adds the cursor to filters, leaving them untouched for the first page. */
export function withCursor<F extends object>(filters: F | undefined, cursor: string | undefined) {
  return cursor === undefined ? { ...filters } : { ...filters, cursor };
}
