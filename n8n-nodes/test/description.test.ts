import { LATEST_CATALOG_VERSION, OPERATIONS, type OperationSpec } from '@senseon/client';
import {
  NodeHelpers,
  Workflow,
  type INode,
  type INodeProperties,
  type INodeParameters,
  type INodePropertyOptions,
  type INodeType,
} from 'n8n-workflow';
import { n8nDescription } from '../nodes/SenseOn/actions/n8n-copy';
import { NODE_OPERATIONS } from '../nodes/SenseOn/actions/operations';
import { PLATFORM_ONLY_PROPERTIES } from '../nodes/SenseOn/actions/platform-properties';
import { SenseOnVersion } from '../nodes/SenseOn/actions/node-version';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { SenseOnPollTrigger } from '../nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { SenseOnTrigger } from '../nodes/SenseOnTrigger/SenseOnTrigger.node';

/** The node's description is rendered from the shared catalog: nothing added, nothing lost. */
describe('SenseOn node description', () => {
  const node = new SenseOnVersion(LATEST_CATALOG_VERSION, new SenseOn().description);
  const { properties } = node.description;
  /** A collection's options are catalog fields too, shown when the collection is. */
  const withCollected = (list: INodeProperties[]): INodeProperties[] =>
    list.flatMap((p) =>
      p.type === 'collection' ? [p, ...((p.options ?? []) as INodeProperties[])] : [p],
    );
  const placed = (OPERATIONS as readonly OperationSpec[]).filter((op) => 'resource' in op.n8n);

  const shownFor = (resource: string, operation: string) =>
    properties.filter((p) => {
      const show = p.displayOptions?.show;
      return (
        show?.resource?.includes(resource) === true && show.operation?.includes(operation) === true
      );
    });

  it('offers every catalog operation placed in n8n, with its description as the option text', () => {
    for (const op of placed) {
      const { resource, operation } = op.n8n as { resource: string; operation: string };
      const selector = properties.find(
        (p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
      )!;
      const option = (selector.options as INodePropertyOptions[]).find(
        (o) => o.value === operation,
      );
      expect(option!.description).toContain(n8nDescription(op.description));
      expect(option!.action).toEqual(expect.any(String));
      if (op.approvalGated) expect(option!.description).toMatch(/human approval/);
    }
    expect(NODE_OPERATIONS).toHaveLength(placed.length);
  });

  it('renders each catalog field once for its operation, and only those plus n8n-only ones', () => {
    const platformOnly = new Set<string>(PLATFORM_ONLY_PROPERTIES.map((p) => p.name));
    for (const op of placed) {
      const { resource, operation } = op.n8n as { resource: string; operation: string };
      const rendered = withCollected(shownFor(resource, operation));
      const names = rendered.map((p) => p.name);
      for (const field of op.fields) {
        const property = rendered.find((p) => p.name === field.name);
        expect(property).toBeDefined();
        expect(property!.displayName).toBe(field.label);
        if (field.name !== 'limit')
          expect(property!.description).toContain(n8nDescription(field.help));
        expect(property!.required === true).toBe(field.required === true);
        if (field.lookup) expect(property!.type).toBe('resourceLocator');
      }
      const extra = names.filter((name) => !op.fields.some((f) => f.name === name));
      for (const name of extra) expect(platformOnly).toContain(name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('every resource locator lists from a search method the node has', () => {
    const searches = Object.keys(node.methods.listSearch);
    const locators = properties.filter((p) => p.type === 'resourceLocator');
    expect(locators.length).toBeGreaterThan(0);
    for (const locator of locators) {
      const list = locator.modes!.find((m) => m.type === 'list')!;
      expect(searches).toContain(list.typeOptions!.searchListMethod);
      const byId = locator.modes!.find((m) => m.name === 'id')!;
      expect(byId.validation).toHaveLength(1);
    }
  });

  it('explains every n8n-only property and uses each', () => {
    for (const { name, reason } of PLATFORM_ONLY_PROPERTIES) {
      expect(reason.length).toBeGreaterThan(20);
      expect(properties.some((p: INodeProperties) => p.name === name)).toBe(true);
    }
  });

  it('as an AI tool offers no approve or reject and no wait, and tells the agent a human decides', () => {
    const usable = node.description.usableAsTool;
    const tool = (typeof usable === 'object' ? usable.replacements : undefined) as
      { properties: INodeProperties[] } | undefined;
    expect(tool?.properties.length).toBeGreaterThan(0);
    const operations = tool!.properties
      .filter((p) => p.name === 'operation')
      .flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => o.value));
    expect(operations).toEqual(expect.arrayContaining(['get', 'getMany', 'request', 'add']));
    expect(operations).not.toContain('approve');
    expect(operations).not.toContain('reject');
    expect(tool!.properties.some((p) => p.name === 'waitForDecision')).toBe(false);
    const toolText = (resource: string, operation: string) =>
      tool!.properties.find(
        (p) =>
          p.name === 'toolDescription' &&
          p.displayOptions?.show?.resource?.includes(resource) &&
          p.displayOptions.show.operation?.includes(operation),
      )?.default;
    for (const [resource, operation] of [
      ['device', 'release'],
      ['device', 'isolate'],
      ['ioc', 'add'],
      ['responseAction', 'request'],
    ]) {
      expect(toolText(resource!, operation!)).toMatch(/waits for a human approval/);
    }
    expect(toolText('case', 'get')).toBe(n8nDescription(OPERATIONS[0]!.description));
    // On the canvas the wait shows and the tool text does not (n8n's `@tool` display option).
    const wait = properties.find((p) => p.name === 'waitForDecision')!;
    expect(wait.displayOptions?.show?.['@tool']).toEqual([false]);
    const text = properties.find((p) => p.name === 'toolDescription')!;
    expect(text.displayOptions?.show?.['@tool']).toEqual([true]);
  });

  it('is usable as an AI tool, and says that agent requests wait for a human', () => {
    const tool = node.description.usableAsTool;
    expect(tool).toBeTruthy();
    expect(JSON.stringify(tool)).toMatch(/waits for a human approval/);
  });

  describe('outputs', () => {
    function outputsFor(parameters: INodeParameters) {
      const instance: INode = {
        id: '1',
        name: 'SenseOn',
        type: 'n8n-nodes-senseon.senseOn',
        typeVersion: 1,
        position: [0, 0],
        parameters: NodeHelpers.getNodeParameters(
          properties,
          parameters,
          true,
          false,
          { typeVersion: 1 },
          node.description,
        )!,
      };
      const nodeTypes = {
        getByName: (): INodeType => node,
        getByNameAndVersion: (): INodeType => node,
        getKnownTypes: () => ({}),
      };
      const workflow = new Workflow({
        nodes: [instance],
        connections: {},
        active: false,
        nodeTypes,
      });
      return NodeHelpers.getNodeOutputs(workflow, instance, node.description);
    }

    it('has one output, and Approved / Not Approved while waiting for a decision', () => {
      expect(outputsFor({ resource: 'case', operation: 'get' })).toEqual(['main']);
      expect(outputsFor({ resource: 'device', operation: 'isolate' })).toEqual(['main']);
      const waiting = outputsFor({
        resource: 'device',
        operation: 'isolate',
        waitForDecision: true,
      });
      expect(waiting).toEqual([
        { type: 'main', displayName: 'Approved' },
        { type: 'main', displayName: 'Not Approved' },
      ]);
      expect(
        outputsFor({ resource: 'responseAction', operation: 'request', waitForDecision: true }),
      ).toHaveLength(2);
    });
  });

  it('the triggers offer the contract events and the catalog poll feeds', () => {
    const trigger = new SenseOnTrigger().description;
    const events = trigger.properties.find((p) => p.name === 'events')!;
    expect((events.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual(
      [
        'action.approved',
        'action.completed',
        'action.expired',
        'action.failed',
        'action.rejected',
        'action.requested',
        'case.comment_added',
        'case.created',
        'case.updated',
        'device.updated',
        'observation.created',
        'summary.generated',
      ].sort(),
    );
    const poll = new SenseOnPollTrigger().description;
    const feeds = poll.properties.find((p) => p.name === 'event')!;
    expect((feeds.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual(
      ['actionUpdate', 'newCase', 'newObservation', 'updatedCase'].sort(),
    );
  });
});
