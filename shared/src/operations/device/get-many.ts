import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary } from '../operation';

export const getManyDevices = defineOperation({
  key: 'device.getMany',
  version: 1,
  label: 'Get Many Devices',
  description: 'List devices filtered by hostname, IP, OS or status.',
  fields: [F.hostname, F.ip, F.osType, F.deviceStatus, F.limit],
  zapier: { kind: 'search', key: 'find_device' },
  n8n: { resource: 'device', operation: 'getMany' },
  async run(client, input, ctx) {
    const devices = await client.devices
      .list({
        limit: listPageSize(input.limit, ctx),
        hostname: input.hostname,
        ip: input.ip,
        os_type: input.os_type,
        status: input.status,
      })
      .collect({ limit: listLimit(input.limit, ctx) });
    return devices.map((d) => withSummary(d, say.summarizeDevice(d)));
  },
});
