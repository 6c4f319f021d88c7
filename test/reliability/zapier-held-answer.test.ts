/**
 * An answer held after the server committed (a proxy that keeps the connection open for 30 s)
 * must not fail a Zapier step whose write was made: the app gives an attempt 10 s, well inside
 * the step's 25 s, so the retry, with the same Idempotency-Key, gets the stored answer. Through
 * the Zapier app in zapier-platform-core against the real sandbox's after-commit fault.
 */
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { invoker } from '../../scripts/playbook/invoke';
import App from '../../zapier-app/src';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
});
afterAll(() => sandbox.close());

test('a comment whose answer is held after the commit is stored once and the step succeeds', async () => {
  const [someCase] = sandbox.db.prepare('SELECT id FROM cases LIMIT 1').all() as { id: string }[];
  const body = `held answer ${Date.now()}`;
  // Every write is stored, then its answer held for 30 s; the retry comes after the fault is off.
  sandbox.setFaults({ afterCommit: 1, afterCommitFailures: ['timeout'] });
  const off = setTimeout(() => sandbox.setFaults(null), 2_000);
  const started = Date.now();
  try {
    const comment = (await invoker(App)(
      'creates.add_case_comment.operation.perform',
      { environment: 'sandbox', baseUrl: sandbox.url, token: sandbox.tokens.analyst! },
      { case_id: someCase!.id, body },
    )) as { body?: string };
    expect(comment.body).toBe(body);
  } finally {
    clearTimeout(off);
    sandbox.setFaults(null);
  }
  expect(Date.now() - started).toBeLessThan(25_000);
  const stored = sandbox.db
    .prepare("SELECT count(*) AS n FROM comments WHERE json_extract(doc, '$.body') = ?")
    .get(body) as { n: number };
  expect(stored.n).toBe(1);
}, 40_000);
