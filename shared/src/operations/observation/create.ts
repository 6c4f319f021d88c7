import { randomUUID } from 'node:crypto';
import * as say from '../../summaries';
import { detectionFinding } from '../detection-finding';
import { F } from '../fields';
import { defineOperation, withSummary } from '../operation';

export const createObservationV1 = defineOperation({
  key: 'observation.create',
  version: 1,
  label: 'Create Observation',
  description:
    'Write an OCSF Detection Finding built from simple fields. Needs the observations:write scope, which SenseOn grants after review.',
  fields: [
    F.observationTitle,
    F.observationSeverity,
    F.observationDescription,
    F.observationDevice,
    F.observationCase,
  ],
  zapier: { kind: 'create', key: 'create_observation' },
  n8n: { resource: 'observation', operation: 'create' },
  async run(client, input) {
    const observation = await client.observations.create({
      source: 'endpoint',
      severity: input.severity,
      title: input.title,
      device_id: input.device_id,
      case_id: input.case_id,
      ocsf: detectionFinding({
        uid: randomUUID(),
        title: input.title,
        description: input.description,
        severity: input.severity,
        time: Date.now(),
      }),
    });
    return withSummary(observation, say.summarizeObservation(observation));
  },
});

/**
 * v2: the Source field (v1 wrote every finding as `endpoint`), and Medium as the severity a
 * finding gets unless the user says otherwise, rather than the first one listed, Critical.
 */
export const createObservation = defineOperation({
  key: 'observation.create',
  version: 2,
  label: 'Create Observation',
  description:
    'Write an OCSF Detection Finding built from simple fields. Needs the observations:write scope, which SenseOn grants after review.',
  fields: [
    F.observationTitle,
    { ...F.observationSeverity, default: 'medium' },
    F.observationSource,
    F.observationDescription,
    F.observationDevice,
    F.observationCase,
  ],
  zapier: { kind: 'create', key: 'create_observation' },
  n8n: { resource: 'observation', operation: 'create' },
  async run(client, input) {
    const observation = await client.observations.create({
      source: input.source,
      severity: input.severity,
      title: input.title,
      device_id: input.device_id,
      case_id: input.case_id,
      ocsf: detectionFinding({
        uid: randomUUID(),
        title: input.title,
        description: input.description,
        severity: input.severity,
        time: Date.now(),
      }),
    });
    return withSummary(observation, say.summarizeObservation(observation));
  },
});
