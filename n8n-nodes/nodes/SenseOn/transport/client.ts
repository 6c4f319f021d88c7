import { SenseOnClient, VERSION } from '@senseon/client';
import { sleep } from 'n8n-workflow';
import { CREDENTIAL_TYPE, N8nTransport, type RequestContext } from './n8n-transport';

/** The fields of the `senseOnApi` credential this package reads itself (never the token). */
export interface SenseOnCredentialFields {
  baseUrl: string;
  tenantId?: string;
}

export const DEFAULT_BASE_URL = 'https://api.senseon.io/v1';

/** Identifies n8n traffic in SenseOn's logs. */
export const USER_AGENT = `senseon-n8n/${VERSION}`;

/**
 * A client for the credential of this node. It holds no token: n8n adds the Authorization and
 * tenant headers to each request from the credential (see `SenseOnApi.authenticate`).
 */
export async function senseOnClient(context: RequestContext): Promise<SenseOnClient> {
  const credentials = await context.getCredentials<SenseOnCredentialFields>(CREDENTIAL_TYPE);
  return new SenseOnClient({
    baseUrl: String(credentials.baseUrl || DEFAULT_BASE_URL).trim(),
    transport: new N8nTransport(context),
    userAgent: USER_AGENT,
    sleep,
    // The budget is per token, but this client never sees the token; SenseOn's 429 and its
    // Retry-After, which the core obeys, keep requests within the limit instead.
    rateLimit: false,
  });
}
