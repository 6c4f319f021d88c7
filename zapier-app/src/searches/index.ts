import findCase from './find-case';
import findDevice from './find-device';
import findObservations from './find-observations';
import getDecisionTrace from './get-decision-trace';

/** The 4 searches, by key. */
export const searches = {
  find_case: findCase,
  find_device: findDevice,
  find_observations: findObservations,
  get_decision_trace: getDecisionTrace,
};
