import { InvalidInputError, SenseOnClient, sharedPacer, type Transport } from '../src';

/** Answers every request 200 with an empty page and the key's window as the server counts it. */
function countingServer(): Transport & { count: number } {
  const server = {
    count: 0,
    send: () => {
      server.count++;
      return Promise.resolve({
        status: 200,
        headers: {
          'content-type': 'application/json',
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': String(100 - server.count),
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60),
        },
        body: JSON.stringify({ data: [], pagination: { next_cursor: null, total_items: 0 } }),
      });
    },
  };
  return server;
}

const BASE = 'https://api.example.test/v1';

describe('budgetKey: the key’s budget named without the token', () => {
  it('clients with one budget key share one header pacer, apart from other keys', async () => {
    const server = countingServer();
    const make = (budgetKey: string) =>
      new SenseOnClient({ baseUrl: BASE, budgetKey, transport: server });
    await make('credential-1').cases.list({ limit: 1 });
    await make('credential-1').cases.list({ limit: 1 });
    await make('credential-2').cases.list({ limit: 1 });
    const clock = { now: Date.now, sleep: () => Promise.resolve() };
    expect(sharedPacer(BASE, 'budget:credential-1', clock).state().window?.ours).toBe(2);
    expect(sharedPacer(BASE, 'budget:credential-2', clock).state().window?.ours).toBe(1);
  });

  it('an empty budget key is refused, naming the field', () => {
    expect(() => new SenseOnClient({ baseUrl: BASE, budgetKey: '' })).toThrow(InvalidInputError);
    expect(() => new SenseOnClient({ baseUrl: BASE, budgetKey: '' })).toThrow(/budgetKey/);
  });
});
