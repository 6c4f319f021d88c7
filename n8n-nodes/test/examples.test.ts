import {
  NodeHelpers,
  Workflow,
  type INode,
  type INodeParameters,
  type INodeType,
  type IConnections,
} from 'n8n-workflow';
import criticalCase from '../examples/critical-case-isolation.json';
import huntIsolation from '../examples/hunt-isolation.json';
import iocEnrichment from '../examples/ioc-enrichment.json';
import telemetryComment from '../examples/telemetry-case-comment.json';
import scriptKillProcess from '../examples/script-kill-process.json';
import streamCaseToTicket from '../examples/stream-case-to-ticket.json';
import ticketSync from '../examples/ticket-status-sync.json';
import { SenseOn } from '../nodes/SenseOn/SenseOn.node';
import { SenseOnPollTrigger } from '../nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { SenseOnStreamTrigger } from '../nodes/SenseOnStreamTrigger/SenseOnStreamTrigger.node';
import { SenseOnTrigger } from '../nodes/SenseOnTrigger/SenseOnTrigger.node';

interface ExampleWorkflow {
  name: string;
  nodes: Array<INode & { credentials?: Record<string, { id: string; name: string }> }>;
  connections: IConnections;
}

const OURS: Record<string, INodeType> = {
  'n8n-nodes-senseon.senseOn': new SenseOn().getNodeType(),
  'n8n-nodes-senseon.senseOnTrigger': new SenseOnTrigger(),
  'n8n-nodes-senseon.senseOnPollTrigger': new SenseOnPollTrigger(),
  'n8n-nodes-senseon.senseOnStreamTrigger': new SenseOnStreamTrigger(),
};

const senseOn = new SenseOn();

/** The node type an example's node runs as: the SenseOn node at the version it was saved with. */
const typeOf = (node: INode): INodeType | undefined =>
  node.type === 'n8n-nodes-senseon.senseOn'
    ? senseOn.getNodeType(node.typeVersion)
    : OURS[node.type];

const EXAMPLES: Record<string, ExampleWorkflow> = {
  'critical-case-isolation': criticalCase as unknown as ExampleWorkflow,
  'ticket-status-sync': ticketSync as unknown as ExampleWorkflow,
  'ioc-enrichment': iocEnrichment as unknown as ExampleWorkflow,
  'hunt-isolation': huntIsolation as unknown as ExampleWorkflow,
  'telemetry-case-comment': telemetryComment as unknown as ExampleWorkflow,
  'stream-case-to-ticket': streamCaseToTicket as unknown as ExampleWorkflow,
  'script-kill-process': scriptKillProcess as unknown as ExampleWorkflow,
};

/** Parameters the example sets that the node would not keep (unknown, or hidden for it). */
function unknownParameters(nodeType: INodeType, parameters: INodeParameters): string[] {
  const kept = NodeHelpers.getNodeParameters(
    nodeType.description.properties,
    parameters,
    true,
    false,
    { typeVersion: 1 },
    nodeType.description,
  )!;
  return Object.keys(parameters).filter((name) => !(name in kept));
}

/**
 * The example workflows must import into n8n with this package installed: node types as a
 * community package names them, parameters the nodes know, the "SenseOn Sandbox" credential,
 * and connections that use outputs the node really has.
 */
describe.each(Object.entries(EXAMPLES))('example workflow %s', (_file, workflow) => {
  const ours = workflow.nodes.filter((node) => node.type in OURS);

  it('uses the package nodes with the SenseOn Sandbox credential and known parameters', () => {
    expect(ours.length).toBeGreaterThan(0);
    for (const node of ours) {
      expect(node.credentials?.senseOnApi?.name).toBe('SenseOn Sandbox');
      expect(unknownParameters(typeOf(node)!, node.parameters)).toEqual([]);
    }
    for (const node of workflow.nodes.filter((n) => !(n.type in OURS))) {
      expect(node.type.startsWith('n8n-nodes-base.')).toBe(true);
    }
  });

  it('connects only existing nodes, through outputs they have', () => {
    const names = new Set(workflow.nodes.map((node) => node.name));
    const nodeTypes = {
      getByName: (type: string) => OURS[type]!,
      getByNameAndVersion: (type: string, version?: number) =>
        type === 'n8n-nodes-senseon.senseOn' ? senseOn.getNodeType(version) : OURS[type]!,
      getKnownTypes: () => ({}),
    };
    for (const [from, byType] of Object.entries(workflow.connections)) {
      expect(names).toContain(from);
      const outputs = byType.main ?? [];
      for (const targets of outputs)
        for (const target of targets ?? []) expect(names).toContain(target.node);
      const source = workflow.nodes.find((node) => node.name === from)!;
      const nodeType = typeOf(source);
      if (!nodeType) continue;
      const instance = {
        ...source,
        parameters: NodeHelpers.getNodeParameters(
          nodeType.description.properties,
          source.parameters,
          true,
          false,
          { typeVersion: 1 },
          nodeType.description,
        )!,
      };
      const graph = new Workflow({ nodes: [instance], connections: {}, active: false, nodeTypes });
      const declared = NodeHelpers.getNodeOutputs(graph, instance, nodeType.description);
      expect(outputs.length).toBeLessThanOrEqual(declared.length);
    }
  });
});
