import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';

export const getObservation = defineOperation({
  key: 'observation.get',
  version: 1,
  label: 'Get Observation',
  description: 'Get one OCSF-normalised observation.',
  fields: [F.observationId],
  zapier: { absent: `${ZAPIER_HAS_13}; Find Observations searches by filters` },
  n8n: { resource: 'observation', operation: 'get' },
  async run(client, input) {
    const observation = await client.observations.retrieve(input.observation_id);
    return withSummary(observation, say.summarizeObservation(observation));
  },
});
