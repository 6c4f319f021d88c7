import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { App, appError, appTester, authFor, startTestSandbox, thrown } from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
const test = App.authentication!.test as Perform;
const connectionLabel = App.authentication!.connectionLabel as Perform;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('authentication', () => {
  it('tests the token with GET /me and names the connection after its tenant and principal', async () => {
    const me = (await appTester(test, { authData: authFor(sandbox, 'analyst') })) as {
      principal: string;
      tenant: { id: string; name: string };
      scopes: string[];
    };
    expect(me.principal).toBe('analyst');
    expect(me.tenant.id).toBe(sandbox.tenants[0]);
    expect(me.scopes).toContain('cases:read');
    const label = await appTester(connectionLabel, {
      authData: authFor(sandbox, 'analyst'),
      inputData: me as unknown as Record<string, unknown>,
    });
    expect(label).toBe(`${me.tenant.name} (analyst)`);
  });

  it('acts for another tenant with an MSSP key and the tenant id', async () => {
    const other = sandbox.tenants[1]!;
    const me = (await appTester(test, {
      authData: { ...authFor(sandbox, 'admin'), tenantId: other },
    })) as { tenant: { id: string } };
    expect(me.tenant.id).toBe(other);
  });

  it('turns a rejected token into ExpiredAuthError asking for a new token, without echoing it', async () => {
    const badToken = 'senseon_pat_thisTokenWasRevokedLongAgo0000000000000';
    const error = await thrown(() =>
      appTester(test, {
        authData: { environment: 'sandbox', baseUrl: sandbox.url, token: badToken },
      }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/create a new personal access token/i);
    expect(error.message).not.toContain(badToken);
  });

  it('names the API Address when it is not a URL', async () => {
    const error = await thrown(() =>
      appTester(test, {
        authData: { environment: 'sandbox', baseUrl: 'api.senseon', token: sandbox.tokens.analyst },
      }),
    );
    expect(error.message).toContain('API Address');
  });

  it('refuses a plain-HTTP address in Production, before any request carries the token', async () => {
    for (const environment of [undefined, 'production']) {
      const error = await thrown(() =>
        appTester(test, {
          authData: { environment, baseUrl: sandbox.url, token: sandbox.tokens.analyst },
        }),
      );
      expect(appError(error).message).toContain('"API Address" (baseUrl) must start with https://');
      expect(error.message).toContain('choose Sandbox as the Environment');
      expect(error.message).not.toContain(sandbox.tokens.analyst);
    }
    // The same address works once the sandbox is chosen explicitly.
    const me = (await appTester(test, { authData: authFor(sandbox, 'analyst') })) as object;
    expect(me).toHaveProperty('tenant');
  });
});
