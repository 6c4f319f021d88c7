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
 * n8n adds the Authorization and tenant headers to each request from the credential (see
 * `SenseOnApi.authenticate`); this package never reads the token. The credential is loaded once
 * per client and handed back to n8n with each request: n8n otherwise loads it from its database
 * again for every request, which in a real n8n 2.40.7 cost a webhook delivery about 80 ms.
 */
export async function senseOnClient(context: RequestContext): Promise<BaseSenseOnClient> {
  const credentials = await context.getCredentials(CREDENTIAL_TYPE);
  const { baseUrl } = credentials as Partial<SenseOnCredentialFields>;
  const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
  // SenseOn's budget is per token, and this client never sees the token: the credential's id
  // names it instead. Every run in this process on one credential then shares one header pacer,
  // which reads the key's count from SenseOn's X-RateLimit-* answers and so holds the budget
  // with any number of workers and webhook processors spending from it too.
  const credentialId = reference?.id ?? undefined;
  return new BaseSenseOnClient(
    {
      baseUrl: String(baseUrl || DEFAULT_BASE_URL).trim(),
      userAgent: USER_AGENT,
      ...(credentialId ? { budgetKey: `n8n-credential:${credentialId}` } : { rateLimit: false }),
    },
    n8nPlatform(
      context,
      credentialId
        ? {
            id: credentialId,
            name: reference?.name ?? '',
            type: CREDENTIAL_TYPE,
            data: credentials,
          }
        : undefined,
    ),
  );
}
