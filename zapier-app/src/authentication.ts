import type { Me } from '@senseon/client';
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from './client';
import { AUTH_FIELDS } from './fields/auth-fields';
import { handled } from './errors';

/** `GET /me`: proves the token works without changing anything, and names its tenant. */
const test = handled(async (z: ZObject, bundle: Bundle) => clientFor(z, bundle).me());

/** What the test returned; Zapier hands it to `connectionLabel` as `inputData`. */
type MeLike = Partial<Pick<Me, 'principal'>> & { tenant?: Partial<Me['tenant']> };

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
