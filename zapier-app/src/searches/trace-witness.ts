import type { TraceWitness, TraceWitnessStore } from '@senseon/client';
import type { ZObject } from 'zapier-platform-core';

/*
 * Get Decision Trace remembers, per connected account, the last DecisionTrace checkpoint it
 * verified, in Zapier's cache: the next run then checks that the trace only grew since (no
 * rollback, no fork). Keys are scoped to the Zapier user and connection, like delivery claims.
 */
const SCOPE = ['user', 'auth'];
/** A year: long enough that a Zap run monthly still compares with its previous run. */
const WITNESS_SECONDS = 365 * 24 * 60 * 60;

/** `z.cache.get` takes a scope at run time; its published type omits it. */
type ScopedGet = (key: string, scope: string[]) => Promise<unknown>;

export function zapierTraceWitness(z: ZObject): TraceWitnessStore {
  const key = (name: string) => `senseon:trace-witness:${name}`;
  return {
    // Without the cache (it is Zapier's RPC) the run still verifies itself; its `checked` then
    // says no earlier checkpoint was remembered, so the missing comparison is never silent.
    async load(name) {
      try {
        const stored = await (z.cache.get as unknown as ScopedGet)(key(name), SCOPE);
        return typeof stored === 'string' ? (JSON.parse(stored) as TraceWitness) : null;
      } catch (error) {
        z.console.log('SenseOn Get Decision Trace: the last checkpoint could not be read', error);
        return null;
      }
    },
    async save(name, witness) {
      try {
        await z.cache.set(key(name), JSON.stringify(witness), WITNESS_SECONDS, SCOPE);
      } catch (error) {
        z.console.log('SenseOn Get Decision Trace: the checkpoint could not be remembered', error);
      }
    },
  };
}
