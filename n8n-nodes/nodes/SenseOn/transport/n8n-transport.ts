import {
  ConnectionError,
  TimeoutError,
  describeSystemError,
  systemCodeOf,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@senseon/client';
import { NodeOperationError } from 'n8n-workflow';
import type {
  IExecuteFunctions,
  IHookFunctions,
  ICredentialsDecrypted,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  IPollFunctions,
  IWebhookFunctions,
} from 'n8n-workflow';

/** Every n8n context that can send authenticated requests. */
export type RequestContext =
  IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IPollFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'senseOnApi';

interface FullResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
}

function lowerCaseHeaders(headers: Record<string, unknown> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return JSON.stringify(body);
}

/**
 * What an error from n8n's HTTP helper says about the failure, without request details. n8n
 * wraps the HTTP client's error in NodeApiError (as `cause`, or as `errorResponse` when it did
 * not recognise it as an Error); the core finds the system code on it or deeper.
 */
function failureOf(error: unknown): { code: string | undefined; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { code: systemCodeOf(error) ?? undefined, message };
}

/**
 * The client core's transport in n8n: every request goes through
 * `httpRequestWithAuthentication`, so n8n applies the SenseOn credential (the token never
 * passes through this package) and its proxy and SSRF settings. Non-2xx answers come back as
 * they are, so the core maps errors and decides retries in one place.
 */
export class N8nTransport implements Transport {
  constructor(
    private readonly context: RequestContext,
    /** The credential as loaded once for this client; without it n8n loads it per request. */
    private readonly credential?: ICredentialsDecrypted,
  ) {}

  async send(request: TransportRequest): Promise<TransportResponse> {
    const options: IHttpRequestOptions = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      timeout: request.timeoutMs,
      abortSignal: request.signal,
      encoding: 'text',
      json: false,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
    };
    let response: FullResponse;
    try {
      response = (await this.context.helpers.httpRequestWithAuthentication.call(
        this.context,
        CREDENTIAL_TYPE,
        options,
        // A copy: n8n may add pre-authentication data to what it is given.
        this.credential
          ? { credentialsDecrypted: { ...this.credential, data: { ...this.credential.data } } }
          : undefined,
      )) as FullResponse;
    } catch (error) {
      // With ignoreHttpStatusErrors every answer comes back; what throws is no answer at all,
      // or n8n itself refusing (no credential set), which must stay as n8n worded it.
      const failure = failureOf(error);
      if (failure.code === undefined && !/timeout|socket|network/i.test(failure.message)) {
        throw new NodeOperationError(this.context.getNode(), error as Error);
      }
      throw toConnectionError(failure, request);
    }
    return {
      status: response.statusCode,
      headers: lowerCaseHeaders(response.headers),
      body: bodyText(response.body),
    };
  }
}

/**
 * No cause is attached: n8n's error carries the request it failed on, headers included, and
 * the credential's Authorization header must never travel further. The system code travels
 * alone, so the core can say that nothing answered at the base URL. Codes are put in words:
 * n8n replaces any message that contains a raw code such as ECONNREFUSED with a generic one.
 */
function toConnectionError(
  { code, message }: { code: string | undefined; message: string },
  request: TransportRequest,
): ConnectionError {
  const target = `${request.method} ${new URL(request.url).origin}`;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return new TimeoutError(
      `SenseOn did not answer within ${request.timeoutMs} ms (${target}).`,
      request.timeoutMs,
      { advice: 'Try again later.' },
    );
  }
  const why = code ? `: ${describeSystemError(code)}` : '';
  return new ConnectionError(`Could not reach SenseOn (${target})${why}.`, {
    advice: 'Check the base URL in the SenseOn credential and the network.',
    systemCode: code ?? null,
  });
}
