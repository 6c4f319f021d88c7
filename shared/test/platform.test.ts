import {
  BaseSenseOnClient,
  FetchTransport,
  SenseOnClient,
  VERSION,
  type Platform,
  type Transport,
  type TransportRequest,
} from '../src';
import { FakeApi, errorBody } from './helpers/fake-api';
import { aCase, page } from './helpers/fixtures';

let api: FakeApi;
beforeEach(async () => {
  api = await new FakeApi().start();
});
afterEach(() => api.stop());

const busy = {
  status: 503,
  body: errorBody('SERVICE_UNAVAILABLE', 'busy'),
  headers: { 'retry-after': '1' },
};

describe('the platform a client runs on', () => {
  it('is injected: waits, the User-Agent and the default transport are the platform’s', async () => {
    const slept: number[] = [];
    const sent: TransportRequest[] = [];
    const ownTransport: Transport = {
      send: async (request) => {
        sent.push(request);
        const response = await fetch(request.url, { headers: request.headers });
        const headers = Object.fromEntries(response.headers.entries());
        return { status: response.status, headers, body: await response.text() };
      },
    };
    const platform: Platform = {
      sleep: async (ms) => void slept.push(ms),
      runtime: () => 'workerd/2026',
      transport: () => ownTransport,
    };
    api.reply(busy, { status: 200, body: page([aCase()]) });
    const client = new BaseSenseOnClient({ baseUrl: api.baseUrl, rateLimit: false }, platform);
    expect((await client.cases.list()).data).toHaveLength(1);
    expect(slept).toEqual([1000]);
    expect(sent).toHaveLength(2);
    expect(api.requests[0]!.headers['user-agent']).toBe(`senseon-client/${VERSION} workerd/2026`);
  });

  it('a platform that names no runtime leaves it out of the User-Agent', async () => {
    api.reply({ status: 200, body: page([]) });
    const platform: Platform = {
      sleep: async () => undefined,
      runtime: () => undefined,
      transport: () => new FetchTransport(),
    };
    await new BaseSenseOnClient(
      { baseUrl: api.baseUrl, rateLimit: false, userAgent: 'senseon-n8n/1' },
      platform,
    ).cases.list();
    expect(api.requests[0]!.headers['user-agent']).toBe(`senseon-client/${VERSION} senseon-n8n/1`);
  });

  it('SenseOnClient is the Node platform: fetch, and the Node version in the User-Agent', async () => {
    api.reply({ status: 200, body: page([]) });
    await new SenseOnClient({ baseUrl: api.baseUrl, rateLimit: false }).cases.list();
    expect(api.requests[0]!.headers['user-agent']).toBe(
      `senseon-client/${VERSION} node/${process.versions.node}`,
    );
  });
});
