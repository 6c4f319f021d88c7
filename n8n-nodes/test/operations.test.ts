import type { Case, Device } from '@senseon/client';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { SenseOnVersion } from '../nodes/SenseOn/actions/node-version';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { eventually } from './harness/eventually';
import { runExecute } from './harness/execute-context';
import { byId } from './harness/parameters';
import { startTestSandbox, type TestSandbox, type TokenName } from './harness/sandbox';

/** Every operation of the SenseOn node against a running sandbox, over real HTTP. */
describe('SenseOn node operations', () => {
  const node = new SenseOnVersion(2, new SenseOn().description);
  let sb: TestSandbox;
  let cases: Case[];
  let devices: Device[];

  beforeAll(async () => {
    sb = await startTestSandbox();
    const admin = sb.client('admin');
    cases = await admin.cases.list({ limit: 100 }).collect();
    devices = await admin.devices.list({ limit: 100 }).collect();
  });
  afterAll(() => sb.close());

  async function run(parameters: INodeParameters, token: TokenName = 'analyst') {
    const { output } = await runExecute({
      nodeType: node,
      parameters,
      credentials: sb.credential(token),
    });
    expect(output).toHaveLength(1);
    for (const item of output[0]!) expect(item.pairedItem).toEqual({ item: 0 });
    return output[0]!.map((item) => item.json);
  }

  const firstCase = () => cases[0]!;
  /** A device that isolation can be asked for and approved without step-up. */
  const isolatable = () =>
    devices.find((d) => d.status === 'online' && d.criticality !== 'crown_jewel')!;

  describe('case', () => {
    it('gets one case with its timeline and a summary', async () => {
      const [found] = await run({
        resource: 'case',
        operation: 'get',
        case_id: byId(firstCase().id),
      });
      expect(found).toMatchObject({ id: firstCase().id, title: firstCase().title });
      expect(Array.isArray(found!.timeline)).toBe(true);
      expect(found!.summary).toEqual(expect.stringContaining(firstCase().id));
    });

    it('gets many cases: Limit stops early, filters apply, Return All reads every page', async () => {
      const limited = await run({ resource: 'case', operation: 'getMany', limit: 3 });
      expect(limited).toHaveLength(3);

      const open = await run({
        resource: 'case',
        operation: 'getMany',
        status: ['open', 'investigating'],
        returnAll: true,
      });
      expect(open.length).toBe(
        cases.filter((c) => c.status === 'open' || c.status === 'investigating').length,
      );
      for (const c of open) expect(['open', 'investigating']).toContain(c.status);

      const critical = await run({
        resource: 'case',
        operation: 'getMany',
        min_severity: 'critical',
        returnAll: true,
      });
      expect(critical.every((c) => c.severity === 'critical')).toBe(true);

      const all = await run({ resource: 'case', operation: 'getMany', returnAll: true });
      expect(all.map((c) => c.id).sort()).toEqual(cases.map((c) => c.id).sort());

      const words = firstCase().title.split(' ').slice(0, 2).join(' ');
      const found = await run({ resource: 'case', operation: 'getMany', q: words, limit: 50 });
      expect(found.map((c) => c.id)).toContain(firstCase().id);
    });

    it('updates status, severity, assignee and tags', async () => {
      const target = cases[1]!;
      const [updated] = await run({
        resource: 'case',
        operation: 'update',
        case_id: byId(target.id),
        status: 'investigating',
        severity: 'high',
        assignee: 'analyst@example.com',
        tags: 'ticket-4711, phishing',
      });
      expect(updated).toMatchObject({
        id: target.id,
        status: 'investigating',
        severity: 'high',
        assignee: 'analyst@example.com',
        tags: ['ticket-4711', 'phishing'],
      });
    });

    it('adds a comment and reads the comments back', async () => {
      const target = cases[2]!;
      const [comment] = await run({
        resource: 'case',
        operation: 'addComment',
        case_id: byId(target.id),
        body: 'Ticket INC-4711 opened in the service desk.',
      });
      expect(comment).toMatchObject({ case_id: target.id });
      const comments = await run({
        resource: 'case',
        operation: 'getComments',
        case_id: byId(target.id),
        returnAll: true,
      });
      expect(comments.map((c) => c.id)).toContain(comment!.id);
    });

    it('generates the AI summary and waits until it is ready, then gets it', async () => {
      const target = firstCase();
      const [generated] = await run({
        resource: 'case',
        operation: 'generateSummary',
        case_id: byId(target.id),
        timeout_seconds: 30,
      });
      expect(generated).toMatchObject({ case_id: target.id, status: 'ready' });
      expect(typeof generated!.text).toBe('string');
      const [again] = await run({
        resource: 'case',
        operation: 'getSummary',
        case_id: byId(target.id),
      });
      expect(again).toMatchObject({ case_id: target.id, status: 'ready', text: generated!.text });
    });
  });

  describe('device', () => {
    it('gets one device and many with filters, Return All reading every page', async () => {
      const device = devices[0]!;
      const [found] = await run({
        resource: 'device',
        operation: 'get',
        device_id: byId(device.id),
      });
      expect(found).toMatchObject({ id: device.id, hostname: device.hostname });

      const linux = await run({
        resource: 'device',
        operation: 'getMany',
        os_type: 'linux',
        returnAll: true,
      });
      expect(linux.length).toBe(devices.filter((d) => d.os.type === 'linux').length);
      expect(linux.every((d) => (d.os as IDataObject).type === 'linux')).toBe(true);

      const byHostname = await run({
        resource: 'device',
        operation: 'getMany',
        hostname: device.hostname,
        limit: 10,
      });
      expect(byHostname.map((d) => d.id)).toEqual([device.id]);
    });

    it('asks to isolate a device (pending approval) and releases it once isolated', async () => {
      const device = isolatable();
      const target = cases.find((c) => c.device_ids.includes(device.id)) ?? firstCase();
      const [isolation] = await run({
        resource: 'device',
        operation: 'isolate',
        case_id: byId(target.id),
        device_id: byId(device.id),
        justification: 'Beaconing to a known C2 address.',
      });
      expect(isolation).toMatchObject({
        type: 'isolate_device',
        status: 'pending_approval',
        requires_approval: true,
      });
      expect(isolation).not.toHaveProperty('callback_secret');
      await sb.client('approver').actions.approve(isolation!.id as string, { approver: 'Lead' });
      // An approved isolation runs in the background; release needs it done.
      await eventually('the isolation to complete', async () => {
        const now = await sb.client('admin').devices.retrieve(device.id);
        return now.status === 'isolated' ? now : undefined;
      });

      const [release] = await run({
        resource: 'device',
        operation: 'release',
        case_id: byId(target.id),
        device_id: byId(device.id),
        justification: 'Reimaged; clean.',
      });
      expect(release).toMatchObject({ type: 'release_device', requires_approval: false });
    });
  });

  describe('observation', () => {
    it('gets one, many (Return All across pages) and creates one', async () => {
      const admin = sb.client('admin');
      const firstPage = await admin.observations.list({ limit: 1 });
      const total = firstPage.pagination.total_items;
      expect(total).toBeGreaterThan(100);

      const every = await run({ resource: 'observation', operation: 'getMany', returnAll: true });
      expect(every).toHaveLength(total);
      expect(new Set(every.map((o) => o.id)).size).toBe(total);

      const few = await run({ resource: 'observation', operation: 'getMany', limit: 5 });
      expect(few).toHaveLength(5);

      const one = firstPage.data[0]!;
      const [found] = await run({
        resource: 'observation',
        operation: 'get',
        observation_id: one.id,
      });
      expect(found).toMatchObject({ id: one.id, title: one.title });

      const withCase = every.find((o) => o.case_id)!;
      const ofCase = await run({
        resource: 'observation',
        operation: 'getMany',
        case_id: byId(withCase.case_id as string),
        source: withCase.source as string,
        returnAll: true,
      });
      expect(ofCase.length).toBeGreaterThan(0);
      expect(ofCase.every((o) => o.case_id === withCase.case_id)).toBe(true);

      const [created] = await run(
        {
          resource: 'observation',
          operation: 'create',
          title: 'Suspicious PowerShell download cradle',
          severity: 'high',
          description:
            'IEX (New-Object Net.WebClient).DownloadString seen in a Word child process.',
          device_id: byId(devices[0]!.id),
        },
        'admin',
      );
      expect(created).toMatchObject({
        title: 'Suspicious PowerShell download cradle',
        severity: 'high',
        device_id: devices[0]!.id,
      });
      expect((created!.ocsf as IDataObject).class_uid).toBe(2004);
    });
  });

  describe('response action and IOC', () => {
    it('requests an IOC block (runs at once), gets it and lists actions by status', async () => {
      const [requested] = await run({
        resource: 'responseAction',
        operation: 'request',
        case_id: byId(firstCase().id),
        type: 'add_ioc',
        ioc_type: 'domain',
        ioc_value: 'evil-updates.example',
        justification: 'C2 domain from the AI summary.',
      });
      expect(requested).toMatchObject({ type: 'add_ioc', requires_approval: false });
      expect(requested!.requested_by).toMatchObject({ origin: 'automation' });

      const [found] = await run({
        resource: 'responseAction',
        operation: 'get',
        action_id: byId(requested!.id as string),
      });
      expect(found).toMatchObject({ id: requested!.id });

      const pending = await run({
        resource: 'responseAction',
        operation: 'getMany',
        status: 'pending_approval',
        returnAll: true,
      });
      expect(pending.every((a) => a.status === 'pending_approval')).toBe(true);
    });

    it('adds an IOC through a response action on the case', async () => {
      const [added] = await run({
        resource: 'ioc',
        operation: 'add',
        case_id: byId(firstCase().id),
        ioc_type: 'sha256',
        ioc_value: 'a'.repeat(64),
        justification: 'Hash of the dropper.',
      });
      expect(added).toMatchObject({
        type: 'add_ioc',
        target: { ioc: { type: 'sha256', value: 'a'.repeat(64) } },
      });
    });

    it('approves and rejects pending actions (as another person than the requester)', async () => {
      const analyst = sb.client('analyst');
      const device = devices.find(
        (d) => d.status === 'online' && d.criticality !== 'crown_jewel' && d.id !== isolatable().id,
      )!;
      const first = await analyst.actions.request(firstCase().id, {
        type: 'isolate_device',
        target: { device_id: device.id },
        justification: 'Lateral movement.',
      });
      const withUser = cases.find((c) => c.user_ids.length > 0)!;
      const second = await analyst.actions.request(withUser.id, {
        type: 'disable_user',
        target: { user_id: withUser.user_ids[0]! },
        justification: 'Phished account.',
      });
      const [approved] = await run(
        {
          resource: 'responseAction',
          operation: 'approve',
          action_id: byId(first.id),
          approver: 'Shift lead',
          comment: 'Confirmed with the asset owner.',
        },
        'approver',
      );
      expect(approved).toMatchObject({ id: first.id });
      expect(['approved', 'executing', 'completed']).toContain(approved!.status);

      const [rejected] = await run(
        {
          resource: 'responseAction',
          operation: 'reject',
          action_id: byId(second.id),
          reason: 'The user is travelling; not phished.',
        },
        'approver',
      );
      expect(rejected).toMatchObject({ id: second.id, status: 'rejected' });
    });
  });

  it('verifies the DecisionTrace hash chain of a case', async () => {
    const [trace] = await run(
      { resource: 'case', operation: 'getDecisionTrace', case_id: byId(firstCase().id) },
      'admin',
    );
    expect(trace).toMatchObject({ case_id: firstCase().id, verified: true });
    expect((trace!.entries as IDataObject[]).length).toBeGreaterThan(0);
    expect(trace!.summary).toEqual(expect.any(String));
  });

  it('remembers the checkpoint in static data and reports a fork against it, with both checkpoints', async () => {
    const staticData: IDataObject = {};
    const parameters = {
      resource: 'case',
      operation: 'getDecisionTrace',
      case_id: byId(firstCase().id),
    };
    const once = async () => {
      const { output } = await runExecute({
        nodeType: node,
        parameters,
        credentials: sb.credential('admin'),
        staticData,
      });
      return output[0]![0]!.json;
    };
    const first = await once();
    expect(first).toMatchObject({ verified: true, tampering: null });
    // Read afresh each time: a save assigns a new object (which n8n notices and saves).
    const book = () =>
      staticData.senseonTraceWitnesses as Record<string, { checkpoint: IDataObject }>;
    const [key] = Object.keys(book());
    expect(book()[key!]!.checkpoint).toEqual(first.checkpoint);
    expect(await once()).toMatchObject({ verified: true });
    // The server had shown this node a different tree of the same size before: a fork.
    const remembered = book()[key!]!;
    remembered.checkpoint = { ...remembered.checkpoint, root_hash: 'f'.repeat(64) };
    const forked = await once();
    expect(forked).toMatchObject({ verified: false, tampering: { kind: 'fork' } });
    expect(forked.summary).toMatch(/^TAMPERING: the DecisionTrace forked/);
    expect((forked.tampering as { older: IDataObject }).older.root_hash).toBe('f'.repeat(64));
    // Kept: the alarm repeats rather than the forged tree being accepted the second time.
    expect(book()[key!]!.checkpoint.root_hash).toBe('f'.repeat(64));
  });

  it('as an AI agent tool, requests carry origin agent and wait for a human', async () => {
    const { output } = await runExecute({
      nodeType: node,
      node: { type: 'n8n-nodes-senseon.senseOnTool' },
      parameters: {
        resource: 'ioc',
        operation: 'add',
        case_id: byId(firstCase().id),
        ioc_type: 'ipv4',
        ioc_value: '203.0.113.7',
        justification: 'The agent saw beaconing to this address.',
      },
      credentials: sb.credential('analyst'),
    });
    const [action] = output[0]!.map((item) => item.json);
    expect(action).toMatchObject({
      status: 'pending_approval',
      requires_approval: true,
      requested_by: { origin: 'agent' },
    });
  });

  it('as an AI agent tool, approving or rejecting is refused before SenseOn is asked', async () => {
    // An agent's request: it waits for a human, which is what the agent would like to skip.
    const { output } = await runExecute({
      nodeType: node,
      node: { type: 'n8n-nodes-senseon.senseOnTool' },
      parameters: {
        resource: 'ioc',
        operation: 'add',
        case_id: byId(firstCase().id),
        ioc_type: 'domain',
        ioc_value: 'agent-approves.example',
        justification: 'Pending, for an agent to try to approve.',
      },
      credentials: sb.credential('analyst'),
    });
    const pending = output[0]!.map((item) => item.json);
    const actionId = String(pending[0]!.id);
    for (const operation of ['approve', 'reject']) {
      await expect(
        runExecute({
          nodeType: node,
          node: { type: 'n8n-nodes-senseon.senseOnTool' },
          parameters: {
            resource: 'responseAction',
            operation,
            action_id: byId(actionId),
            reason: 'The agent thinks so.',
          },
          credentials: sb.credential('approver'),
        }),
      ).rejects.toThrow(/An AI agent cannot (approve|reject) a response action/);
    }
    const [action] = await run(
      { resource: 'responseAction', operation: 'get', action_id: byId(actionId) },
      'admin',
    );
    expect(action).toMatchObject({ id: actionId, status: 'pending_approval' });
  });

  it('version 3 simplifies a case to at most 10 fields unless Simplify is off', async () => {
    const v3 = new SenseOnVersion(3, new SenseOn().description);
    const get = async (simplify?: boolean) => {
      const { output } = await runExecute({
        nodeType: v3,
        node: { typeVersion: 3 },
        parameters: {
          resource: 'case',
          operation: 'get',
          case_id: byId(firstCase().id),
          ...(simplify === undefined ? {} : { simplify }),
        },
        credentials: sb.credential('analyst'),
      });
      return output[0]![0]!.json;
    };
    const simple = await get();
    const raw = await get(false);
    expect(Object.keys(raw).length).toBeGreaterThan(10);
    expect(Object.keys(simple).length).toBeLessThanOrEqual(10);
    expect(simple).toMatchObject({ id: firstCase().id, title: firstCase().title });
    expect(simple.summary).toBe(raw.summary);
  });
});
