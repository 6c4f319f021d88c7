import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getManyScripts = defineOperation({
  key: 'script.getMany',
  version: 1,
  label: 'Get Many Scripts',
  description:
    'List the remote scripts SenseOn can run on devices: their OS, parameters (JSON Schema) and whether they are containment, which always needs a human approval.',
  fields: [{ ...F.osType, help: 'Only scripts that run on this operating system.' }, F.limit],
  zapier: { absent: `${ZAPIER_HAS_13}; remote scripts are not among them` },
  n8n: { resource: 'script', operation: 'getMany' },
  async run(client, input, ctx) {
    const scripts = await client.scripts
      .list({ limit: listPageSize(input.limit, ctx), os_type: input.os_type })
      .collect({ limit: listLimit(input.limit, ctx) });
    return scripts.map((s) => withSummary(s, say.summarizeScript(s)));
  },
});
