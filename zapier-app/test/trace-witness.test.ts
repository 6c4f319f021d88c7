import type { RunningSandbox } from '@senseon/sandbox';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { App, appTester, authFor, clientAs, startTestSandbox } from './helpers';

type Perform = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Result = Record<string, unknown> & { summary: string };

/** Zapier's cache is its RPC at run time and absent from the app tester: a stand-in. */
function cacheStandIn() {
  const entries = new Map<string, unknown>();
  const scopes: (string[] | undefined)[] = [];
  const cache: ZObject['cache'] = {
    get: async (key) => entries.get(key) ?? null,
    set: async (key, value, _ttl, scope) => {
      scopes.push(scope);
      entries.set(key, value);
      return true;
    },
    delete: async (key) => entries.delete(key),
  };
  return { cache, entries, scopes };
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('Get Decision Trace remembers the checkpoint per connection (z.cache)', () => {
  it('verifies, remembers, and reports a rollback against what it remembered', async () => {
    const { cache, entries, scopes } = cacheStandIn();
    const perform = App.searches.get_decision_trace.operation.perform as Perform;
    const [item] = (await clientAs(sandbox, 'admin').cases.list({ limit: 1 })).data;
    const run = async () =>
      (
        (await appTester(
          (z: ZObject, bundle: Bundle) => {
            z.cache = cache;
            return perform(z, bundle);
          },
          { authData: authFor(sandbox, 'admin'), inputData: { case_id: item!.id } },
        )) as Result[]
      )[0]!;
    const first = await run();
    expect(first).toMatchObject({ verified: true, tampering: null });
    expect(scopes).toEqual([['user', 'auth']]);
    const [key] = [...entries.keys()];
    const witness = JSON.parse(entries.get(key!) as string) as {
      checkpoint: { tree_size: number };
    };
    expect(witness.checkpoint).toEqual(first.checkpoint);
    // This connection had seen a bigger tree before: the trace was rolled back since.
    witness.checkpoint.tree_size += 5;
    entries.set(key!, JSON.stringify(witness));
    const second = await run();
    expect(second).toMatchObject({ verified: false, tampering: { kind: 'rollback' } });
    expect(second.summary).toMatch(/^TAMPERING: the DecisionTrace was rolled back/);
  });
});
