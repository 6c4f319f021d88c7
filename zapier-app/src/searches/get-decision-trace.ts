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
import { runStep, single } from '../run';
import { CASE, TRACE_ENTRY } from '../samples/records';
import { TRACE_FIELDS } from '../samples/output-fields';

const op = operationFor('get_decision_trace');
const inputFields: PlainInputField[] = renderFields(op.fields);

async function perform(z: ZObject, bundle: Bundle) {
  const trace = single(await runStep(z, bundle, op.key));
  return [{ id: `${String(trace.case_id)}:trace`, ...trace }];
}

export default defineSearch({
  key: 'get_decision_trace',
  noun: copyOf('get_decision_trace').noun,
  display: displayOf('get_decision_trace'),
  operation: {
    inputFields,
    perform: handled(perform, inputFields),
    sample: {
      id: `${CASE.id}:trace`,
      case_id: CASE.id,
      verified: true,
      verification: {
        valid: true,
        checked: 1,
        first_bad_seq: null,
        problem: null,
        head_hash: TRACE_ENTRY.hash,
      },
      entries: [TRACE_ENTRY],
      summary: `DecisionTrace of ${CASE.id}: 1 entry, hash chain intact (head ${TRACE_ENTRY.hash.slice(0, 12)}…); latest: action.approved by sam.okafor@acme.example (human) at ${TRACE_ENTRY.at}.`,
    },
    outputFields: TRACE_FIELDS,
  },
});
