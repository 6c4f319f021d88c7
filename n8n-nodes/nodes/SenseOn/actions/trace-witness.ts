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
  const data = () => context.getWorkflowStaticData('node');
  return {
    load: (key) => {
      const book = data()[FIELD] as IDataObject | undefined;
      return Promise.resolve((book?.[key] as TraceWitness | undefined) ?? null);
    },
    save: (key, witness) => {
      // A new object assigned on the node's static data itself: n8n marks static data changed
      // (and saves it) on a property set it observes, which a write deep inside may not be.
      const node = data();
      node[FIELD] = { ...(node[FIELD] as IDataObject | undefined), [key]: witness } as IDataObject;
      return Promise.resolve();
    },
  };
}
