import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from './client';
import { AUTH_FIELDS } from './fields/auth-fields';
import { handled } from './errors';
import { fetchMe } from './me';

/** `GET /me`: proves the token works without changing anything, and names its tenant. */
const test = handled(async (z: ZObject, bundle: Bundle) =>
  fetchMe(clientFor(z, bundle), z, bundle),
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
