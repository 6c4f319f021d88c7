import type { RunningSandbox } from '@senseon/sandbox';
import { keyDifferences, liveResults, type LiveResult } from '../scripts/live-results';
import { startTestSandbox } from './helpers';

let sandbox: RunningSandbox;
let results: LiveResult[];
beforeAll(async () => {
  sandbox = await startTestSandbox();
  results = await liveResults(sandbox);
}, 60_000);
afterAll(() => sandbox.close());

/**
 * Zapier shows a step's sample until the user tests it, and Zaps map fields by key: every sample
 * must have exactly the keys a live result has, nested ones included.
 */
describe('static samples match live results from the sandbox', () => {
  it('runs all 3 triggers and 13 actions', () => {
    expect(results).toHaveLength(16);
    for (const result of results)
      expect({ key: result.key, live: !!result.live }).toEqual({
        key: result.key,
        live: true,
      });
  });

  it('has, for every step, the same keys in its sample as in a live result', () => {
    const mismatches = results
      .map(({ key, sample, live }) => ({ key, ...keyDifferences(sample, live ?? {}) }))
      .filter((d) => d.onlyInSample.length > 0 || d.onlyLive.length > 0);
    expect(mismatches).toEqual([]);
  });

  it('shows an isolation request as live it is: pending, not yet decided', () => {
    for (const key of ['isolate_device', 'request_action']) {
      const { sample, live } = results.find((r) => r.key === key)!;
      expect(live).toMatchObject({ status: 'pending_approval', decided_by: null });
      expect(sample).toMatchObject({ status: 'pending_approval', decided_by: null });
    }
  });
});
