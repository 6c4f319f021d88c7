import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** A `senseOnApi` credential as n8n would decrypt it, pointing at a running sandbox. */
export function sandboxCredential(
  baseUrl: string,
  token: string,
  tenantId = '',
): ICredentialDataDecryptedObject {
  return { baseUrl, token, tenantId };
}
