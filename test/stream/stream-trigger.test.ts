import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SenseOnClient, type WebhookEvent } from '@senseon/client';
import { startSandbox, type RunningSandbox } from '@senseon/sandbox';
import { SenseOnStreamTrigger } from '../../n8n-nodes/nodes/SenseOnStreamTrigger/SenseOnStreamTrigger.node';
import { sandboxCredential } from '../../n8n-nodes/test/harness/credentials';
import { eventually } from '../../n8n-nodes/test/harness/eventually';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { triggerContext } from '../../n8n-nodes/test/harness/trigger-contexts';

/**
 * The Stream Trigger against a real sandbox, reached through a proxy the test can cut: 1,000
 * events, with the connection cut and the sandbox restarted while they flow, arrive exactly once,
 * in order. (A hand-made trigger context; the e2e run proves the same in a real n8n.)
 */
describe('SenseOn Stream Trigger', () => {
  const ADMIN = 'sk_stream_test_admin_0123456789';
  const TOTAL = 1_000;
  let dir: string;
  let sandbox: RunningSandbox;
  let proxy: TcpProxy;
  let port: number;
  /** Each test's trigger, closed even when the test fails, so nothing keeps running. */
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  const start = (atPort: number) =>
    startSandbox({
      port: atPort,
      db: join(dir, 'senseon.db'),
      adminToken: ADMIN,
      rateLimit: 100_000,
      actionExecutionMs: 20,
    });
  const client = () => new SenseOnClient({ baseUrl: sandbox.url, token: ADMIN, rateLimit: false });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'senseon-stream-'));
    sandbox = await start(0);
    port = Number(new URL(sandbox.url).port);
    proxy = await startTcpProxy(port);
  });
  afterAll(async () => {
    await proxy.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('emits 1,000 events exactly once across a cut connection and a sandbox restart', async () => {
    const { context, record } = triggerContext({
      nodeType: new SenseOnStreamTrigger(),
      parameters: { events: ['case.comment_added'] },
      credentials: sandboxCredential(`http://127.0.0.1:${proxy.port}/v1`, ADMIN),
    });
    const emitted = () =>
      record.emitted.map((data) => data[0]![0]!.json as unknown as WebhookEvent);
    const response = await new SenseOnStreamTrigger().trigger.call(context);
    closers.push(() => response.closeFunction!());
    const caseId = (await client().cases.list({ limit: 1 }).collect({ limit: 1 }))[0]!.id;
    // The stream starts with the next event: one to know it is connected.
    await eventually(
      'the first streamed event',
      async () => {
        await client().cases.addComment(caseId, { body: 'warm-up' });
        return emitted().length > 0 ? true : undefined;
      },
      10_000,
    );
    for (let i = 1; i <= TOTAL; i++) {
      await client().cases.addComment(caseId, { body: `Streamed ${i}` });
      if (i === 300) proxy.cut();
      if (i === 600) {
        await sandbox.close();
        sandbox = await start(port);
      }
    }
    await eventually(
      `${TOTAL} streamed events`,
      () => (emitted().length >= TOTAL + 1 ? true : undefined),
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: got ${emitted().length - 1}`);
    });
    // Give a doubled event time to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await response.closeFunction!();

    const listedEvents = await client()
      .events.list({ type: ['case.comment_added'], limit: 1000 })
      .collect();
    // Counting starts after the last warm-up (an earlier one may have been posted unseen).
    const lastWarmUp = listedEvents
      .filter((e) => (e.data as { body?: string }).body === 'warm-up')
      .at(-1)!.id;
    const listed = listedEvents.map((e) => e.id);
    const expected = listed.slice(listed.indexOf(lastWarmUp) + 1);
    const ids = emitted().map((e) => e.id);
    expect(ids).toContain(lastWarmUp);
    const after = ids.slice(ids.indexOf(lastWarmUp) + 1);
    expect(expected).toHaveLength(TOTAL);
    expect(after).toHaveLength(TOTAL); // none lost, none doubled
    expect(new Set(after).size).toBe(TOTAL);
    expect(after).toEqual(expected); // in the order SenseOn emitted them
    expect(record.errors).toEqual([]);
    expect(proxy.connections).toBeGreaterThanOrEqual(3); // it did reconnect, twice at least
  }, 180_000);

  it('stops for good when the credential is refused, with a clear error', async () => {
    const { context, record } = triggerContext({
      nodeType: new SenseOnStreamTrigger(),
      parameters: { events: ['case.created'] },
      credentials: sandboxCredential(sandbox.url, 'sk_not_a_real_token_000'),
    });
    const response = await new SenseOnStreamTrigger().trigger.call(context);
    await eventually('the refusal', () => (record.errors.length > 0 ? true : undefined), 5_000);
    await response.closeFunction!();
    expect(record.emitted).toEqual([]);
    expect(JSON.stringify(record.errors[0])).not.toContain('sk_not_a_real_token_000');
  });
});
