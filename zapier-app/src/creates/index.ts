import {
  summarizeAction,
  summarizeCase,
  summarizeComment,
  summarizeObservation,
  summarizeSummary,
} from '@senseon/client';
import type { Action, Case, CaseSummaryResponse, Comment, Observation } from '@senseon/client';
import { AI_SUMMARY, ACTION, CASE, COMMENT, OBSERVATION } from '../samples/records';
import {
  ACTION_FIELDS,
  AI_SUMMARY_FIELDS,
  CASE_FIELDS,
  COMMENT_FIELDS,
  OBSERVATION_FIELDS,
} from '../samples/output-fields';
import { generateSummary, SUMMARY_TIMEOUT_OVERRIDES } from './generate-summary';
import { operationCreate } from './operation-create';
import { approvalCreate } from './wait-for-decision';

const withSummary = <T extends object>(record: T, summary: string) => ({ ...record, summary });

const actionSample = (action: object) =>
  withSummary(action, summarizeAction(action as unknown as Action));

const ADD_IOC_SAMPLE = {
  ...ACTION,
  id: 'act_9w2e5t',
  type: 'add_ioc',
  target: { ioc: { type: 'ipv4', value: '185.220.101.42' } },
  status: 'completed',
  requires_approval: false,
  policy: { rule: 'ioc_runs_at_once', reason: 'add_ioc from an automation runs at once' },
  result: { outcome: 'completed', message: 'Added ipv4 185.220.101.42 to the IOC list.' },
};

/** The 9 creates, by key. */
export const creates = {
  update_case: operationCreate({
    key: 'update_case',
    sample: withSummary(CASE, summarizeCase(CASE as unknown as Case)),
    outputFields: CASE_FIELDS,
  }),
  add_case_comment: operationCreate({
    key: 'add_case_comment',
    sample: withSummary(COMMENT, summarizeComment(COMMENT as unknown as Comment)),
    outputFields: COMMENT_FIELDS,
  }),
  generate_case_summary: operationCreate({
    key: 'generate_case_summary',
    sample: withSummary(
      { ...AI_SUMMARY, next_step: null },
      summarizeSummary(AI_SUMMARY as unknown as CaseSummaryResponse),
    ),
    outputFields: AI_SUMMARY_FIELDS,
    fieldOverrides: SUMMARY_TIMEOUT_OVERRIDES,
    perform: generateSummary,
  }),
  request_action: approvalCreate({ key: 'request_action' }),
  approve_action: operationCreate({
    key: 'approve_action',
    sample: actionSample({
      ...ACTION,
      status: 'approved',
      decided_by: { principal: 'sam.okafor@acme.example', origin: 'human' },
      decided_at: '2026-11-20T09:35:40Z',
    }),
    outputFields: ACTION_FIELDS,
  }),
  reject_action: operationCreate({
    key: 'reject_action',
    sample: actionSample({
      ...ACTION,
      status: 'rejected',
      decided_by: { principal: 'sam.okafor@acme.example', origin: 'human' },
      decided_at: '2026-11-20T09:35:40Z',
      decision_comment: 'False positive: finance test macro.',
    }),
    outputFields: ACTION_FIELDS,
  }),
  isolate_device: approvalCreate({ key: 'isolate_device' }),
  add_ioc: operationCreate({
    key: 'add_ioc',
    sample: actionSample(ADD_IOC_SAMPLE),
    outputFields: ACTION_FIELDS,
  }),
  create_observation: operationCreate({
    key: 'create_observation',
    sample: withSummary(OBSERVATION, summarizeObservation(OBSERVATION as unknown as Observation)),
    outputFields: OBSERVATION_FIELDS,
  }),
};
