import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';

/** The observations of one device, newest first: what an analyst reads before containing it. */
export const getDeviceObservations = defineOperation({
  key: 'device.getObservations',
  version: 1,
  label: "Get Device's Observations",
  description: 'List the OCSF observations of one device, newest first.',
  fields: [F.deviceId, F.limit],
  zapier: { absent: `${ZAPIER_HAS_13}; Find Observations filters by device` },
  n8n: { resource: 'device', operation: 'getObservations' },
  async run(client, input, ctx) {
    const observations = await client.observations
      .list({ limit: listPageSize(input.limit, ctx), device_id: input.device_id })
      .collect({ limit: listLimit(input.limit, ctx) });
    return observations.map((o) => withSummary(o, say.summarizeObservation(o)));
  },
});
