import type { ScriptDeviceResult } from '@senseon/client';
import type { StoredAction } from '../db/actions';
import type { Repositories } from '../db/repositories';
import type { EffectOutcome } from '../guardrails/effects';
import { findScript } from './catalog';

/** What a result keeps of a script's output: enough to read, never a whole dump. */
export const STDOUT_EXCERPT_CHARS = 4000;

const excerpt = (text: string) =>
  text.length <= STDOUT_EXCERPT_CHARS ? text : `${text.slice(0, STDOUT_EXCERPT_CHARS - 1)}…`;

/**
 * Runs an approved script on each of its devices. Each device is checked again here, as
 * isolation is: one that went offline since the request did not run it, and says so. The run
 * completes only when every device ran the script and exited 0.
 */
export function runScript(action: StoredAction, repos: Repositories): EffectOutcome {
  const script = findScript(action.target.script_id as string);
  if (!script) {
    return { outcome: 'failed', message: 'The script is no longer in the catalog.', changes: {} };
  }
  const parameters = action.target.parameters ?? {};
  const devices: ScriptDeviceResult[] = (action.target.device_ids as string[]).map((deviceId) => {
    const device = repos.devices.get(action.tenant_id, deviceId);
    if (!device) {
      return {
        device_id: deviceId,
        hostname: '',
        outcome: 'failed',
        exit_code: null,
        stdout_excerpt: 'The device no longer exists.',
      };
    }
    if (device.status === 'offline') {
      return {
        device_id: deviceId,
        hostname: device.hostname,
        outcome: 'failed',
        exit_code: null,
        stdout_excerpt: `${device.hostname} went offline; its agent did not run the script.`,
      };
    }
    const output = script.run(device, parameters);
    return {
      device_id: deviceId,
      hostname: device.hostname,
      outcome: output.exitCode === 0 ? 'completed' : 'failed',
      exit_code: output.exitCode,
      stdout_excerpt: excerpt(output.stdout),
    };
  });
  const succeeded = devices.filter((d) => d.outcome === 'completed').length;
  return {
    outcome: succeeded === devices.length ? 'completed' : 'failed',
    message: `${script.name} ran on ${succeeded} of ${devices.length} device${devices.length === 1 ? '' : 's'}.`,
    changes: { script_id: script.id, succeeded, devices: devices.length },
    devices,
  };
}
