import { summarizeObservation, type Observation } from '@senseon/client';
import {
  defineSearch,
  type Bundle,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { copyOf, displayOf } from '../copy';
import { handled } from '../errors';
import { renderFields } from '../fields/render';
import { operationFor } from '../operations';
import { runStep, type StepRecord } from '../run';
import { OBSERVATION } from '../samples/records';
import { OBSERVATION_FIELDS } from '../samples/output-fields';

const op = operationFor('find_observations');

const inputFields: PlainInputField[] = renderFields(op.fields, {
  limit: {
    default: 10,
    help: 'How many of the newest matches to look at (1–1000); the step returns the newest one.',
  },
});

/**
 * A Zapier search returns the records it found, newest first, and Zapier uses the first: one
 * observation, under a singular noun. Nothing found is an empty list, so the Zap's "if nothing
 * is found" choice applies (an aggregate record would always count as found).
 */
async function perform(z: ZObject, bundle: Bundle): Promise<StepRecord[]> {
  const found = await runStep(z, bundle, op.key);
  return Array.isArray(found) ? found : [found];
}

export default defineSearch({
  key: 'find_observations',
  noun: copyOf('find_observations').noun,
  display: displayOf('find_observations'),
  operation: {
    inputFields,
    perform: handled(perform, inputFields),
    sample: {
      ...OBSERVATION,
      summary: summarizeObservation(OBSERVATION as unknown as Observation),
    },
    outputFields: OBSERVATION_FIELDS,
  },
});
