import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';
import { responseActionRequest } from '../response-action-request';

export const isolateDevice = defineOperation({
  key: 'device.isolate',
  version: 1,
  label: 'Isolate Device',
  description:
    'Ask to isolate a device from the network. Containment never runs without a human approval.',
  fields: [F.caseId, F.deviceId, F.justification, F.expiresIn],
  zapier: { kind: 'create', key: 'isolate_device' },
  n8n: { resource: 'device', operation: 'isolate' },
  requestsAction: true,
  approvalGated: true,
  async run(client, input, ctx) {
    const target = { device_id: input.device_id };
    const action = await client.actions.request(
      input.case_id,
      responseActionRequest(input, ctx, 'isolate_device', target),
    );
    return withSummary(action, say.summarizeAction(action));
  },
});
