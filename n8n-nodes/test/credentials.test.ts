import { SenseOnClient } from '@senseon/client';
import { SenseOnApi } from '../credentials/SenseOnApi.credentials';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { testCredential } from './harness/credential-test';
import { runExecute } from './harness/execute-context';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';

describe('SenseOn API credential', () => {
  const credential = new SenseOnApi();
  let sb: TestSandbox;

  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(() => sb.close());

  it('declares the token a password and defaults to SenseOn cloud', () => {
    const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
    expect(byName.token!.typeOptions).toMatchObject({ password: true });
    expect(byName.baseUrl!.default).toBe('https://api.senseon.io/v1');
    expect(byName.tenantId!.required).toBeFalsy();
  });

  it('says on the form what a bare connection error from the Test button means', async () => {
    // Nothing listens here. n8n 2.40.7's Test button shows only the error's code for a request
    // that reaches no server (its credentials tester returns `error.cause.code`).
    await expect(
      testCredential(credential, {
        ...sb.credential('readonly'),
        baseUrl: 'http://127.0.0.1:9/v1',
      }),
    ).rejects.toThrow();
    const text = credential.properties
      .filter((p) => p.type === 'notice')
      .map((p) => p.displayName)
      .join(' ');
    expect(text).toContain('ECONNREFUSED');
    expect(text).toMatch(/Base URL/);
    expect(text).toMatch(/host and port/);
  });

  it('adds the Bearer header, and the tenant header only when a tenant is set', async () => {
    const plain = await credential.authenticate(
      { token: 'sk_one', tenantId: '', baseUrl: 'x' },
      { url: '/me', headers: { Accept: 'application/json' } },
    );
    expect(plain.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer sk_one' });
    const mssp = await credential.authenticate(
      { token: 'sk_two', tenantId: ' ten_abc ', baseUrl: 'x' },
      { url: '/me' },
    );
    expect(mssp.headers).toEqual({ Authorization: 'Bearer sk_two', 'X-SenseOn-Tenant': 'ten_abc' });
  });

  it('the test succeeds with a valid token, and says what is wrong otherwise', async () => {
    expect(await testCredential(credential, sb.credential('readonly'))).toEqual({ status: 'OK' });

    const wrongToken = await testCredential(credential, {
      ...sb.credential('readonly'),
      token: 'sk_not_a_real_token',
    });
    expect(wrongToken).toMatchObject({ status: 'Error', message: expect.stringMatching(/token/) });

    const wrongUrl = await testCredential(credential, {
      ...sb.credential('readonly'),
      baseUrl: sb.sandbox.url.replace(/\/v1$/, '/v2'),
    });
    expect(wrongUrl).toMatchObject({ status: 'Error', message: expect.stringMatching(/\/v1/) });

    const otherTenant = await testCredential(credential, {
      ...sb.credential('readonly'),
      tenantId: 'ten_notmine',
    });
    expect(otherTenant.status).toBe('Error');
  });

  it('an MSSP key acts for the tenant the credential names', async () => {
    const other = sb.sandbox.tenants.find((t) => t !== sb.sandbox.tenants[0])!;
    const direct = new SenseOnClient({
      baseUrl: sb.sandbox.url,
      token: sb.sandbox.tokens.admin!,
      tenantId: other,
      rateLimit: false,
    });
    const expected = await direct.cases.list({ limit: 1 });
    const { output, sent } = await runExecute({
      nodeType: new SenseOn().getNodeType(),
      // The raw record: Simplify (on by default since version 3) leaves tenant_id out.
      parameters: { resource: 'case', operation: 'getMany', limit: 1, simplify: false },
      credentials: sb.credential('admin', other),
    });
    expect(sent[0]!.headers['X-SenseOn-Tenant']).toBe(other);
    const found = output[0]!.map((item) => item.json);
    expect(found.map((c) => c.id)).toEqual(expected.data.map((c) => c.id));
    for (const c of found) expect(c.tenant_id).toBe(other);
  });
});
