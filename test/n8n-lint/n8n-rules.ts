import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * n8n's own rule set for node files, as `n8n-node lint` (@n8n/node-cli's ESLint config) turns
 * it on for `nodes/**` — the plugin's `nodes` config with the same three rules switched off
 * (inputs/outputs of regular nodes are expressions here; maxValue on Limit is wanted).
 */
const NODE_CLI_OFF = [
  'n8n-nodes-base/node-class-description-inputs-wrong-regular-node',
  'n8n-nodes-base/node-class-description-outputs-wrong',
  'n8n-nodes-base/node-param-type-options-max-value-present',
];

/**
 * Rules about where a file lives or what an execute block does: they judge the source tree,
 * which `n8n-node lint` already lints, not a description.
 */
const NOT_ABOUT_DESCRIPTIONS = [
  'n8n-nodes-base/node-dirname-against-convention',
  'n8n-nodes-base/node-filename-against-convention',
  'n8n-nodes-base/node-resource-description-filename-against-convention',
];

type PluginWithConfigs = {
  configs: { nodes: { rules: Linter.RulesRecord } };
} & ESLint.Plugin;

/**
 * The plugin reads NODE_ENV once, when loaded: under "test" (which jest sets) it takes every
 * file for a `Test.node.ts` that is both a trigger and a regular node, so the trigger rules would
 * judge the action node. It is loaded here as `n8n-node lint` loads it.
 */
function loadPlugin(): PluginWithConfigs {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('eslint-plugin-n8n-nodes-base') as PluginWithConfigs;
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

const n8nNodesBase = loadPlugin();

export function nodeRules(): Linter.RulesRecord {
  const rules: Linter.RulesRecord = { ...n8nNodesBase.configs.nodes.rules };
  for (const rule of [...NODE_CLI_OFF, ...NOT_ABOUT_DESCRIPTIONS]) rules[rule] = 'off';
  return rules;
}

/** Lints a generated node module as if it were `nodes/<Dir>/<File>.node.ts`. */
export async function lintNodeSource(
  source: string,
  filePath: string,
): Promise<Linter.LintMessage[]> {
  const eslint = new ESLint({
    cwd: __dirname,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { 'n8n-nodes-base': n8nNodesBase },
        rules: nodeRules(),
      },
    ],
  });
  const [result] = await eslint.lintText(source, { filePath: `${__dirname}/${filePath}` });
  return result?.messages ?? [];
}
