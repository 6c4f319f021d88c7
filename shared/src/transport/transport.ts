/** The HTTP methods the API uses. */
export type HttpMethodUpper = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A fully built request: the core decides everything, the transport only sends it. */
export interface TransportRequest {
  method: HttpMethodUpper;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one request and returns whatever status came back. Throws `ConnectionError` (or
 * `TimeoutError`) only when there is no response at all; Zapier's `z.request` and n8n's
 * `httpRequestWithAuthentication` are wrapped as transports in their own packages.
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
}
