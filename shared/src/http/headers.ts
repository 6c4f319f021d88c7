import { VERSION } from '../version';

export interface HeaderInputs {
  token?: string;
  tenantId?: string;
  userAgent?: string;
  /** The platform's runtime token (`node/22.1.0`), if it names one. */
  runtime?: string;
  traceparent?: string;
  idempotencyKey?: string;
  hasBody: boolean;
  extra?: Record<string, string>;
}

/** `senseon-client/0.1.0 node/22.1.0`, then the connector's own product token if given. */
export function userAgent(suffix?: string, runtime?: string): string {
  return [`senseon-client/${VERSION}`, runtime, suffix].filter(Boolean).join(' ');
}

export function requestHeaders(inputs: HeaderInputs): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': userAgent(inputs.userAgent, inputs.runtime),
    Accept: 'application/json',
  };
  if (inputs.hasBody) headers['Content-Type'] = 'application/json';
  if (inputs.token) headers.Authorization = `Bearer ${inputs.token}`;
  if (inputs.tenantId) headers['X-SenseOn-Tenant'] = inputs.tenantId;
  if (inputs.traceparent) headers.traceparent = inputs.traceparent;
  if (inputs.idempotencyKey) headers['Idempotency-Key'] = inputs.idempotencyKey;
  return { ...headers, ...inputs.extra };
}
