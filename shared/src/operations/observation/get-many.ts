import * as say from '../../summaries';
import { F } from '../fields';
import { defineOperation, listLimit, listPageSize, withSummary } from '../operation';

export const findObservations = defineOperation({
  key: 'observation.getMany',
  version: 1,
  label: 'Find Observations',
  description:
    'List OCSF observations, newest first, by case, device, source, severity, entity (IP, hash, domain, user) and time.',
  fields: [
    // Filters, not the attachment Create asks for: their help says what they find.
    {
      ...F.observationCase,
      help: 'Only observations attached to this case (starts with `case_`). Leave empty for every case.',
    },
    {
      ...F.observationDevice,
      help: 'Only observations about this device (starts with `dev_`). Leave empty for every device.',
    },
    F.source,
    F.minSeverity,
    F.entity,
    F.observedAfter,
    F.limit,
  ],
  zapier: { kind: 'search', key: 'find_observations' },
  n8n: { resource: 'observation', operation: 'getMany' },
  async run(client, input, ctx) {
    const observations = await client.observations
      .list({
        limit: listPageSize(input.limit, ctx),
        case_id: input.case_id,
        device_id: input.device_id,
        source: input.source,
        min_severity: input.min_severity,
        entity: input.entity,
        observed_after: input.observed_after,
      })
      .collect({ limit: listLimit(input.limit, ctx) });
    return observations.map((o) => withSummary(o, say.summarizeObservation(o)));
  },
});
