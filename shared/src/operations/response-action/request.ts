import type { SenseOnClient } from '../../client';
import type { ActionRequest, ActionType, IocType } from '../../schemas';
import * as say from '../../summaries';
import { F } from '../fields';
import { present } from '../input';
import { defineOperation, withSummary, type OperationContext } from '../operation';
import { EXPIRES_IN } from '../device/isolate';
import { responseActionRequest } from '../response-action-request';

const common = {
  key: 'action.request',
  label: 'Request Response Action',
  description:
    'Request a response action on a case. The Guardrails policy decides: containment, and anything an AI agent asks, waits for a human approval.',
  zapier: { kind: 'create', key: 'request_action' },
  n8n: { resource: 'responseAction', operation: 'request' },
  approvalGated: true,
  requestsAction: true,
} as const;

/** What both versions read; they differ only in which fields show. */
interface RequestInput {
  case_id: string;
  type: Exclude<ActionType, 'run_script'>;
  target_device_id?: string | undefined;
  target_user_id?: string | undefined;
  ioc_type?: IocType | undefined;
  ioc_value?: string | undefined;
  justification: string;
  expires_in?: number | undefined;
}

function targetOf(input: RequestInput): ActionRequest['target'] {
  switch (input.type) {
    case 'isolate_device':
    case 'release_device':
      return { device_id: present(input.target_device_id, F.targetDevice) };
    case 'disable_user':
    case 'enable_user':
      return { user_id: present(input.target_user_id, F.targetUser) };
    case 'add_ioc':
      return {
        ioc: {
          type: present(input.ioc_type, F.iocType),
          value: present(input.ioc_value, F.iocValue),
        },
      };
    case 'close_case':
      return {};
  }
}

async function requestAction(client: SenseOnClient, input: RequestInput, ctx: OperationContext) {
  const action = await client.actions.request(
    input.case_id,
    responseActionRequest(input, ctx, input.type, targetOf(input)),
  );
  return withSummary(action, say.summarizeAction(action));
}

/** v1: every target field shows whatever the type; saved n8n workflows of typeVersion 1. */
export const requestResponseActionV1 = defineOperation({
  ...common,
  version: 1,
  fields: [
    F.caseId,
    F.actionType,
    F.targetDevice,
    F.targetUser,
    { ...F.iocType, required: false },
    { ...F.iocValue, required: false },
    F.justification,
    F.expiresIn,
  ],
  run: requestAction,
});

const DEVICE_ACTIONS = ['isolate_device', 'release_device'] as const;
const USER_ACTIONS = ['disable_user', 'enable_user'] as const;

/** The target fields of the chosen type only, required where they show (v2 on). */
const TARGET_FIELDS = [
  { ...F.targetDevice, required: true, showWhen: { type: DEVICE_ACTIONS } },
  { ...F.targetUser, required: true, showWhen: { type: USER_ACTIONS } },
  { ...F.iocType, showWhen: { type: ['add_ioc'] } },
  { ...F.iocValue, showWhen: { type: ['add_ioc'] } },
] as const;

/**
 * v2: only the target fields of the chosen type show, and those are required. The parameter
 * names are v1's, so a v1 workflow's values mean the same here.
 */
export const requestResponseActionV2 = defineOperation({
  ...common,
  version: 2,
  fields: [
    F.caseId,
    F.actionType,
    { ...F.targetDevice, required: true, showWhen: { type: DEVICE_ACTIONS } },
    { ...F.targetUser, required: true, showWhen: { type: USER_ACTIONS } },
    { ...F.iocType, showWhen: { type: ['add_ioc'] } },
    { ...F.iocValue, showWhen: { type: ['add_ioc'] } },
    F.justification,
    F.expiresIn,
  ],
  run: requestAction,
});

/**
 * v3: the defaults are the real ones: Add IOC (the most common request, and no containment)
 * rather than the first type listed, and the API's 3,600-second expiry rather than 0.
 */
export const requestResponseAction = defineOperation({
  ...common,
  version: 3,
  fields: [
    F.caseId,
    { ...F.actionType, default: 'add_ioc' },
    ...TARGET_FIELDS,
    F.justification,
    EXPIRES_IN,
  ],
  run: requestAction,
});
