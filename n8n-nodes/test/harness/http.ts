import { SenseOnApi } from '../../credentials/SenseOnApi.credentials';
import {
  NodeApiError,
  type IAdditionalCredentialOptions,
  type ICredentialDataDecryptedObject,
  type IHttpRequestOptions,
  type INode,
  type JsonObject,
} from 'n8n-workflow';

/** Every request a context sent, as n8n would have sent it (after the credential applied). */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The answer's status, once it came (none when nothing answered). */
  status?: number;
}

function fullUrl(options: IHttpRequestOptions): string {
  const base = options.baseURL ? options.baseURL.replace(/\/+$/, '') : '';
  const url = new URL(base ? `${base}/${options.url.replace(/^\/+/, '')}` : options.url);
  for (const [name, value] of Object.entries(options.qs ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) url.searchParams.append(name, String(item));
    }
  }
  return url.toString();
}

function bodyOf(options: IHttpRequestOptions): string | undefined {
  if (options.body === undefined || options.body === null) return undefined;
  return typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
}

/**
 * n8n's `httpRequestWithAuthentication`, as far as these nodes use it: the credential's
 * `authenticate` adds its headers, then a real HTTP request; `returnFullResponse` and
 * `ignoreHttpStatusErrors` behave as in n8n, and a request that gets no answer throws
 * NodeApiError with the system error as its cause.
 */
export function authenticatedRequester(
  node: INode,
  credentials: ICredentialDataDecryptedObject,
  sent: SentRequest[],
) {
  const credentialType = new SenseOnApi();
  return async function httpRequestWithAuthentication(
    _credentialsType: string,
    requestOptions: IHttpRequestOptions,
    additional?: IAdditionalCredentialOptions,
  ): Promise<unknown> {
    // As n8n: a credential the node hands over is applied instead of loading it again.
    const applied = additional?.credentialsDecrypted?.data ?? credentials;
    const options = await credentialType.authenticate(applied, { ...requestOptions });
    const headers = Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    const body = bodyOf(options);
    if (
      body !== undefined &&
      !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
    ) {
      headers['content-type'] = 'application/json';
    }
    const url = fullUrl(options);
    const method = options.method ?? 'GET';
    const entry: SentRequest = { method, url, headers };
    sent.push(entry);
    if (options.encoding === 'stream') return streamed(node, url, method, headers, options);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(options.timeout ?? 30_000),
      });
    } catch (error) {
      throw new NodeApiError(node, error as JsonObject);
    }
    entry.status = response.status;
    const text = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    const parsed: unknown =
      options.encoding === 'text' || options.json === false || text === ''
        ? text
        : JSON.parse(text);
    if (!response.ok && !options.ignoreHttpStatusErrors) {
      throw new NodeApiError(node, {
        message: text,
        httpCode: String(response.status),
      } as JsonObject);
    }
    return options.returnFullResponse
      ? { statusCode: response.status, headers: responseHeaders, body: parsed }
      : parsed;
  };
}

/**
 * `encoding: 'stream'`, as n8n answers it: the body as an async iterable of chunks once the
 * status is 2xx (else NodeApiError with the status), ended by `abortSignal`.
 */
async function streamed(
  node: INode,
  url: string,
  method: string,
  headers: Record<string, string>,
  options: IHttpRequestOptions,
): Promise<AsyncIterable<Uint8Array>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      signal: options.abortSignal as AbortSignal | undefined,
    });
  } catch (error) {
    throw new NodeApiError(node, error as JsonObject);
  }
  if (!response.ok || !response.body) {
    throw new NodeApiError(node, {
      message: await response.text(),
      httpCode: String(response.status),
    } as JsonObject);
  }
  return response.body as unknown as AsyncIterable<Uint8Array>;
}
