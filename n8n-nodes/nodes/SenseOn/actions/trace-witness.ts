import type { TraceWitness, TraceWitnessStore } from '@senseon/client';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/*
 * Get Decision Trace remembers the last DecisionTrace checkpoint it verified in the node's
 * workflow static data. n8n saves static data after a production (active-workflow) execution,
 * not after a manual test run, so manual runs each check only themselves; production runs
 * check that the trace only grew since the previous run (no rollback, no fork).
 */
const FIELD = 'senseonTraceWitnesses';

export function staticDataTraceWitness(context: IExecuteFunctions): TraceWitnessStore {
  // Read only when Get Decision Trace runs: no other operation touches static data.
  const book = (): IDataObject => {
    const data = context.getWorkflowStaticData('node');
    return ((data[FIELD] as IDataObject | undefined) ??= {});
  };
  return {
    load: (key) => Promise.resolve((book()[key] as TraceWitness | undefined) ?? null),
    save: (key, witness) => {
      book()[key] = witness as unknown as IDataObject;
      return Promise.resolve();
    },
  };
}
