/**
 * The shapes read here, structurally: n8n-workflow is the n8n package's dependency, not the
 * root's, and a node class satisfies these.
 */
interface Description {
  version: number | number[];
  usableAsTool?: unknown;
}
interface NodeType {
  description: Description;
}
interface VersionedNodeType {
  nodeVersions: Record<number, NodeType>;
}

/**
 * Writes node descriptions, as n8n holds them after loading the node classes (every version,
 * with the properties generated at load time), as a TypeScript module that
 * `eslint-plugin-n8n-nodes-base` can read. Its rules match object literals by their keys
 * (`displayName`, `name`, `type`, `default`), so keys are written bare, as in hand-written nodes.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JavaScript literal for `value`, indented like source code so lint lines point somewhere. */
export function literal(value: unknown, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}\t`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${literal(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, v]) => {
    const name = IDENTIFIER.test(key) ? key : JSON.stringify(key);
    return `${inner}${name}: ${literal(v, inner)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Every version n8n can load of a node: the versions of a versioned node, else the node. */
export function loadedDescriptions(
  node: NodeType | VersionedNodeType,
): Array<{ version: number; description: Description }> {
  if ('nodeVersions' in node) {
    return Object.entries(node.nodeVersions).map(([version, type]) => ({
      version: Number(version),
      description: type.description,
    }));
  }
  const version = node.description.version;
  return [
    { version: Array.isArray(version) ? version[0]! : version, description: node.description },
  ];
}

/** One node class per loaded version, as `n8n-node lint` would see it in a `.node.ts` file. */
export function renderedModule(className: string, node: NodeType | VersionedNodeType): string {
  const classes = loadedDescriptions(node).map(
    ({ version, description }) =>
      `export class ${className}V${version} implements INodeType {\n\tdescription: INodeTypeDescription = ${literal(description, '\t')};\n}\n`,
  );
  return [
    "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
    '',
    ...classes,
  ].join('\n');
}

/**
 * The node as n8n's editor shows it to build an AI agent's tool: each version's description with
 * its `usableAsTool.replacements` spread over it, as n8n does before adding its tool fields.
 */
export function toolModule(node: NodeType | VersionedNodeType): string {
  const tools = loadedDescriptions(node).map(({ version, description }) => {
    const usable = description.usableAsTool;
    const replacements =
      typeof usable === 'object' && usable !== null
        ? (usable as { replacements?: object }).replacements
        : undefined;
    const tool = { ...description, ...replacements, usableAsTool: undefined };
    return `export class ToolV${version} implements INodeType {\n\tdescription: INodeTypeDescription = ${literal(tool, '\t')};\n}\n`;
  });
  return [
    "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
    '',
    ...tools,
  ].join('\n');
}
