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
import { zapierTraceWitness } from './trace-witness';

const op = operationFor('get_decision_trace');
const inputFields: PlainInputField[] = renderFields(op.fields);

async function perform(z: ZObject, bundle: Bundle) {
  const trace = single(
    await runStep(z, bundle, op.key, bundle.inputData, { traceWitness: zapierTraceWitness(z) }),
  );
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
      checkpoint: {
        tenant_id: TRACE_ENTRY.tenant_id,
        tree_size: 1,
        root_hash: TRACE_ENTRY.hash,
        timestamp: TRACE_ENTRY.at,
        key_id: '0123456789abcdef',
        signature: 'c2lnbmF0dXJl',
        note: 'senseon.io/decisiontrace/…',
      },
      checked: [
        { check: 'chain', passed: true, detail: 'hash chain of 1 entries intact' },
        { check: 'inclusion', passed: true, detail: 'all 1 entries are in the signed tree of 1' },
      ],
      problems: [],
      tampering: null,
      verification: {
        valid: true,
        checked: 1,
        first_bad_seq: null,
        problem: null,
        head_hash: TRACE_ENTRY.hash,
      },
      entries: [TRACE_ENTRY],
      summary: `DecisionTrace of ${CASE.id}: 1 entry, hash chain intact (head ${TRACE_ENTRY.hash.slice(0, 12)}…); latest: action.approved by sam.okafor@acme.example (human) at ${TRACE_ENTRY.at}. Verified against the signed checkpoint of 1 entries.`,
    },
    outputFields: TRACE_FIELDS,
  },
});
