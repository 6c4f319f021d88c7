import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';

const common = {
  key: 'observation.get',
  label: 'Get Observation',
  description: 'Get one OCSF-normalised observation.',
  zapier: { absent: `${ZAPIER_HAS_13}; Find Observations searches by filters` },
  n8n: { resource: 'observation', operation: 'get' },
} as const;

/** v1: the observation ID is typed or mapped. */
export const getObservationV1 = defineOperation({
  ...common,
  version: 1,
  fields: [F.observationId],
  async run(client, input) {
    const observation = await client.observations.retrieve(input.observation_id);
    return withSummary(observation, say.summarizeObservation(observation));
  },
});

/** v2: picked from the newest observations (searched by entity on the server), or by ID. */
export const getObservation = defineOperation({
  ...common,
  version: 2,
  fields: [F.observation],
  async run(client, input) {
    const observation = await client.observations.retrieve(input.observation_id);
    return withSummary(observation, say.summarizeObservation(observation));
  },
});
