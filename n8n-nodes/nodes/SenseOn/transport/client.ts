import { BaseSenseOnClient, VERSION } from '@senseon/client';
import { CREDENTIAL_TYPE, type RequestContext } from './n8n-transport';
import { n8nPlatform } from './platform';

/** The fields of the `senseOnApi` credential this package reads itself (never the token). */
export interface SenseOnCredentialFields {
  baseUrl: string;
  tenantId?: string;
}

export const DEFAULT_BASE_URL = 'https://api.senseon.io/v1';

/** Identifies n8n traffic in SenseOn's logs. */
export const USER_AGENT = `senseon-n8n/${VERSION}`;

/**
 * A client for the credential of this node, on n8n's platform (its sleep, its HTTP helpers).
 * It holds no token: n8n adds the Authorization and tenant headers to each request from the
 * credential (see `SenseOnApi.authenticate`).
 */
export async function senseOnClient(context: RequestContext): Promise<BaseSenseOnClient> {
  const credentials = await context.getCredentials<SenseOnCredentialFields>(CREDENTIAL_TYPE);
  return new BaseSenseOnClient(
    {
      baseUrl: String(credentials.baseUrl || DEFAULT_BASE_URL).trim(),
      userAgent: USER_AGENT,
      // The budget is per token, but this client never sees the token; SenseOn's 429 and its
      // Retry-After, which the core obeys, keep requests within the limit instead.
      rateLimit: false,
    },
    n8nPlatform(context),
  );
}
