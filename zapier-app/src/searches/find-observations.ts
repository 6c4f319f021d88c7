import { summarizeObservation, type Observation } from '@senseon/client';
import {
  defineSearch,
  type Bundle,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { handled } from '../errors';
import { renderFields } from '../fields/render';
import { operationFor } from '../operations';
import { runStep } from '../run';
import { OBSERVATION } from '../samples/records';
import { OBSERVATION_LIST_FIELDS } from '../samples/output-fields';

const op = operationFor('find_observations');

const inputFields: PlainInputField[] = renderFields(op.fields, {
  limit: { default: 10, help: 'The most observations to return, newest first (1–1000).' },
});

function listSummary(observations: Record<string, unknown>[]): string {
  if (observations.length === 0) return 'No observations match these filters.';
  const newest = observations[0]!;
  const count = observations.length === 1 ? '1 observation' : `${observations.length} observations`;
  return `Found ${count}; newest: ${String(newest.summary)}`;
}

/**
 * A Zapier search step carries one record, so the observations (up to the limit) come as one
 * record with a line-item list, its count and a summary.
 */
async function perform(z: ZObject, bundle: Bundle) {
  const found = await runStep(z, bundle, op.key);
  const observations = Array.isArray(found) ? found : [found];
  return [
    {
      count: observations.length,
      observations,
      summary: listSummary(observations),
    },
  ];
}

const sampleObservation = {
  ...OBSERVATION,
  summary: summarizeObservation(OBSERVATION as unknown as Observation),
};

export default defineSearch({
  key: 'find_observations',
  noun: 'Observations',
  display: { label: op.label, description: op.description },
  operation: {
    inputFields,
    perform: handled(perform, inputFields),
    sample: {
      count: 1,
      observations: [sampleObservation],
      summary: listSummary([sampleObservation]),
    },
    outputFields: OBSERVATION_LIST_FIELDS,
  },
});
