/**
 * `createBatch` splits a list into requests the API takes: by count (1,000) and by body size
 * (`MAX_REQUEST_BODY_BYTES`), against the real sandbox; and checks every item before sending.
 */
import {
  InvalidInputError,
  MAX_REQUEST_BODY_BYTES,
  SenseOnClient,
  type ObservationCreate,
  type Transport,
  type TransportRequest,
  FetchTransport,
} from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { splitBatch } from '../src/resources/batch-split';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, rateLimit: 1_000_000 });
});
afterAll(() => sandbox.close());

class RecordingTransport implements Transport {
  readonly bodies: number[] = [];
  private readonly inner = new FetchTransport();
  send(request: TransportRequest) {
    if (request.method === 'POST') this.bodies.push(Buffer.byteLength(request.body ?? ''));
    return this.inner.send(request);
  }
}

const small = (i: number): ObservationCreate => ({
  source: 'network',
  severity: 'low',
  title: `batch ${i}`,
  ocsf: {
    class_uid: 4001,
    category_uid: 4,
    activity_id: 6,
    type_uid: 400106,
    time: 1_700_000_000_000,
    severity_id: 2,
    metadata: { version: '1.3.0', product: { name: 'bench', vendor_name: 'SenseOn' } },
  },
});

it('2,500 observations go as 1,000 + 1,000 + 500, all stored, in order', async () => {
  const transport = new RecordingTransport();
  const client = new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.admin,
    transport,
  });
  const created = await client.observations.createBatch(
    Array.from({ length: 2500 }, (_, i) => small(i)),
  );
  expect(created.map((o) => o.title)).toEqual(Array.from({ length: 2500 }, (_, i) => `batch ${i}`));
  expect(transport.bodies).toHaveLength(3);
});

it('a bad item anywhere is named by its place in the whole list, and nothing is sent', async () => {
  const transport = new RecordingTransport();
  const client = new SenseOnClient({
    baseUrl: sandbox.url,
    token: sandbox.tokens.admin,
    transport,
  });
  const list = Array.from({ length: 1500 }, (_, i) => small(i));
  (list[1234] as { severity: string }).severity = 'extreme';
  const error = await client.observations.createBatch(list).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe('observations.1234.severity');
  expect(transport.bodies).toEqual([]);
});

describe('splitBatch', () => {
  const item = (bytes: number) => ({ p: 'x'.repeat(bytes - 8) }); // {"p":"…"} is bytes long
  it('keeps every body within the byte limit and the count limit, in order', () => {
    const items = Array.from({ length: 50 }, () => item(100));
    const { batches } = splitBatch(items, { key: 'observations', maxCount: 20, maxBytes: 1000 });
    expect(batches.flatMap((b) => b.items)).toEqual(items);
    for (const batch of batches) {
      expect(batch.items.length).toBeLessThanOrEqual(20);
      expect(Buffer.byteLength(JSON.stringify({ observations: batch.items }))).toBeLessThanOrEqual(
        1000,
      );
    }
    // 9 items of 100 bytes and their commas fit in 1,000 with the wrapper; a tenth does not.
    expect(batches.map((b) => b.items.length)).toEqual([9, 9, 9, 9, 9, 5]);
    expect(batches.map((b) => b.start)).toEqual([0, 9, 18, 27, 36, 45]);
  });

  it('by count when the items are small', () => {
    const { batches } = splitBatch(
      Array.from({ length: 2500 }, () => item(10)),
      {
        key: 'observations',
        maxCount: 1000,
        maxBytes: MAX_REQUEST_BODY_BYTES,
      },
    );
    expect(batches.map((b) => b.items.length)).toEqual([1000, 1000, 500]);
  });

  it('names an item too large to go even alone', () => {
    const { tooLarge } = splitBatch([item(10), item(2000)], {
      key: 'observations',
      maxCount: 1000,
      maxBytes: 1000,
    });
    expect(tooLarge).toEqual([{ index: 1, bytes: 2000 }]);
  });
});
