import type { Device, Case } from '@senseon/client';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { APPROVED_OUTPUT, NOT_APPROVED_OUTPUT } from '../nodes/SenseOn/approval/decision';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { sandboxCredential } from './harness/credentials';
import { newExecution, runExecute } from './harness/execute-context';
import { byId } from './harness/parameters';
import { startReceiver } from './harness/receiver';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';
import { runWebhook } from './harness/webhook-context';

/**
 * Issue 12: with On Error at "Continue" or "Continue (using error output)", n8n sends what a
 * failed node was given through its first output, which for a waiting node is Approved. The
 * node itself must route every failure to Not Approved (or throw under "Stop Workflow").
 * The proof that n8n then keeps Approved empty is the e2e run (n8n-server-on-error.ts).
 */
describe('SenseOn node: a waiting node never fails open', () => {
  const node = new SenseOn().getNodeType();
  let sb: TestSandbox;
  let cases: Case[];
  let devices: Device[];

  beforeAll(async () => {
    sb = await startTestSandbox();
    cases = await sb.client('admin').cases.list({ limit: 100 }).collect();
    devices = await sb.client('admin').devices.list({ limit: 100 }).collect();
  });
  afterAll(async () => {
    await sb.close();
  });

  const isolate = (extra: INodeParameters = {}): INodeParameters => ({
    resource: 'device',
    operation: 'isolate',
    case_id: byId(cases[0]!.id),
    device_id: byId(devices.find((d) => d.status === 'online')!.id),
    justification: 'Ransomware precursor seen on this host.',
    waitForDecision: true,
    ...extra,
  });

  const threeItems: INodeExecutionData[] = [
    { json: { n: 1 } },
    { json: { n: 2 } },
    { json: { n: 3 } },
  ];

  async function actionCount(): Promise<number> {
    return (await sb.client('admin').actions.list({ limit: 100 }).collect()).length;
  }

  /** Three items whose requests all fail: devices SenseOn does not know. */
  const unknownDevices = [
    { device_id: byId('dev_doesnotexist1') },
    { device_id: byId('dev_doesnotexist2') },
    { device_id: byId('dev_doesnotexist3') },
  ];

  it('with continue on fail, three items whose requests fail all leave on Not Approved', async () => {
    const before = await actionCount();
    const { output, execution } = await runExecute({
      nodeType: node,
      parameters: isolate(),
      itemParameters: unknownDevices,
      credentials: sb.credential('analyst'),
      items: threeItems,
      continueOnFail: true,
    });
    expect(output[APPROVED_OUTPUT]).toEqual([]);
    const failed = output[NOT_APPROVED_OUTPUT]!;
    expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
    failed.forEach((item, n) => {
      expect((item.json as IDataObject).error).toContain(`dev_doesnotexist${n + 1}`);
    });
    expect(execution.waitTill).toBeUndefined();
    expect(await actionCount()).toBe(before);
  });

  it('without continue on fail, the first failed request of three stops the node', async () => {
    const before = await actionCount();
    await expect(
      runExecute({
        nodeType: node,
        parameters: isolate(),
        itemParameters: unknownDevices,
        credentials: sb.credential('analyst'),
        items: threeItems,
      }),
    ).rejects.toThrow(/dev_doesnotexist1.*\[item 0\]/);
    expect(await actionCount()).toBe(before);
  });

  it('with continue on fail, a bad credential leaves on Not Approved', async () => {
    const { output, execution } = await runExecute({
      nodeType: node,
      parameters: isolate(),
      credentials: sandboxCredential(sb.sandbox.url, 'sk_not_a_real_token'),
      continueOnFail: true,
    });
    expect(execution.waitTill).toBeUndefined();
    expect(output[APPROVED_OUTPUT]).toEqual([]);
    expect(output[NOT_APPROVED_OUTPUT]).toHaveLength(1);
    expect((output[NOT_APPROVED_OUTPUT]![0]!.json as IDataObject).status).toBe(401);
  });

  it('without continue on fail, an unknown device stops the node', async () => {
    await expect(
      runExecute({
        nodeType: node,
        parameters: isolate({ device_id: byId('dev_doesnotexist') }),
        credentials: sb.credential('analyst'),
      }),
    ).rejects.toThrow(/dev_doesnotexist/);
  });

  /** The sandbox behind a proxy that drops `callback_secret` from every answer. */
  async function withoutCallbackSecrets<T>(run: (url: string) => Promise<T>): Promise<T> {
    const proxy = await startReceiver(async (request) => {
      const headers = { ...request.headers };
      delete headers.host;
      delete headers['content-length'];
      const answer = await fetch(`${new URL(sb.sandbox.url).origin}${request.path}`, {
        method: request.method,
        headers,
        body: request.rawBody.length > 0 ? request.rawBody : undefined,
      });
      const text = await answer.text();
      const json = text ? (JSON.parse(text) as IDataObject) : {};
      delete json.callback_secret;
      return { status: answer.status, body: json };
    });
    try {
      return await run(proxy.url);
    } finally {
      await proxy.close();
    }
  }

  it('an answer without a callback secret still waits: the node keeps and needs none', async () => {
    const base = new URL(sb.sandbox.url).pathname.replace(/\/$/, '');
    const online = devices.filter((d) => d.status === 'online');
    await withoutCallbackSecrets(async (proxy) => {
      const credentials = sandboxCredential(proxy + base, sb.sandbox.tokens.analyst!);
      const { output, execution } = await runExecute({
        nodeType: node,
        parameters: isolate({ device_id: byId(online[2]!.id) }),
        credentials,
        continueOnFail: true,
        execution: newExecution('exec-no-secret'),
      });
      expect(output).toEqual([[], []]);
      expect(execution.waitTill).toBeDefined();
      const saved = execution.nodeContext.senseonPendingDecisions as {
        requests: object[];
      };
      expect(Object.keys(saved.requests[0]!).sort()).toEqual(['actionId', 'itemIndex']);
    });
  });

  it('a resume webhook that fails answers 500 and resumes nothing', async () => {
    // The saved node context cannot be read: whatever fails inside the webhook, n8n must not
    // be handed a throw (it would resume the execution with an empty item on Approved).
    const nodeContext: IDataObject = {};
    Object.defineProperty(nodeContext, 'senseonPendingDecisions', {
      get() {
        throw new Error('the saved execution could not be read');
      },
    });
    const run = await runWebhook({
      nodeType: node,
      request: {
        method: 'POST',
        path: '/webhook-waiting/exec-1',
        headers: { 'content-type': 'application/json' },
        rawBody: Buffer.from('{"data":{"id":"act_x"}}'),
      },
      credentials: sb.credential('analyst'),
      nodeContext,
      node: { parameters: {} },
    });
    expect(run.status).toBe(500);
    expect(run.workflowData).toBeUndefined();
    expect(JSON.stringify(run.body)).not.toContain('saved execution');
  });

  it('a waiting node with a fresh execution still waits (the fix changes no success path)', async () => {
    const { output, execution } = await runExecute({
      nodeType: node,
      parameters: isolate({ device_id: byId(devices.filter((d) => d.status === 'online')[1]!.id) }),
      credentials: sb.credential('analyst'),
      continueOnFail: true,
      execution: newExecution('exec-on-error-ok'),
    });
    expect(output).toEqual([[], []]);
    expect(execution.waitTill).toBeDefined();
  });
});
