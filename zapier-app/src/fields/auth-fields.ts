import type { Authentication, PlainInputField } from 'zapier-platform-core';
import { DEFAULT_BASE_URL, TOKEN_PAGE_URL } from '../client';

/** The connection's fields; their keys are what `bundle.authData` holds. */
export const AUTH_FIELDS = [
  {
    key: 'environment',
    label: 'Environment',
    type: 'string',
    required: true,
    default: 'production',
    choices: [
      { value: 'production', sample: 'production', label: 'Production' },
      { value: 'sandbox', sample: 'sandbox', label: 'Sandbox (testing only)' },
    ],
    helpText:
      'Production for your SenseOn tenant. Sandbox only when you test Zaps against a SenseOn sandbox your team runs.',
    isNoSecret: true,
  },
  {
    key: 'baseUrl',
    label: 'API Address',
    type: 'string',
    required: true,
    default: DEFAULT_BASE_URL,
    helpText:
      'Keep the default unless SenseOn gave you a regional address. In Production it must start with `https://`; for a sandbox, the address your team gave you.',
    isNoSecret: true,
  },
  {
    key: 'token',
    label: 'Personal Access Token',
    type: 'password',
    required: true,
    helpText: `Create one in SenseOn under [Settings → API tokens](${TOKEN_PAGE_URL}) with the permissions your Zaps need (read and write cases, request actions, manage webhooks). It is shown only once.`,
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
