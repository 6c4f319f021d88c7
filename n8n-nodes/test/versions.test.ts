import type { INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { runExecute } from './harness/execute-context';
import { byId, resolveParameters } from './harness/parameters';
import { startTestSandbox, type TestSandbox } from './harness/sandbox';

/**
 * The parameters of version 1 as it shipped, by `resource.operation`: saved workflows hold these
 * names. A version may never lose one; a rename or removal is a new version.
 */
const V1_PARAMETERS: Record<string, string[]> = {
  'case.get': ['case_id'],
  'case.getMany': ['status', 'min_severity', 'q', 'returnAll', 'limit'],
  'case.update': ['case_id', 'status', 'severity', 'assignee', 'tags'],
  'case.addComment': ['case_id', 'body'],
  'case.getComments': ['case_id', 'returnAll', 'limit'],
  'case.generateSummary': ['case_id', 'timeout_seconds'],
  'case.getSummary': ['case_id'],
  'case.getDecisionTrace': ['case_id'],
  'device.get': ['device_id'],
  'device.getMany': ['hostname', 'ip', 'os_type', 'status', 'returnAll', 'limit'],
  'device.isolate': ['case_id', 'device_id', 'justification', 'expires_in', 'waitForDecision'],
  'device.release': ['case_id', 'device_id', 'justification'],
  'observation.get': ['observation_id'],
  'observation.getMany': [
    'case_id',
    'device_id',
    'source',
    'min_severity',
    'entity',
    'observed_after',
    'returnAll',
    'limit',
  ],
  'observation.create': ['title', 'severity', 'description', 'device_id', 'case_id'],
  'responseAction.request': [
    'case_id',
    'type',
    'target_device_id',
    'target_user_id',
    'ioc_type',
    'ioc_value',
    'justification',
    'expires_in',
    'waitForDecision',
  ],
  'responseAction.get': ['action_id'],
  'responseAction.getMany': ['status', 'returnAll', 'limit'],
  'responseAction.approve': ['action_id', 'approver', 'comment'],
  'responseAction.reject': ['action_id', 'approver', 'reason'],
  'ioc.add': ['case_id', 'ioc_type', 'ioc_value', 'justification'],
};

const node = new SenseOn();
const v1 = node.getNodeType(1);
const v2 = node.getNodeType(2);
const v3 = node.getNodeType(3);
const v4 = node.getNodeType(4);

/** The parameter names of each operation, as the description places them. */
function parametersByOperation(description: INodeTypeDescription): Record<string, string[]> {
  const names: Record<string, string[]> = {};
  for (const property of description.properties) {
    const show = property.displayOptions?.show;
    // Shown only in the AI tool (n8n's `@tool`): an added parameter, no saved workflow's.
    if (show?.['@tool']?.includes(true)) continue;
    for (const resource of show?.resource ?? []) {
      for (const operation of show?.operation ?? []) {
        const list = (names[`${String(resource)}.${String(operation)}`] ??= []);
        if (!list.includes(property.name)) list.push(property.name);
      }
    }
  }
  return names;
}

/** What n8n keeps of these parameters: the ones their displayOptions show, defaults filled. */
const shown = (description: INodeTypeDescription, parameters: INodeParameters) =>
  Object.keys(resolveParameters(description, parameters));

const REQUEST_ALL_TARGETS: INodeParameters = {
  resource: 'responseAction',
  operation: 'request',
  target_device_id: byId('dev_x'),
  target_user_id: 'usr_x',
  ioc_type: 'ipv4',
  ioc_value: '203.0.113.9',
};

describe('SenseOn node versions', () => {
  it('is a versioned node whose default is the newest version', () => {
    expect(Object.keys(node.nodeVersions).map(Number).sort()).toEqual([1, 2, 3, 4]);
    expect(node.description.defaultVersion).toBe(4);
    expect(node.getLatestVersion()).toBe(4);
    expect(v4.description.version).toBe(4);
    expect(v1.description.version).toBe(1);
    expect(v2.description.version).toBe(2);
    expect(v3.description.version).toBe(3);
  });

  it('version 3 only adds Simplify, to wide outputs; 1 and 2 keep their full output', () => {
    const v2Names = parametersByOperation(v2.description);
    const v3Names = parametersByOperation(v3.description);
    for (const [operation, names] of Object.entries(v2Names)) {
      const added = v3Names[operation]!.filter((name) => !names.includes(name));
      expect({ operation, added }).toEqual({
        operation,
        added: added.length > 0 ? ['simplify'] : [],
      });
    }
    expect(v3Names['case.get']).toContain('simplify');
    expect(v3Names['responseAction.request']).toContain('simplify');
    expect(v3Names['case.getComments']).not.toContain('simplify');
    for (const version of [v1, v2]) {
      expect(version.description.properties.some((p) => p.name === 'simplify')).toBe(false);
    }
  });

  it('keeps every parameter name version 1 shipped with, in version 1', () => {
    expect(parametersByOperation(v1.description)).toEqual(V1_PARAMETERS);
  });

  it('version 2 renames nothing: it adds an operation and makes fields conditional', () => {
    const v2Names = parametersByOperation(v2.description);
    for (const [operation, names] of Object.entries(V1_PARAMETERS)) {
      expect({ operation, names: v2Names[operation] }).toEqual({ operation, names });
    }
    expect(v2Names['device.getObservations']).toEqual(['device_id', 'returnAll', 'limit']);
    expect(parametersByOperation(v1.description)['device.getObservations']).toBeUndefined();
  });

  it.each([
    ['isolate_device', ['target_device_id']],
    ['release_device', ['target_device_id']],
    ['disable_user', ['target_user_id']],
    ['enable_user', ['target_user_id']],
    ['add_ioc', ['ioc_type', 'ioc_value']],
    ['close_case', []],
  ])('version 2 Request Response Action with %s shows only its target fields', (type, own) => {
    const targets = ['target_device_id', 'target_user_id', 'ioc_type', 'ioc_value'];
    const names = shown(v2.description, { ...REQUEST_ALL_TARGETS, type });
    expect(targets.filter((name) => names.includes(name))).toEqual(own);
    // Version 1 shows them all, whatever the type, as saved workflows expect.
    const v1Names = shown(v1.description, { ...REQUEST_ALL_TARGETS, type });
    expect(targets.filter((name) => v1Names.includes(name))).toEqual(targets);
  });

  it('version 4 keeps only what an operation needs at the top; the rest is in a collection', () => {
    const v4Names = parametersByOperation(v4.description);
    expect(v4Names['case.update']).toEqual(['case_id', 'simplify', 'updateFields']);
    expect(v4Names['case.getMany']).toEqual(['returnAll', 'limit', 'simplify', 'filters']);
    expect(v4Names['observation.create']).toEqual(['title', 'severity', 'simplify', 'options']);
    // A wait is how the hunt runs, not which events it returns: an option beside the filters.
    expect(v4Names['hunt.run']).toEqual([
      'query',
      'observed_after',
      'observed_before',
      'returnAll',
      'limit',
      'filters',
      'options',
    ]);
    expect(v4Names['device.release']).toEqual(
      expect.arrayContaining(['case_id', 'device_id', 'justification', 'waitForDecision']),
    );
    const collection = (operation: string, name: string) =>
      v4.description.properties.find(
        (p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation),
      )!;
    const update = collection('update', 'updateFields');
    const labels = (update.options as Array<{ displayName: string }>).map((o) => o.displayName);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
    expect(labels).toEqual(expect.arrayContaining(['Unassign', 'Remove All Tags', 'Assignee']));
    // Leaving a field out of the collection is "not set": no "(Not Set)" choice in version 4.
    const everyOption = v4.description.properties.flatMap((p) => [
      p,
      ...((p.type === 'collection' ? p.options : []) as typeof v4.description.properties),
    ]);
    for (const property of everyOption) {
      const names = ((property.options ?? []) as Array<{ name?: string }>).map((o) => o.name);
      expect({ property: property.name, names }).not.toEqual(
        expect.objectContaining({ names: expect.arrayContaining(['(Not Set)']) }),
      );
    }
    // The real defaults: the API's expiry, not 0; not the first type or severity listed.
    const options = collection('isolate', 'options').options as Array<{
      name: string;
      default: unknown;
    }>;
    expect(options.find((o) => o.name === 'expires_in')!.default).toBe(3600);
    const type = v4.description.properties.find(
      (p) => p.name === 'type' && p.displayOptions?.show?.operation?.includes('request'),
    )!;
    expect(type.default).toBe('add_ioc');
    const severity = v4.description.properties.find(
      (p) => p.name === 'severity' && p.displayOptions?.show?.operation?.includes('create'),
    )!;
    expect(severity.default).toBe('medium');
  });

  it('marks the shown target fields of version 2 required', () => {
    const required = v2.description.properties
      .filter((p) => p.displayOptions?.show?.operation?.includes('request') && p.required)
      .map((p) => p.name);
    expect(required).toEqual(
      expect.arrayContaining(['target_device_id', 'target_user_id', 'ioc_type', 'ioc_value']),
    );
  });
});

describe('SenseOn node versions against the sandbox', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(() => sb.close());

  it('runs a workflow saved with version 1 (stale target fields set) after version 2 ships', async () => {
    const [firstCase] = await sb.client('admin').cases.list({ limit: 1 }).collect();
    const { output } = await runExecute({
      nodeType: v1,
      node: { typeVersion: 1 },
      // As a version 1 workflow saved it: every target field visible, some left over.
      parameters: {
        ...REQUEST_ALL_TARGETS,
        case_id: byId(firstCase!.id),
        type: 'add_ioc',
        target_user_id: 'usr_left_over',
        ioc_type: 'domain',
        ioc_value: 'v1-saved.example',
        justification: 'Saved with version 1.',
      },
      credentials: sb.credential('analyst'),
    });
    expect(output[0]![0]!.json).toMatchObject({
      type: 'add_ioc',
      target: { ioc: { type: 'domain', value: 'v1-saved.example' } },
    });
  });

  it('version 4 reads optional fields from the collection: Update Fields clears assignee and tags', async () => {
    const admin = sb.client('admin');
    const [found] = await admin.cases.list({ limit: 1 }).collect();
    await admin.cases.update(found!.id, { assignee: 'someone@example.com', tags: ['a', 'b'] });
    const { output } = await runExecute({
      nodeType: v4,
      node: { typeVersion: 4 },
      parameters: {
        resource: 'case',
        operation: 'update',
        case_id: byId(found!.id),
        updateFields: { unassign: true, clear_tags: true, severity: 'low' },
        simplify: false,
      },
      credentials: sb.credential('admin'),
    });
    expect(output[0]![0]!.json).toMatchObject({ assignee: null, tags: [], severity: 'low' });
    const after = await admin.cases.retrieve(found!.id);
    expect(after).toMatchObject({ assignee: null, tags: [], severity: 'low' });
  });

  it('version 4 refuses Unassign together with an Assignee, naming both', async () => {
    const [found] = await sb.client('admin').cases.list({ limit: 1 }).collect();
    await expect(
      runExecute({
        nodeType: v4,
        node: { typeVersion: 4 },
        parameters: {
          resource: 'case',
          operation: 'update',
          case_id: byId(found!.id),
          updateFields: { unassign: true, assignee: 'x@example.com' },
        },
        credentials: sb.credential('admin'),
      }),
    ).rejects.toThrow(/Unassign.*cannot be on while Assignee is filled|Unassign/);
  });

  it("version 2 gets one device's observations, newest first, up to the limit", async () => {
    const admin = sb.client('admin');
    const observations = await admin.observations.list({ limit: 200 }).collect();
    const deviceId = observations.find((o) => o.device_id)!.device_id!;
    const expected = await admin.observations.list({ device_id: deviceId }).collect();
    const { output } = await runExecute({
      nodeType: v2,
      node: { typeVersion: 2 },
      parameters: {
        resource: 'device',
        operation: 'getObservations',
        device_id: byId(deviceId),
        limit: 2,
      },
      credentials: sb.credential('analyst'),
    });
    const items = output[0]!.map((item) => item.json);
    expect(items).toHaveLength(Math.min(2, expected.length));
    expect(items.map((o) => o.id)).toEqual(expected.slice(0, 2).map((o) => o.id));
    for (const item of items) {
      expect(item.device_id).toBe(deviceId);
      expect(typeof item.summary).toBe('string');
    }
  });
});
