import type {
  ICredentialDataDecryptedObject,
  ICredentialTestRequest,
  ICredentialType,
  IHttpRequestOptions,
  Icon,
  INodeProperties,
} from 'n8n-workflow';

/** A SenseOn personal access token, and for MSSP keys the tenant to act for. */
export class SenseOnApi implements ICredentialType {
  name = 'senseOnApi';

  displayName = 'SenseOn API';

  icon: Icon = { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' };

  documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-senseon#credentials';

  properties: INodeProperties[] = [
    {
      // n8n 2.40.7 answers a test request that reaches no server with the bare error code
      // (ECONNREFUSED): a declarative test cannot word it, and a node's testedBy function has
      // only the deprecated helpers.request, which n8n-node lint refuses. So the form says it.
      displayName:
        'If the test says ECONNREFUSED, ENOTFOUND or ETIMEDOUT, nothing answered at the Base URL: check its host and port, that SenseOn (or the sandbox) is running there, and that n8n can reach it (proxy, firewall)',
      name: 'connectionNotice',
      type: 'notice',
      default: '',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'https://api.senseon.io/v1',
      required: true,
      placeholder: 'https://api.senseon.io/v1',
      description:
        'The SenseOn API v1 address. Keep the default for SenseOn cloud; a local sandbox answers at http://127.0.0.1:&lt;port&gt;/v1.',
    },
    {
      displayName: 'Personal Access Token',
      name: 'token',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      required: true,
      description:
        'Created in SenseOn under personal access tokens. Give it only the scopes your workflows need (for example cases:read, actions:request).',
    },
    {
      displayName: 'Tenant ID',
      name: 'tenantId',
      type: 'string',
      default: '',
      placeholder: 'ten_…',
      description:
        'Only for MSSP keys that act for several tenants: the tenant to act for, sent as X-SenseOn-Tenant. Leave empty otherwise.',
    },
  ];

  /**
   * n8n adds these headers to every request of the SenseOn nodes; the nodes never read the token.
   * The tenant header is sent only when a tenant is set: an empty one would select no tenant.
   */
  async authenticate(
    credentials: ICredentialDataDecryptedObject,
    requestOptions: IHttpRequestOptions,
  ): Promise<IHttpRequestOptions> {
    const headers: Record<string, string> = {
      ...(requestOptions.headers as Record<string, string> | undefined),
      Authorization: `Bearer ${String(credentials.token ?? '').trim()}`,
    };
    const tenantId = String(credentials.tenantId ?? '').trim();
    if (tenantId) headers['X-SenseOn-Tenant'] = tenantId;
    return { ...requestOptions, headers };
  }

  /** `GET /me` answers for any valid token, so it tests the token, the URL and the tenant. */
  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{$credentials.baseUrl}}',
      url: '/me',
      method: 'GET',
    },
    rules: [
      {
        type: 'responseCode',
        properties: {
          value: 401,
          message:
            'SenseOn did not accept the personal access token (missing, invalid, expired or revoked). Create a new token in SenseOn and paste it here.',
        },
      },
      {
        type: 'responseCode',
        properties: {
          value: 403,
          message:
            'The token is valid but may not act for this tenant. Check the Tenant ID (only MSSP keys may set one), or leave it empty.',
        },
      },
      {
        type: 'responseCode',
        properties: {
          value: 404,
          message:
            'Nothing answers at this Base URL: it must end in /v1, e.g. https://api.senseon.io/v1.',
        },
      },
    ],
  };
}
