import type { Ioc, ScriptDeviceResult } from '@senseon/client';
import { runScript } from '../scripts/run';
import { SYSTEM_ACTOR } from '../auth/caller';
import type { SandboxClock } from '../clock';
import type { Repositories } from '../db/repositories';
import type { StoredAction } from '../db/actions';
import type { EventPublisher } from '../webhooks/events';

export interface EffectOutcome {
  outcome: 'completed' | 'failed';
  message: string;
  /** What changed, for the DecisionTrace. */
  changes: Record<string, unknown>;
  /** run_script: what each device answered, kept on the action's result. */
  devices?: ScriptDeviceResult[];
}

const failed = (message: string): EffectOutcome => ({ outcome: 'failed', message, changes: {} });

/**
 * What an approved action does to the world. Runs inside the transaction that completes the
 * action, so the new state and the action's result land together. State is checked again
 * here: a device can go offline between the request and the approval.
 */
export function applyEffect(
  action: StoredAction,
  deps: { repos: Repositories; clock: SandboxClock; events: EventPublisher },
): EffectOutcome {
  const { repos, clock, events } = deps;
  const tenantId = action.tenant_id;
  switch (action.type) {
    case 'isolate_device':
    case 'release_device': {
      const device = repos.devices.get(tenantId, action.target.device_id as string);
      if (!device) return failed('The device no longer exists.');
      const isolate = action.type === 'isolate_device';
      if (isolate && device.status === 'isolated')
        return failed(`${device.hostname} is already isolated.`);
      if (isolate && device.status === 'offline') {
        return failed(`${device.hostname} went offline; its agent could not apply the isolation.`);
      }
      if (!isolate && device.status !== 'isolated') {
        return failed(`${device.hostname} is not isolated (it is ${device.status}).`);
      }
      const updated = { ...device, status: isolate ? ('isolated' as const) : ('online' as const) };
      repos.devices.save(updated);
      events.emit(tenantId, 'device.updated', updated);
      return {
        outcome: 'completed',
        message: isolate
          ? `Isolated ${device.hostname} from the network; only the SenseOn agent can still reach it.`
          : `Released ${device.hostname} from isolation; it is back on the network.`,
        changes: { device_id: device.id, status: { from: device.status, to: updated.status } },
      };
    }
    case 'disable_user':
    case 'enable_user': {
      const user = repos.users.get(tenantId, action.target.user_id as string);
      if (!user) return failed('The user no longer exists.');
      const status = action.type === 'disable_user' ? 'disabled' : 'active';
      if (user.status === status) return failed(`${user.email} is already ${status}.`);
      repos.users.setStatus(user, status);
      return {
        outcome: 'completed',
        message:
          status === 'disabled'
            ? `Disabled ${user.email} and revoked their sessions.`
            : `Enabled ${user.email} again.`,
        changes: { user_id: user.id, status: { from: user.status, to: status } },
      };
    }
    case 'add_ioc': {
      const ioc = action.target.ioc as Ioc;
      const added = repos.iocs.add({
        ...ioc,
        tenant_id: tenantId,
        added_ms: clock.now(),
        action_id: action.id,
        case_id: action.case_id,
      });
      return {
        outcome: 'completed',
        message: added
          ? `Added ${ioc.type} ${ioc.value} to the IOC list; sensors now alert and block on it.`
          : `${ioc.type} ${ioc.value} was already on the IOC list.`,
        changes: { ioc, added },
      };
    }
    case 'close_case': {
      const item = repos.cases.get(tenantId, action.case_id);
      if (!item) return failed('The case no longer exists.');
      if (item.status === 'closed') return failed('The case is already closed.');
      const updated = { ...item, status: 'closed' as const, updated_at: clock.iso() };
      const changes = { status: { from: item.status, to: updated.status } };
      repos.cases.save(updated);
      // The approved action closes the case; the system runs it, as its trace entry says.
      events.emit(tenantId, 'case.updated', updated, {
        update: { changes, actor: SYSTEM_ACTOR },
        at: updated.updated_at,
      });
      return { outcome: 'completed', message: `Closed case ${item.id}.`, changes };
    }
    case 'run_script':
      return runScript(action, repos);
  }
}
