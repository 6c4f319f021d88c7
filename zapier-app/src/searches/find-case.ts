import { NotFoundError, summarizeCase, type Case } from '@senseon/client';
import {
  defineSearch,
  type Bundle,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { copyOf, displayOf } from '../copy';
import { handled } from '../errors';
import { renderFields } from '../fields/render';
import { operationsFor } from '../operations';
import { runStep, single, type StepRecord } from '../run';
import { CASE_DETAIL } from '../samples/records';
import { CASE_FIELDS } from '../samples/output-fields';
import { textInput } from '../triggers/filters';

/** Find Case merges Get Case (by id) and Get Many Cases (filters): see ZAPIER_FIELD_DIFFERENCES. */
const [byId, byFilters] = operationsFor('find_case');
if (byId?.key !== 'case.get' || byFilters?.key !== 'case.getMany') {
  throw new Error('find_case expects case.get and case.getMany in the catalog');
}

const inputFields: PlainInputField[] = [
  ...renderFields(byId.fields, {
    case_id: {
      required: false,
      help: 'Find this exact case (starts with `case_`). Leave empty to find the newest case that matches the filters below.',
    },
  }),
  ...renderFields(byFilters.fields.filter((f) => f.name !== 'limit')),
];

async function perform(z: ZObject, bundle: Bundle): Promise<StepRecord[]> {
  const caseId = textInput(bundle.inputData.case_id);
  if (caseId) {
    try {
      return [single(await runStep(z, bundle, byId!.key, { case_id: caseId }))];
    } catch (error) {
      // A search that finds nothing answers an empty list; Zapier then applies the user's
      // "if nothing is found" choice. A malformed id still fails, naming the field.
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  }
  const found = await runStep(z, bundle, byFilters!.key, { ...bundle.inputData, limit: 1 });
  const newest = (Array.isArray(found) ? found : [found])[0];
  if (!newest) return [];
  // The same record as by id (timeline, observations, actions), so a Zap maps one shape.
  return [single(await runStep(z, bundle, byId!.key, { case_id: String(newest.id) }))];
}

export default defineSearch({
  key: 'find_case',
  noun: copyOf('find_case').noun,
  display: displayOf('find_case'),
  operation: {
    inputFields,
    perform: handled(perform, inputFields),
    sample: { ...CASE_DETAIL, summary: summarizeCase(CASE_DETAIL as unknown as Case) },
    outputFields: CASE_FIELDS,
  },
});
