import { inspect } from 'node:util';
import { SenseOnClient, SenseOnError, type Transport } from '../src';
import { FakeApi, errorBody } from './helpers/fake-api';

const token = 'sk_live_0123456789abcdefSECRET';

function everyRendering(error: unknown): string {
  const e = error as Error;
  return [e.message, String(e), JSON.stringify(e), e.stack ?? ''].join('\n');
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('the token never leaves in an error', () => {
  let api: FakeApi;
  beforeEach(async () => {
    api = await new FakeApi().start();
  });
  afterEach(() => api.stop());

  it('when the server echoes it, for every error status', async () => {
    const client = new SenseOnClient({
      baseUrl: api.baseUrl,
      token,
      rateLimit: false,
      maxRetries: 0,
    });
    const echo = errorBody('X', `Authorization: Bearer ${token} rejected (${token})`, [
      { field: 'token', issue: token },
    ]);
    for (const status of [400, 401, 403, 404, 409, 422, 428, 429, 500, 503]) {
      api.reply({ status, body: echo });
      const error = await failure(client.cases.retrieve('case_1'));
      expect(error).toBeInstanceOf(SenseOnError);
      expect(everyRendering(error)).not.toContain(token);
      expect(inspect(error)).not.toContain(token);
    }
  });

  it('when the server answers a wrong shape or garbage that contains it', async () => {
    const client = new SenseOnClient({ baseUrl: api.baseUrl, token, rateLimit: false });
    api.reply({ status: 200, body: `not json ${token}` });
    expect(everyRendering(await failure(client.devices.retrieve('dev_1')))).not.toContain(token);
    api.reply({ status: 502, body: `<html>${token}</html>` });
    expect(everyRendering(await failure(client.devices.retrieve('dev_1')))).not.toContain(token);
  });

  it('when a custom transport throws an error that contains it', async () => {
    const transport: Transport = {
      send: async (request) => {
        throw new Error(`request failed: ${JSON.stringify(request.headers)}`);
      },
    };
    const client = new SenseOnClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      token,
      transport,
      rateLimit: false,
    });
    const error = await failure(client.devices.list());
    expect(error).toBeInstanceOf(SenseOnError);
    expect(everyRendering(error)).not.toContain(token);
    expect(inspect(error)).not.toContain(token);
  });

  it('when the client itself is logged', () => {
    const client = new SenseOnClient({ baseUrl: api.baseUrl, token });
    expect(JSON.stringify(client)).not.toContain(token);
    expect(inspect(client, { depth: 10 })).not.toContain(token);
  });

  it('when the client options are rejected', () => {
    let caught: unknown;
    try {
      new SenseOnClient({ baseUrl: api.baseUrl, token, tenantId: token });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SenseOnError);
    expect(everyRendering(caught)).not.toContain(token);
  });
});
