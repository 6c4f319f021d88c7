import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const getDevice = defineOperation({
  key: 'device.get',
  version: 1,
  label: 'Get Device',
  description: 'Get one device: status, OS, IPs, risk score and criticality.',
  fields: [F.deviceId],
  zapier: { kind: 'search', key: 'find_device' },
  n8n: { resource: 'device', operation: 'get' },
  async run(client, input) {
    const device = await client.devices.retrieve(input.device_id);
    return withSummary(device, say.summarizeDevice(device));
  },
});
