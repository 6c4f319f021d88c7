import type { Case, Device } from '@senseon/client';
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { runExecute } from './harness/execute-context';
import { byId } from './harness/parameters';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';

/** Script → Get Many and Run, in the newest SenseOn node, against a running sandbox. */
describe('SenseOn node: remote scripts', () => {
  const node = new SenseOn().getNodeType();
  let sb: TestSandbox;
  let caseRecord: Case;
  let devices: Device[];

  beforeAll(async () => {
    sb = await startTestSandbox();
    const admin = sb.client('admin');
    caseRecord = (
      await admin.cases.list({ limit: 1, status: ['open', 'investigating'] }).collect()
    )[0]!;
    devices = await admin.devices.list({ limit: 200 }).collect();
  });
  afterAll(() => sb.close());

  const online = (os: string) => devices.filter((d) => d.status === 'online' && d.os.type === os);

  async function run(parameters: INodeParameters) {
    const { output } = await runExecute({
      nodeType: node,
      parameters,
      credentials: sb.credential('analyst'),
    });
    return output[0]!.map((item) => item.json);
  }

  async function failure(parameters: INodeParameters) {
    const error = await run(parameters).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) {
      throw new Error(`expected an n8n node error, got ${String(error)}`);
    }
    return error;
  }

  const runScript = (extra: INodeParameters) =>
    ({
      resource: 'script',
      operation: 'run',
      case_id: byId(caseRecord.id),
      justification: 'Triage from n8n.',
      ...extra,
    }) satisfies INodeParameters;

  it('Get Many lists the catalog, filtered by OS', async () => {
    const all = await run({ resource: 'script', operation: 'getMany', returnAll: true });
    const linux = await run({
      resource: 'script',
      operation: 'getMany',
      filters: { os_type: 'linux' },
      limit: 50,
    });
    expect(linux.length).toBeGreaterThan(0);
    expect(linux.length).toBeLessThan(all.length);
    expect(linux.every((s) => (s.os_types as string[]).includes('linux'))).toBe(true);
    expect(all.some((s) => s.id === 'scr_triagepkg')).toBe(true);
    expect(String(all[0]!.summary)).toMatch(/^Script scr_/);
  });

  it('Run waits for the result of a collection script: each device’s exit code and output', async () => {
    const [a, b] = online('linux');
    const [action] = await run(
      runScript({
        script_id: 'scr_persistence',
        device_ids: `${a!.id}, ${b!.id}`,
        options: { result_timeout_seconds: 10 },
      }),
    );
    expect(action!.status).toBe('completed');
    const result = action!.result as { devices: { device_id: string; exit_code: number }[] };
    expect(result.devices.map((d) => [d.device_id, d.exit_code])).toEqual([
      [a!.id, 0],
      [b!.id, 0],
    ]);
  });

  it('Run leaves a containment script pending approval and never runs it', async () => {
    const [device] = online('windows');
    const [action] = await run(
      runScript({
        script_id: 'scr_killprocess',
        device_ids: device!.id,
        options: { parameters: '{"process_name": "mshta.exe"}' },
      }),
    );
    expect(action!.status).toBe('pending_approval');
    expect(action!.result).toBeNull();
    expect(action!.callback_secret).toBeUndefined();
  });

  it('Run names a parameter the script refuses, and JSON that is not an object', async () => {
    const [device] = online('linux');
    const refused = await failure(
      runScript({
        script_id: 'scr_killprocess',
        device_ids: device!.id,
        options: { parameters: '{"pid": 3}' },
      }),
    );
    expect(refused.message + String(refused.description)).toContain(
      'target.parameters.process_name',
    );
    const notJson = await failure(
      runScript({
        script_id: 'scr_killprocess',
        device_ids: device!.id,
        options: { parameters: '[1]' },
      }),
    );
    expect(notJson.message).toMatch(/^Parameters \(JSON\): must be a JSON object/);
  });
});
