import { F } from '../fields';
import { HF } from '../hunt-fields';
import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';
import { summarizeTelemetryEvent } from '../telemetry/say';

export const getHuntResults = defineOperation({
  key: 'hunt.getResults',
  version: 1,
  label: 'Get Hunt Results',
  description:
    'List the telemetry events a hunt matched, oldest first: all of them once it is done, those found so far while it runs.',
  fields: [HF.huntId, F.limit],
  zapier: { absent: `${ZAPIER_HAS_13}; hunts are n8n's (see Run Hunt and Wait for Results)` },
  n8n: { resource: 'hunt', operation: 'getResults' },
  async run(client, input, ctx) {
    const events = await client.hunts
      .results(input.hunt_id, { limit: listPageSize(input.limit, ctx) })
      .collect({ limit: listLimit(input.limit, ctx) });
    return events.map((e) =>
      withSummary({ ...e, hunt_id: input.hunt_id }, summarizeTelemetryEvent(e)),
    );
  },
});
