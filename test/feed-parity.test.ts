/**
 * One event feed, one item: for the same event (a real signed delivery from the sandbox) Zapier's
 * REST hook trigger, n8n's SenseOn Trigger and the core's feed give the same item, with the
 * feed's dedupe key as `id`; and by poll, Zapier's trigger and n8n's SenseOn Poll Trigger give
 * that same item for the same change. A connector that builds its own shape or key fails here.
 */
import {
  detectionFinding,
  FEEDS,
  TRIGGERS,
  verifyWebhook,
  type EventFeed,
  type FeedItem,
  type SenseOnClient,
  type WebhookEvent,
} from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  App,
  appTester,
  authFor,
  clientAs,
  devicePool,
  startReceiver,
  startTestSandbox,
  zapierRequest,
  type Delivery,
  type Receiver,
} from '../zapier-app/test/helpers';
import { SenseOnTrigger } from '../n8n-nodes/nodes/SenseOnTrigger/SenseOnTrigger.node';
import { SenseOnPollTrigger } from '../n8n-nodes/nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { sandboxCredential } from '../n8n-nodes/test/harness/credentials';
import { pollContext } from '../n8n-nodes/test/harness/trigger-contexts';
import { runWebhook } from '../n8n-nodes/test/harness/webhook-context';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Json = Record<string, unknown>;

let sandbox: RunningSandbox;
let receiver: Receiver;
let analyst: SenseOnClient;
const subscriptions = new Map<string, { id: string; secret: string }>();
const pollers = new Map<string, (mode?: 'trigger' | 'manual') => Promise<Json[]>>();

const zapierKey = (feed: EventFeed) => ('key' in feed.zapier ? feed.zapier.key : undefined);
const zapierOperation = (key: string) =>
  (App.triggers as Record<string, { operation: { perform: Perform; performList: Perform } }>)[key]!
    .operation;

/** n8n's SenseOn Poll Trigger (the newest version) on one feed, its static data kept. */
function n8nPoller(feed: EventFeed) {
  const trigger = new SenseOnPollTrigger();
  const staticData = {};
  return async (mode: 'trigger' | 'manual' = 'trigger') => {
    const context = pollContext({
      nodeType: trigger,
      parameters: { event: feed.key },
      credentials: sandboxCredential(sandbox.url, sandbox.tokens.analyst),
      staticData,
      mode,
      node: { typeVersion: 2 },
    });
    const result = await trigger.poll.call(context);
    return result ? result[0]!.map((item) => item.json) : [];
  };
}

/** n8n's SenseOn Trigger (the newest version) receiving the delivery. */
async function n8nWebhookItem(
  delivery: Delivery,
  webhookId: string,
  secret: string,
): Promise<Json | undefined> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(delivery.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  const run = await runWebhook({
    nodeType: new SenseOnTrigger(),
    request: { method: 'POST', path: delivery.path, headers, rawBody: Buffer.from(delivery.body) },
    credentials: sandboxCredential(sandbox.url, sandbox.tokens.analyst),
    // The real subscription: the trigger claims each event against it (POST …/claims).
    staticData: { webhookId, webhookSecret: secret },
    node: { typeVersion: 2 },
  });
  return run.workflowData?.[0]?.[0]?.json;
}

/** Zapier's REST hook trigger receiving the delivery, with no filter set. */
async function zapierHookItem(key: string, delivery: Delivery, webhookId: string, secret: string) {
  const items = (await appTester(zapierOperation(key).perform, {
    authData: authFor(sandbox, 'analyst'),
    // Zapier's type names only the id; the secret is what performSubscribe stored beside it.
    subscribeData: { id: webhookId, secret } as { id: string },
    inputData: {},
    ...zapierRequest(delivery),
  })) as Json[];
  return items[0];
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
  analyst = clientAs(sandbox, 'analyst');
  for (const feed of FEEDS) {
    const created = await analyst.webhooks.create({
      url: `${receiver.url}/${feed.key}`,
      events: [...feed.events],
      description: `feed parity: ${feed.key}`,
    });
    subscriptions.set(feed.key, { id: created.id, secret: created.secret });
    const poll = n8nPoller(feed);
    expect(await poll()).toEqual([]); // the cursor starts at now
    pollers.set(feed.key, poll);
  }

  // Real changes, each a delivered event of one feed.
  await analyst.webhooks.test(subscriptions.get('newCase')!.id);
  const [open] = await analyst.cases
    .list({ status: ['open', 'investigating'], limit: 1 })
    .collect({ limit: 1 });
  await analyst.cases.update(open!.id, { status: 'contained', tags: ['feed-parity'] });
  await analyst.cases.addComment(open!.id, { body: 'Parity: contained.' });
  await analyst.actions.request(open!.id, {
    type: 'isolate_device',
    target: { device_id: await devicePool(analyst)() },
    justification: 'Feed parity',
  });
  const observedAt = new Date();
  await clientAs(sandbox, 'admin').observations.create({
    observed_at: observedAt.toISOString(),
    source: 'endpoint',
    severity: 'low',
    title: 'Feed parity observation',
    ocsf: detectionFinding({
      uid: 'feed-parity',
      title: 'Feed parity observation',
      severity: 'low',
      time: observedAt.getTime(),
    }),
  });
});
afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

const deliveriesOf = async (feed: EventFeed, count: number) => {
  await receiver.waitFor(
    () => receiver.deliveries.filter((d) => d.path === `/${feed.key}`).length >= count,
  );
  return receiver.deliveries.filter((d) => d.path === `/${feed.key}`);
};

/** How many events the changes above deliver to each feed. */
const DELIVERED: Record<string, number> = {
  newCase: 1,
  updatedCase: 2,
  actionUpdate: 1,
  newObservation: 1,
};

// The operation catalog's TRIGGERS is a view of FEEDS, for its readers; it must say the same.
it('the catalog’s TRIGGERS say what the feeds say', () => {
  expect(
    TRIGGERS.map((t) => ({
      key: t.key,
      label: t.label,
      description: t.description,
      events: [...t.events],
      zapier: t.zapier,
      n8nPoll: t.n8nPoll,
    })),
  ).toEqual(
    FEEDS.map((feed) => ({
      key: feed.key,
      label: feed.label,
      description: feed.description,
      events: [...feed.events],
      zapier: feed.zapier,
      n8nPoll: feed.key,
    })),
  );
});

describe.each(FEEDS.map((feed) => [feed.key, feed] as const))('%s', (_key, feed) => {
  let webhookItems: FeedItem[] = [];

  it('gives the same item, keyed the same, by Zapier’s hook, n8n’s webhook and the core', async () => {
    const { id, secret } = subscriptions.get(feed.key)!;
    const deliveries = await deliveriesOf(feed, DELIVERED[feed.key]!);
    webhookItems = [];
    for (const delivery of deliveries) {
      const event: WebhookEvent = verifyWebhook(delivery.body, delivery.headers, secret);
      const core = await feed.fromEvent(event, analyst);
      expect(core).not.toBeNull();
      expect(core!.id).toBe(feed.dedupeKey(core!));
      expect(await n8nWebhookItem(delivery, id, secret)).toEqual(core);
      const key = zapierKey(feed);
      if (key) expect(await zapierHookItem(key, delivery, id, secret)).toEqual(core);
      webhookItems.push(core!);
    }
  });

  it('gives the same item by poll: n8n’s Poll Trigger, Zapier’s poll and the core', async () => {
    const poll = pollers.get(feed.key)!;
    const [sample] = await poll('manual');
    const [newest] = await feed.poll.newest(analyst, 1);
    expect(sample).toEqual(newest);
    const key = zapierKey(feed);
    if (key) {
      const zapierItems = (await appTester(zapierOperation(key).performList, {
        authData: authFor(sandbox, 'analyst'),
        inputData: {},
      })) as Json[];
      expect(zapierItems.find((item) => item.id === sample!.id)).toEqual(sample);
    }
    // A change that was delivered is polled as the same item. (New Case's delivery was a test
    // event about an existing case, which no poll from now on emits.)
    const polled = await poll();
    if (feed.key === 'newCase') return;
    expect(polled.length).toBeGreaterThan(0);
    for (const item of webhookItems) {
      expect(polled.find((p) => p.id === item.id)).toEqual(item);
    }
  });
});
