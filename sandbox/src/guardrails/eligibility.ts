import type { ActionType, Case, Device } from '@senseon/client';
import type { Repositories } from '../db/repositories';
import type { ActionTarget } from '@senseon/client';
import type { UserRecord } from '../db/users';
import { ApiError, notFound, validationError } from '../http/errors';
import { findScript, type CatalogScript } from '../scripts/catalog';
import { checkScriptParameters } from '../scripts/parameters';

export interface ResolvedTarget {
  device?: Device;
  user?: UserRecord;
  script?: CatalogScript;
  devices?: Device[];
}

const ineligible = (deviceId: string, issue: string) =>
  new ApiError(
    'INVALID_DEVICES',
    `Device ${deviceId} is not eligible for this action: it ${issue}.`,
    [{ field: 'target.device_id', issue }],
  );

/**
 * Whether the action can be asked for at all, checked when it is requested. A device of
 * another tenant answers exactly like an unknown one, so ids never leak across tenants.
 */
export function resolveTarget(
  repos: Repositories,
  tenantId: string,
  caseRecord: Case,
  type: ActionType,
  target: ActionTarget,
): ResolvedTarget {
  switch (type) {
    case 'isolate_device':
    case 'release_device': {
      const deviceId = target.device_id as string;
      const device = repos.devices.get(tenantId, deviceId);
      // Unknown (or another tenant's): the contract's 404 for a device id, not "ineligible".
      if (!device) throw notFound('INVALID_ENDPOINT_ID', 'target.device_id', deviceId, 'device');
      if (type === 'isolate_device') {
        if (device.status === 'isolated') throw ineligible(deviceId, 'is already isolated');
        if (device.status === 'offline') {
          throw ineligible(deviceId, 'is offline, so its agent cannot apply the isolation');
        }
      } else if (device.status !== 'isolated') {
        throw ineligible(deviceId, `is not isolated (it is ${device.status})`);
      }
      assertNoOpenAction(repos, tenantId, type, 'device_id', deviceId);
      return { device };
    }
    case 'disable_user':
    case 'enable_user': {
      const userId = target.user_id as string;
      const user = repos.users.get(tenantId, userId);
      if (!user) {
        throw new ApiError('NOT_FOUND', `No user ${userId} exists for this tenant.`, [
          { field: 'target.user_id', issue: 'no user with this id' },
        ]);
      }
      const wanted = type === 'disable_user' ? 'active' : 'disabled';
      if (user.status !== wanted) {
        throw new ApiError('CONFLICT', `User ${userId} is already ${user.status}.`, [
          { field: 'target.user_id', issue: `is already ${user.status}` },
        ]);
      }
      assertNoOpenAction(repos, tenantId, type, 'user_id', userId);
      return { user };
    }
    case 'close_case':
      if (caseRecord.status === 'closed') {
        throw new ApiError('CONFLICT', `Case ${caseRecord.id} is already closed.`, [
          { field: 'case_id', issue: 'is already closed' },
        ]);
      }
      return {};
    case 'add_ioc':
      return {};
    case 'run_script':
      return resolveScriptRun(repos, tenantId, target);
  }
}

/**
 * A script run: the script exists, its parameters fit its schema, and every device is the
 * tenant's, runs an OS the script supports and is reachable (an isolated device still is: its
 * agent keeps its channel to SenseOn, which is when a SOC most wants to run scripts on it).
 */
function resolveScriptRun(
  repos: Repositories,
  tenantId: string,
  target: ActionTarget,
): ResolvedTarget {
  const scriptId = target.script_id as string;
  const script = findScript(scriptId);
  if (!script) throw notFound('INVALID_SCRIPT_ID', 'target.script_id', scriptId, 'script');
  checkScriptParameters(script, target.parameters ?? {});
  const deviceIds = target.device_ids as string[];
  const devices = deviceIds.map((deviceId, index) => {
    const field = `target.device_ids.${index}`;
    if (deviceIds.indexOf(deviceId) !== index) throw validationError(field, 'is named twice');
    const device = repos.devices.get(tenantId, deviceId);
    if (!device) throw notFound('INVALID_ENDPOINT_ID', field, deviceId, 'device');
    if (!script.os_types.includes(device.os.type)) {
      throw scriptIneligible(
        field,
        deviceId,
        `runs ${device.os.type}, and ${script.name} runs on ${script.os_types.join(', ')} only`,
      );
    }
    if (device.status === 'offline') {
      throw scriptIneligible(field, deviceId, 'is offline, so its agent cannot run the script');
    }
    return device;
  });
  return { script, devices };
}

const scriptIneligible = (field: string, deviceId: string, issue: string) =>
  new ApiError(
    'INVALID_DEVICES',
    `Device ${deviceId} is not eligible for this script: it ${issue}.`,
    [{ field, issue }],
  );

/** Two containment requests for the same target would race; the second waits for the first. */
function assertNoOpenAction(
  repos: Repositories,
  tenantId: string,
  type: ActionType,
  field: 'device_id' | 'user_id',
  id: string,
): void {
  const open = repos.actions
    .inStatuses(['pending_approval', 'approved', 'executing'])
    .find(
      (action) =>
        action.tenant_id === tenantId && action.type === type && action.target[field] === id,
    );
  if (open) {
    throw new ApiError(
      'CONFLICT',
      `A ${type} action for ${id} is already ${open.status} (${open.id}); decide that one instead.`,
      [{ field: `target.${field}`, issue: `has an open ${type} action ${open.id}` }],
    );
  }
}
