import { signWebhook, type SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { DELIVERY_MEMORY_SECONDS } from '../src/triggers/seen-deliveries';
import {
  App,
  appTester,
  authFor,
  clientAs,
  startReceiver,
  startTestSandbox,
  tampered,
  thrown,
  zapierRequest,
  type Delivery,
  type Receiver,
} from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type HookKey = 'new_case' | 'updated_case';
const operation = (key: HookKey) =>
  App.triggers[key].operation as unknown as { perform: Perform; performSubscribe: Perform };

/**
 * A stand-in for Zapier's cache, which is backed by Zapier's RPC at run time and absent from the
 * app tester: the same `set(key, value, ttl, scope, nx)`, with `nx` an atomic set-if-absent.
 */
function cacheStandIn() {
  const entries = new Map<string, unknown>();
  const sets: { key: string; ttl?: number; scope?: string[]; nx?: boolean }[] = [];
  const cache: ZObject['cache'] = {
    get: async (key) => entries.get(key) ?? null,
    set: async (key, value, ttl, scope, nx) => {
      sets.push({ key, ttl, scope, nx });
      if (nx && entries.has(key)) return false;
      entries.set(key, value);
      return true;
    },
    delete: async (key) => entries.delete(key),
  };
  return { cache, entries, sets };
}

/** `perform` with the stand-in lent as `z.cache`, as Zapier's runtime would give it. */
function withCache(perform: Perform, cache: ZObject['cache']): Perform {
  return (z, bundle) => {
    z.cache = cache;
    return perform(z, bundle);
  };
}

let sandbox: RunningSandbox;
let receiver: Receiver;
let analyst: SenseOnClient;
let paths = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
  analyst = clientAs(sandbox, 'analyst');
});
afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

async function subscribed(key: HookKey) {
  const path = `/duplicates/${key}/${++paths}`;
  const subscribeData = (await appTester(operation(key).performSubscribe, {
    authData: authFor(sandbox, 'analyst'),
    targetUrl: `${receiver.url}${path}`,
    inputData: {},
  })) as { id: string; secret: string };
  return { path, subscribeData };
}

async function deliveredCase(): Promise<{
  path: string;
  subscribeData: { id: string; secret: string };
  delivery: Delivery;
}> {
  const hook = await subscribed('new_case');
  await analyst.webhooks.test(hook.subscribeData.id);
  const delivery = await receiver.waitFor((d) => d.path === hook.path);
  return { ...hook, delivery };
}

describe('REST hook deliveries are taken once per webhook-id', () => {
  it('drops a second delivery with the same webhook-id, and SenseOn’s replay of it', async () => {
    const { path, subscribeData, delivery } = await deliveredCase();
    const { cache, sets } = cacheStandIn();
    const perform = withCache(operation('new_case').perform, cache);
    const bundle = { authData: authFor(sandbox, 'analyst'), subscribeData, inputData: {} };

    const first = (await appTester(perform, {
      ...bundle,
      ...zapierRequest(delivery),
    })) as unknown[];
    expect(first).toHaveLength(1);
    const again = (await appTester(perform, {
      ...bundle,
      ...zapierRequest(delivery),
    })) as unknown[];
    expect(again).toEqual([]);

    // SenseOn's replay: a new delivery of the same event, so the same webhook-id.
    const [listed] = (await analyst.webhooks.listDeliveries(subscribeData.id)).data;
    await analyst.webhooks.replayDelivery(subscribeData.id, listed!.id);
    const replay = await receiver.waitFor((d) => d.path === path && d !== delivery);
    expect(replay.headers['webhook-id']).toBe(delivery.headers['webhook-id']);
    const replayed = (await appTester(perform, {
      ...bundle,
      ...zapierRequest(replay),
    })) as unknown[];
    expect(replayed).toEqual([]);

    expect(sets[0]).toMatchObject({
      ttl: DELIVERY_MEMORY_SECONDS,
      scope: ['user', 'auth'],
      nx: true,
    });
    expect(sets[0]!.key).toContain(subscribeData.id);
    expect(sets[0]!.key).toContain(String(delivery.headers['webhook-id']));
  });

  it('checks the signature first: a forged copy claims nothing, the genuine one still runs', async () => {
    const { subscribeData, delivery } = await deliveredCase();
    const { cache, entries } = cacheStandIn();
    const perform = withCache(operation('new_case').perform, cache);
    const bundle = { authData: authFor(sandbox, 'analyst'), subscribeData, inputData: {} };

    const forged = await thrown(() =>
      appTester(perform, { ...bundle, ...zapierRequest(tampered(delivery)) }),
    );
    expect(forged.name).toBe('HaltedError');
    expect(entries.size).toBe(0);
    const genuine = (await appTester(perform, {
      ...bundle,
      ...zapierRequest(delivery),
    })) as unknown[];
    expect(genuine).toHaveLength(1);
  });

  it('never drops a first delivery: the same event to another Zap, and a cache that fails', async () => {
    const { subscribeData, delivery } = await deliveredCase();
    const { cache } = cacheStandIn();
    const perform = withCache(operation('new_case').perform, cache);
    const auth = authFor(sandbox, 'analyst');
    expect(
      await appTester(perform, {
        authData: auth,
        subscribeData,
        inputData: {},
        ...zapierRequest(delivery),
      }),
    ).toHaveLength(1);
    // Another Zap's subscription: its own claims, even for the same webhook-id.
    const other = { ...subscribeData, id: 'wh_otherZap' };
    expect(
      await appTester(perform, {
        authData: auth,
        subscribeData: other,
        inputData: {},
        ...zapierRequest(delivery),
      }),
    ).toHaveLength(1);
    // The app tester has no cache (no RPC): the delivery is let through, not lost.
    expect(
      await appTester(operation('new_case').perform, {
        authData: auth,
        subscribeData,
        inputData: {},
        ...zapierRequest(delivery),
      }),
    ).toHaveLength(1);
  });

  it('gives the claim back when the item cannot be made, so SenseOn’s retry runs', async () => {
    const { subscribeData } = await subscribed('updated_case');
    const { cache, entries } = cacheStandIn();
    const perform = withCache(operation('updated_case').perform, cache);
    // A comment on a case SenseOn does not have: reading the case for the item fails.
    const id = 'evt_dupRetryZapier';
    const body = JSON.stringify({
      id,
      type: 'case.comment_added',
      created_at: new Date().toISOString(),
      tenant_id: 'ten_dupRetry',
      data: {
        id: 'cmt_dupRetry',
        case_id: 'case_doesNotExist',
        body: 'a comment on a missing case',
        author: { principal: 'analyst', origin: 'human' },
        created_at: new Date().toISOString(),
      },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const delivery: Delivery = {
      path: '/retry',
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook({ id, timestamp, body, secret: subscribeData.secret }),
      },
      body,
    };
    const bundle = { authData: authFor(sandbox, 'analyst'), subscribeData, inputData: {} };
    await thrown(() => appTester(perform, { ...bundle, ...zapierRequest(delivery) }));
    expect(entries.size).toBe(0);
    // The retry is tried again (and fails the same way), not dropped as a duplicate.
    await thrown(() => appTester(perform, { ...bundle, ...zapierRequest(delivery) }));
  });
});
