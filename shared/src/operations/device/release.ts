import * as say from '../../summaries';
import { F } from '../fields';
import type { SenseOnClient } from '../../client';
import { defineOperation, type OperationContext, withSummary, ZAPIER_HAS_13 } from '../operation';
import { responseActionRequest } from '../response-action-request';
import { EXPIRES_IN } from './isolate';

const common = {
  key: 'device.release',
  label: 'Release Device',
  description: 'Ask to release an isolated device back onto the network.',
  zapier: { absent: `${ZAPIER_HAS_13}; use Request Response Action with release_device` },
  n8n: { resource: 'device', operation: 'release' },
  requestsAction: true,
  actionType: 'release_device',
} as const;

async function release(
  client: SenseOnClient,
  input: { case_id: string; device_id: string; justification: string; expires_in?: number },
  ctx: OperationContext,
) {
  const target = { device_id: input.device_id };
  const action = await client.actions.request(
    input.case_id,
    responseActionRequest(input, ctx, 'release_device', target),
  );
  return withSummary(action, say.summarizeAction(action));
}

/** v1: no expiry and no wait, though the policy may hold a release for a human. */
export const releaseDeviceV1 = defineOperation({
  ...common,
  version: 1,
  fields: [F.caseId, F.deviceId, F.justification],
  run: release,
});

/** v2: the expiry and the wait for the decision of its twin, Isolate Device. */
export const releaseDevice = defineOperation({
  ...common,
  version: 2,
  fields: [F.caseId, F.deviceId, F.justification, EXPIRES_IN],
  approvalGated: true,
  run: release,
});
