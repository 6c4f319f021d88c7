import { z } from 'zod';
import { DeviceId, prefixedId } from './common';
import { OsType } from './devices';

export const ScriptId = prefixedId('scr');

/**
 * A remote script of SenseOn's catalog: what `run_script` runs on devices. Its parameters are a
 * JSON Schema object, so a connector can render them and the API checks a run's parameters
 * against the same document.
 */
export const Script = z
  .looseObject({
    id: ScriptId,
    name: z.string(),
    description: z.string(),
    os_types: z.array(OsType).min(1).describe('The operating systems the script runs on.'),
    parameters: z
      .looseObject({ type: z.literal('object') })
      .describe('A JSON Schema (2020-12) object that a run’s `parameters` must satisfy.'),
    containment: z
      .boolean()
      .describe(
        'Whether the script cuts a device, a process or a person off; a containment script always needs a human approval.',
      ),
    timeout_seconds: z.number().int().min(1).describe('How long one device may run it.'),
  })
  .meta({ id: 'Script' });
export type Script = z.infer<typeof Script>;

export const ScriptFilters = z.strictObject({
  os_type: OsType.optional().describe('Only scripts that run on this operating system.'),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type ScriptFilters = z.infer<typeof ScriptFilters>;

/** What one device answered to a script run. */
export const ScriptDeviceResult = z
  .looseObject({
    device_id: DeviceId,
    hostname: z.string(),
    outcome: z.enum(['completed', 'failed']),
    exit_code: z.number().int().nullable().describe('null when the script never ran there.'),
    stdout_excerpt: z
      .string()
      .describe('The first lines of what the script printed (at most 4,000 characters).'),
  })
  .meta({ id: 'ScriptDeviceResult' });
export type ScriptDeviceResult = z.infer<typeof ScriptDeviceResult>;
