import { HF } from '../hunt-fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';
import { summarizeHunt } from '../telemetry/say';

export const getHuntStatus = defineOperation({
  key: 'hunt.get',
  version: 1,
  label: 'Get Hunt Status',
  description:
    'Get a hunt: its status (queued, running, done, failed, cancelled, timed_out), how many events it scanned and matched, and why it failed.',
  fields: [HF.huntId],
  zapier: { absent: `${ZAPIER_HAS_13}; hunts are n8n's (see Run Hunt and Wait for Results)` },
  n8n: { resource: 'hunt', operation: 'get' },
  async run(client, input) {
    const hunt = await client.hunts.retrieve(input.hunt_id);
    return withSummary(hunt, summarizeHunt(hunt));
  },
});
