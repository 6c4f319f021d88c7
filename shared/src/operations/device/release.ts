import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';
import { responseActionRequest } from '../response-action-request';

export const releaseDevice = defineOperation({
  key: 'device.release',
  version: 1,
  label: 'Release Device',
  description: 'Ask to release an isolated device back onto the network.',
  fields: [F.caseId, F.deviceId, F.justification],
  zapier: { absent: `${ZAPIER_HAS_13}; use Request Response Action with release_device` },
  n8n: { resource: 'device', operation: 'release' },
  requestsAction: true,
  async run(client, input, ctx) {
    const target = { device_id: input.device_id };
    const action = await client.actions.request(
      input.case_id,
      responseActionRequest(input, ctx, 'release_device', target),
    );
    return withSummary(action, say.summarizeAction(action));
  },
});
