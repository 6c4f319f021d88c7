import { HF } from '../hunt-fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';
import { summarizeHunt } from '../telemetry/say';

export const cancelHunt = defineOperation({
  key: 'hunt.cancel',
  version: 1,
  label: 'Cancel Hunt',
  description: 'Stop a queued or running hunt; what it found so far stays readable.',
  fields: [HF.huntId],
  zapier: { absent: `${ZAPIER_HAS_13}; hunts are n8n's (see Run Hunt and Wait for Results)` },
  n8n: { resource: 'hunt', operation: 'cancel' },
  async run(client, input) {
    const hunt = await client.hunts.cancel(input.hunt_id);
    return withSummary(hunt, summarizeHunt(hunt));
  },
});
