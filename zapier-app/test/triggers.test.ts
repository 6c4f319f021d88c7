import { NotFoundError, type SenseOnClient } from '@senseon/client';
import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  App,
  appTester,
  authFor,
  clientAs,
  devicePool,
  eventOf,
  startReceiver,
  startTestSandbox,
  tampered,
  thrown,
  zapierRequest,
  type Receiver,
} from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
interface HookOperation {
  perform: Perform;
  performList: Perform;
  performSubscribe: Perform;
  performUnsubscribe: Perform;
}
type Item = Record<string, unknown> & { id: string; summary: string };

const hook = (key: 'new_case' | 'updated_case' | 'action_update') =>
  App.triggers[key].operation as unknown as HookOperation;

let sandbox: RunningSandbox;
let receiver: Receiver;
let analyst: SenseOnClient;
let approver: SenseOnClient;
let nextDevice: () => Promise<string>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
  analyst = clientAs(sandbox, 'analyst');
  approver = clientAs(sandbox, 'approver');
  nextDevice = devicePool(analyst);
});
afterAll(async () => {
  await receiver.close();
  await sandbox.close();
});

let subscriptions = 0;

/** Subscribes a trigger to the receiver under its own path, as Zapier would with its target URL. */
async function subscribe(key: 'new_case' | 'updated_case' | 'action_update', inputData = {}) {
  // Each subscription its own path, so a delivery is checked with its own subscription's secret.
  const path = `/${key}/${++subscriptions}`;
  const targetUrl = `${receiver.url}${path}`;
  const subscribeData = (await appTester(hook(key).performSubscribe, {
    authData: authFor(sandbox, 'analyst'),
    targetUrl,
    inputData,
  })) as { id: string; secret: string };
  return { path, targetUrl, subscribeData };
}

async function unsubscribe(key: 'new_case' | 'updated_case' | 'action_update', id: string) {
  const result = (await appTester(hook(key).performUnsubscribe, {
    authData: authFor(sandbox, 'analyst'),
    subscribeData: { id },
  })) as { deleted: boolean };
  expect(result.deleted).toBe(true);
  await expect(analyst.webhooks.retrieve(id)).rejects.toBeInstanceOf(NotFoundError);
}

async function someOpenCase(): Promise<string> {
  const [first] = await analyst.cases
    .list({ status: ['open', 'investigating'], limit: 1 })
    .collect({ limit: 1 });
  if (!first) throw new Error('the seed has no open case');
  return first.id;
}

describe('New Case', () => {
  it('subscribes, receives a real signed delivery, rejects a tampered one, and unsubscribes', async () => {
    const { path, targetUrl, subscribeData } = await subscribe('new_case');
    const webhook = await analyst.webhooks.retrieve(subscribeData.id);
    expect(webhook.url).toBe(targetUrl);
    expect(webhook.events).toEqual(['case.created']);
    expect(subscribeData.secret).toMatch(/^whsec_/);

    // The sandbox signs and POSTs a case.created test event to the subscription's URL.
    await analyst.webhooks.test(subscribeData.id);
    const delivery = await receiver.waitFor((d) => d.path === path);
    expect(eventOf(delivery).type).toBe('case.created');

    const items = (await appTester(hook('new_case').perform, {
      authData: authFor(sandbox, 'analyst'),
      subscribeData,
      inputData: {},
      ...zapierRequest(delivery),
    })) as Item[];
    expect(items).toHaveLength(1);
    expect(items[0]!.id).toBe(eventOf(delivery).data.id);
    expect(items[0]!.summary).toMatch(/^Case case_/);

    const error = await thrown(() =>
      appTester(hook('new_case').perform, {
        authData: authFor(sandbox, 'analyst'),
        subscribeData,
        inputData: {},
        ...zapierRequest(tampered(delivery)),
      }),
    );
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(/not a genuine SenseOn delivery/);

    const wrongSecret = await thrown(() =>
      appTester(hook('new_case').perform, {
        authData: authFor(sandbox, 'analyst'),
        subscribeData: {
          ...subscribeData,
          secret: 'whsec_' + Buffer.from('not the secret').toString('base64'),
        } as { id: string },
        inputData: {},
        ...zapierRequest(delivery),
      }),
    );
    expect(wrongSecret.name).toBe('HaltedError');

    await unsubscribe('new_case', subscribeData.id);
  });

  it('drops a delivered case below the minimum severity', async () => {
    const { path, subscribeData } = await subscribe('new_case');
    await analyst.webhooks.test(subscribeData.id);
    const delivery = await receiver.waitFor((d) => d.path === path);
    const severity = String(eventOf(delivery).data.severity);
    const above = {
      informational: 'low',
      low: 'medium',
      medium: 'high',
      high: 'critical',
      critical: null,
    }[severity];
    if (above) {
      const items = (await appTester(hook('new_case').perform, {
        authData: authFor(sandbox, 'analyst'),
        subscribeData,
        inputData: { min_severity: above },
        ...zapierRequest(delivery),
      })) as Item[];
      expect(items).toEqual([]);
    }
    const kept = (await appTester(hook('new_case').perform, {
      authData: authFor(sandbox, 'analyst'),
      subscribeData,
      inputData: { min_severity: severity },
      ...zapierRequest(delivery),
    })) as Item[];
    expect(kept).toHaveLength(1);
    await unsubscribe('new_case', subscribeData.id);
  });

  it('polls the newest cases first, filtered by minimum severity and status', async () => {
    const items = (await appTester(hook('new_case').performList, {
      authData: authFor(sandbox, 'analyst'),
      inputData: { min_severity: 'high', status: ['open', 'investigating'] },
    })) as Item[];
    expect(items.length).toBeGreaterThan(0);
    const created = items.map((i) => String(i.created_at));
    expect([...created].sort().reverse()).toEqual(created);
    for (const item of items) {
      expect(['high', 'critical']).toContain(item.severity);
      expect(['open', 'investigating']).toContain(item.status);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });
});

describe('Updated Case', () => {
  it('turns a real case.updated and case.comment_added into one item per change', async () => {
    const { path, subscribeData } = await subscribe('updated_case');
    expect((await analyst.webhooks.retrieve(subscribeData.id)).events).toEqual([
      'case.updated',
      'case.comment_added',
    ]);
    const caseId = await someOpenCase();
    await analyst.cases.update(caseId, {
      status: 'contained',
      assignee: 'maria.lopez@acme.example',
    });
    await analyst.cases.addComment(caseId, { body: 'Contained; ticket INC-1 raised.' });

    const updated = await receiver.waitFor(
      (d) => d.path === path && eventOf(d).type === 'case.updated',
    );
    const commented = await receiver.waitFor(
      (d) => d.path === path && eventOf(d).type === 'case.comment_added',
    );
    const bundle = { authData: authFor(sandbox, 'analyst'), subscribeData, inputData: {} };
    const [update] = (await appTester(hook('updated_case').perform, {
      ...bundle,
      ...zapierRequest(updated),
    })) as Item[];
    const [comment] = (await appTester(hook('updated_case').perform, {
      ...bundle,
      ...zapierRequest(commented),
    })) as Item[];

    expect(update).toMatchObject({
      case_id: caseId,
      change: 'status, assignee',
      changed_by: 'analyst',
    });
    // Keyed by the event that reported the change, as the poll of `GET /events` keys it.
    expect(update!.id).toBe(eventOf(updated).id);
    expect(update!.summary).toContain('status open → contained');
    // What changed comes from the event itself, not from the trace.
    expect(update!.changes).toEqual((eventOf(updated) as { changes?: unknown }).changes);
    expect(update!.changes).toMatchObject({ status: { from: 'open', to: 'contained' } });
    // The same change by poll: the same id (Zapier's dedupe key) and the same changes.
    const polled = (await appTester(hook('updated_case').performList, {
      authData: authFor(sandbox, 'analyst'),
      inputData: {},
    })) as Item[];
    expect(polled.find((item) => item.id === update!.id)).toMatchObject({
      changes: update!.changes,
      changed_by: 'analyst',
    });
    expect(comment).toMatchObject({ case_id: caseId, change: 'comment' });
    expect((comment!.comment as { body: string }).body).toBe('Contained; ticket INC-1 raised.');
    expect(comment!.id).not.toBe(update!.id);

    const forged = await thrown(() =>
      appTester(hook('updated_case').perform, { ...bundle, ...zapierRequest(tampered(updated)) }),
    );
    expect(forged.name).toBe('HaltedError');
    await unsubscribe('updated_case', subscribeData.id);
  });

  it('polls recent changes from the cases’ DecisionTrace, newest first, each with its own id', async () => {
    const caseId = await someOpenCase();
    const current = await analyst.cases.retrieve(caseId);
    await analyst.cases.update(caseId, { severity: current.severity === 'low' ? 'high' : 'low' });
    const items = (await appTester(hook('updated_case').performList, {
      authData: authFor(sandbox, 'analyst'),
      inputData: {},
    })) as Item[];
    expect(items[0]).toMatchObject({ case_id: caseId, change: 'severity' });
    const times = items.map((i) => String(i.updated_at));
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });
});

describe('Updated Case, Trigger On', () => {
  const poll = (inputData: Record<string, unknown>) =>
    appTester(hook('updated_case').performList, {
      authData: authFor(sandbox, 'analyst'),
      inputData,
    }) as Promise<Item[]>;

  it('keeps only the chosen kinds of change, and a new status when asked', async () => {
    const caseId = await someOpenCase();
    await analyst.cases.update(caseId, { severity: 'medium' });
    await analyst.cases.addComment(caseId, { body: 'Trigger On test' });
    await analyst.cases.update(caseId, { status: 'investigating' });
    await analyst.cases.update(caseId, { status: 'contained' });

    const every = await poll({});
    const kinds = (items: Item[]) => new Set(items.map((i) => String(i.change)));
    expect([...kinds(every)]).toEqual(expect.arrayContaining(['severity', 'comment', 'status']));

    const severity = await poll({ changes: ['severity'] });
    expect(severity.length).toBeGreaterThan(0);
    for (const item of severity) expect(Object.keys(item.changes as object)).toContain('severity');
    const comments = await poll({ changes: 'comment' });
    expect(comments.length).toBeGreaterThan(0);
    for (const item of comments) expect(item.change).toBe('comment');

    const contained = await poll({ changes: ['status'], new_status: ['contained'] });
    expect(contained.length).toBeGreaterThan(0);
    for (const item of contained) {
      expect((item.changes as { status: { to: string } }).status.to).toBe('contained');
    }
    expect(contained.map((i) => i.case_id)).toContain(caseId);
  });

  it('requires a choice in the editor, labelled as people write it', () => {
    const fields = App.triggers.updated_case.operation.inputFields as {
      key: string;
      required?: boolean;
      choices?: { value: string; label: string }[];
    }[];
    const trigger = fields.find((f) => f.key === 'changes')!;
    expect(trigger.required).toBe(true);
    expect(trigger.choices!.map((c) => c.label)).toEqual([
      'Status',
      'Severity',
      'Assignee',
      'Tags',
      'Comment',
    ]);
  });
});

describe('Response Action Update', () => {
  it('delivers a new approval request by default, then the decision when asked for', async () => {
    const pending = await subscribe('action_update');
    const decided = await subscribe('action_update', { status: ['approved', 'rejected'] });
    const caseId = await someOpenCase();
    const deviceId = await nextDevice();
    const action = await analyst.actions.request(caseId, {
      type: 'isolate_device',
      target: { device_id: deviceId },
      justification: 'C2 beaconing',
    });
    expect(action.status).toBe('pending_approval');
    await approver.actions.approve(action.id, { comment: 'go' });

    const requested = await receiver.waitFor(
      (d) =>
        d.path === pending.path &&
        eventOf(d).type === 'action.requested' &&
        eventOf(d).data.id === action.id,
    );
    const approvedAt = (path: string) =>
      receiver.waitFor(
        (d) =>
          d.path === path &&
          eventOf(d).type === 'action.approved' &&
          eventOf(d).data.id === action.id,
      );
    const approved = await approvedAt(decided.path);
    const run = (subscribeData: { id: string }, inputData: object, delivery: typeof requested) =>
      appTester(hook('action_update').perform, {
        authData: authFor(sandbox, 'analyst'),
        subscribeData,
        inputData,
        ...zapierRequest(delivery),
      }) as Promise<Item[]>;

    // The default filter (pending approval) keeps the request and drops the decision.
    const byDefault = { status: 'pending_approval' };
    const [request] = await run(pending.subscribeData, byDefault, requested);
    expect(request).toMatchObject({ id: `${action.id}:pending_approval`, action_id: action.id });
    expect(request!.summary).toContain('pending approval');
    expect(await run(pending.subscribeData, byDefault, await approvedAt(pending.path))).toEqual([]);

    const [decision] = await run(
      decided.subscribeData,
      { status: ['approved', 'rejected'] },
      approved,
    );
    expect(decision).toMatchObject({ id: `${action.id}:approved`, status: 'approved' });
    expect(decision!.summary).toContain('approved by approver');

    const forged = await thrown(() => run(pending.subscribeData, byDefault, tampered(requested)));
    expect(forged.name).toBe('HaltedError');
    await unsubscribe('action_update', pending.subscribeData.id);
    await unsubscribe('action_update', decided.subscribeData.id);
  });

  it('polls actions awaiting approval, filtered by type', async () => {
    const caseId = await someOpenCase();
    const deviceId = await nextDevice();
    const action = await analyst.actions.request(caseId, {
      type: 'isolate_device',
      target: { device_id: deviceId },
      justification: 'Poll test',
    });
    const items = (await appTester(hook('action_update').performList, {
      authData: authFor(sandbox, 'analyst'),
      inputData: { status: 'pending_approval', type: ['isolate_device'] },
    })) as Item[];
    expect(items.map((i) => i.id)).toContain(`${action.id}:pending_approval`);
    for (const item of items)
      expect(item).toMatchObject({ status: 'pending_approval', type: 'isolate_device' });
    const none = (await appTester(hook('action_update').performList, {
      authData: authFor(sandbox, 'analyst'),
      inputData: { status: 'pending_approval', type: ['close_case'] },
    })) as Item[];
    expect(none.map((i) => i.id)).not.toContain(`${action.id}:pending_approval`);
  });
});

describe('dropdowns', () => {
  /**
   * Zapier keeps a dropdown's cursor between its pages; the app tester has no such store, so the
   * test lends one, shared by the calls for pages 0 and 1 as Zapier's would be.
   */
  function withCursorStore(perform: Perform): Perform {
    let stored = '';
    return (z, bundle) => {
      z.cursor = {
        get: async () => stored,
        set: async (value: string) => {
          stored = value;
          return null;
        },
      };
      return perform(z, bundle);
    };
  }

  /** Every page Zapier would ask for, until one comes back empty. */
  async function allPages(perform: Perform) {
    const auth = authFor(sandbox, 'analyst');
    const pages: { id: string; label: string }[][] = [];
    for (let page = 0; page < 20; page++) {
      const items = (await appTester(perform, { authData: auth, meta: { page } })) as {
        id: string;
        label: string;
      }[];
      if (items.length === 0) break;
      pages.push(items);
    }
    return pages;
  }

  it('lists cases, devices, users and pending actions with readable labels, page by page', async () => {
    const auth = authFor(sandbox, 'analyst');
    for (const [key, total] of [
      ['case_list', (await analyst.cases.list({ limit: 1 })).pagination.total_items],
      ['device_list', (await analyst.devices.list({ limit: 1 })).pagination.total_items],
      ['user_list', (await analyst.users.list({ limit: 1 })).pagination.total_items],
    ] as const) {
      expect({ key, total: total > 0 }).toEqual({ key, total: true });
      const perform = withCursorStore(
        (App.triggers[key].operation as { perform: Perform }).perform,
      );
      const pages = await allPages(perform);
      const ids = pages.flat().map((item) => item.id);
      expect({ key, count: ids.length, unique: new Set(ids).size }).toEqual({
        key,
        count: total,
        unique: total,
      });
      expect(pages[0]!.length).toBe(Math.min(total, 50));
      for (const item of pages.flat()) expect(item.label).toContain(item.id);
    }

    const caseId = await someOpenCase();
    const action = await analyst.actions.request(caseId, {
      type: 'isolate_device',
      target: { device_id: await nextDevice() },
      justification: 'Dropdown test',
    });
    const actionList = withCursorStore(
      (App.triggers.pending_action_list.operation as { perform: Perform }).perform,
    );
    const actions = (await appTester(actionList, { authData: auth, meta: { page: 0 } })) as {
      id: string;
      label: string;
    }[];
    expect(actions.map((a) => a.id)).toContain(action.id);
    expect(actions.find((a) => a.id === action.id)!.label).toContain('Isolate Device');
  });
});
