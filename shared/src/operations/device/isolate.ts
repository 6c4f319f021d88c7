import * as say from '../../summaries';
import { F } from '../fields';
import type { SenseOnClient } from '../../client';
import { defineOperation, type OperationContext, withSummary } from '../operation';
import { responseActionRequest } from '../response-action-request';

/** The API's own default expiry, shown as the field's default rather than as "0 = unset". */
export const EXPIRES_IN = { ...F.expiresIn, default: 3600 } as const;

const common = {
  key: 'device.isolate',
  label: 'Isolate Device',
  description:
    'Ask to isolate a device from the network. Containment never runs without a human approval.',
  zapier: { kind: 'create', key: 'isolate_device' },
  n8n: { resource: 'device', operation: 'isolate' },
  requestsAction: true,
  approvalGated: true,
  actionType: 'isolate_device',
} as const;

async function isolate(
  client: SenseOnClient,
  input: { case_id: string; device_id: string; justification: string; expires_in?: number },
  ctx: OperationContext,
) {
  const target = { device_id: input.device_id };
  const action = await client.actions.request(
    input.case_id,
    responseActionRequest(input, ctx, 'isolate_device', target),
  );
  return withSummary(action, say.summarizeAction(action));
}

/** v1: Approval Expires After shows 0 for "the API's default". */
export const isolateDeviceV1 = defineOperation({
  ...common,
  version: 1,
  fields: [F.caseId, F.deviceId, F.justification, F.expiresIn],
  run: isolate,
});

/** v2: Approval Expires After shows the real default, 3,600 seconds. */
export const isolateDevice = defineOperation({
  ...common,
  version: 2,
  fields: [F.caseId, F.deviceId, F.justification, EXPIRES_IN],
  run: isolate,
});
