import { SenseOn } from '../n8n-nodes/nodes/SenseOn/SenseOn.node';
import { SenseOnPollTrigger } from '../n8n-nodes/nodes/SenseOnPollTrigger/SenseOnPollTrigger.node';
import { SenseOnStreamTrigger } from '../n8n-nodes/nodes/SenseOnStreamTrigger/SenseOnStreamTrigger.node';
import { SenseOnTrigger } from '../n8n-nodes/nodes/SenseOnTrigger/SenseOnTrigger.node';
import { lintNodeSource } from './n8n-lint/n8n-rules';
import { renderedModule, toolModule } from './n8n-lint/rendered-source';

/**
 * `n8n-node lint` reads the source files, where most of the `SenseOn` node's properties are a
 * function call (rendered from the catalog at load time). This lints what n8n actually loads:
 * every version's description, written out as a node module, with n8n's own node rules.
 */
const NODES: Array<[string, () => Parameters<typeof renderedModule>[1], string]> = [
  ['SenseOn', () => new SenseOn(), 'nodes/SenseOn/SenseOn.node.ts'],
  ['SenseOnTrigger', () => new SenseOnTrigger(), 'nodes/SenseOnTrigger/SenseOnTrigger.node.ts'],
  [
    'SenseOnPollTrigger',
    () => new SenseOnPollTrigger(),
    'nodes/SenseOnPollTrigger/SenseOnPollTrigger.node.ts',
  ],
  [
    'SenseOnStreamTrigger',
    () => new SenseOnStreamTrigger(),
    'nodes/SenseOnStreamTrigger/SenseOnStreamTrigger.node.ts',
  ],
];

describe("n8n's node rules over the descriptions n8n loads", () => {
  it('SenseOn as an AI tool: 0 errors in every version', async () => {
    const source = toolModule(new SenseOn());
    const lines = source.split('\n');
    const messages = await lintNodeSource(source, 'nodes/SenseOn/SenseOn.node.ts');
    const found = messages.map(
      (m) => `${m.ruleId ?? 'parse'}: ${m.message}\n    at ${lines[m.line - 1]?.trim() ?? ''}`,
    );
    expect(found).toEqual([]);
  });

  it.each(NODES)('%s: 0 errors in every version', async (className, make, filePath) => {
    const source = renderedModule(className, make());
    const lines = source.split('\n');
    const messages = await lintNodeSource(source, filePath);
    const found = messages.map(
      (m) => `${m.ruleId ?? 'parse'}: ${m.message}\n    at ${lines[m.line - 1]?.trim() ?? ''}`,
    );
    expect(found).toEqual([]);
  });
});
