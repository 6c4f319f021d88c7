import { z } from 'zod';
import { Case, TimelineEntry } from './cases';
import { Observation } from './observations';
import { Action } from './actions';

/** `GET /cases/{id}`: the case with its timeline, first observations and response actions. */
export const CaseDetail = Case.extend({
  timeline: z.array(TimelineEntry),
  observations: z.array(Observation),
  actions: z.array(Action),
}).meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetail>;
