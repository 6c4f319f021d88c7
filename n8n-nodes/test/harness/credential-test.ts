import type {
  ICredentialDataDecryptedObject,
  ICredentialType,
  IHttpRequestOptions,
  INode,
} from 'n8n-workflow';
import { authenticatedRequester } from './http';

export type CredentialTestResult = { status: 'OK' } | { status: 'Error'; message: string };

/** `={{$credentials.baseUrl}}` → the credential's value; the only expressions the test uses. */
function resolve(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
  if (typeof value !== 'string') return value;
  const match = /^=\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(value);
  if (!match) {
    if (value.startsWith('=')) throw new Error(`harness: cannot resolve ${value}`);
    return value;
  }
  return credentials[match[1]!];
}

/**
 * n8n's "Test" button for a credential with a declarative `test`: the request with the
 * credential applied; a 2xx is OK, otherwise the first rule for the status gives the message.
 */
export async function testCredential(
  credentialType: ICredentialType,
  credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
  const { request, rules = [] } = credentialType.test!;
  const node = { name: 'Credential test', type: 'test', typeVersion: 1 } as INode;
  const send = authenticatedRequester(node, credentials, []);
  const options = {
    ...request,
    baseURL: resolve(request.baseURL, credentials) as string,
    url: resolve(request.url, credentials) as string,
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
  } as IHttpRequestOptions;
  const response = (await send('senseOnApi', options)) as { statusCode: number; body: unknown };
  if (response.statusCode >= 200 && response.statusCode < 300) return { status: 'OK' };
  for (const rule of rules) {
    if (rule.type === 'responseCode' && rule.properties.value === response.statusCode) {
      return { status: 'Error', message: String(rule.properties.message) };
    }
  }
  return { status: 'Error', message: `HTTP ${response.statusCode}` };
}
