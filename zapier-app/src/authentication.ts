import type { Authentication, Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { clientFor, DEFAULT_BASE_URL } from './client';
import { handled } from './errors';
import { fetchMe } from './me';

export const AUTH_FIELDS = [
  {
    key: 'baseUrl',
    label: 'Base URL',
    type: 'string',
    required: true,
    default: DEFAULT_BASE_URL,
    helpText:
      'The SenseOn API address. Keep the default unless SenseOn gave you another one (a regional API, or a sandbox such as `http://127.0.0.1:4010/v1`).',
    isNoSecret: true,
  },
  {
    key: 'token',
    label: 'Personal Access Token',
    type: 'password',
    required: true,
    helpText:
      'Create one in SenseOn under **Settings → API → Personal access tokens** with the scopes your Zaps need (for example `cases:read cases:write actions:request webhooks:manage`). It is shown only once.',
  },
  {
    key: 'tenantId',
    label: 'MSSP Tenant ID',
    type: 'string',
    required: false,
    helpText:
      'Only for MSSP keys that manage several tenants: the tenant to act for (starts with `ten_`). Leave empty to use the token’s own tenant.',
    isNoSecret: true,
  },
] satisfies Authentication['fields'];

/** The auth fields as input fields, so errors about them are named by their labels. */
export const AUTH_FIELD_LABELS: PlainInputField[] = AUTH_FIELDS.map(({ key, label }) => ({
  key,
  label,
}));

/** `GET /me`: proves the token works without changing anything, and names its tenant. */
const test = handled(
  async (z: ZObject, bundle: Bundle) => fetchMe(clientFor(z, bundle), z, bundle),
  AUTH_FIELD_LABELS,
);

interface MeLike {
  principal?: string;
  tenant?: { id?: string; name?: string };
}

/** "Acme Corp (soc-automation)": which tenant, and who, the connection acts as. */
const connectionLabel = async (_z: ZObject, bundle: Bundle) => {
  const me = bundle.inputData as MeLike;
  const tenant = me.tenant?.name ?? me.tenant?.id ?? 'SenseOn';
  return me.principal ? `${tenant} (${me.principal})` : tenant;
};

export const authentication: Authentication = {
  type: 'custom',
  fields: AUTH_FIELDS,
  test,
  connectionLabel,
};
