import type { Authentication, PlainInputField } from 'zapier-platform-core';
import { DEFAULT_BASE_URL } from '../client';

/** The connection's fields; their keys are what `bundle.authData` holds. */
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
