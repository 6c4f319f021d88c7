import { z } from 'zod';
import { DeviceId, prefixedId, UserId } from './common';

export const ActionType = z.enum([
  'isolate_device',
  'release_device',
  'disable_user',
  'enable_user',
  'add_ioc',
  'close_case',
  'run_script',
]);
export type ActionType = z.infer<typeof ActionType>;

/** Containment: the actions that cut a device or a person off and always need a human. */
export const CONTAINMENT_ACTIONS: readonly ActionType[] = ['isolate_device', 'disable_user'];

export const IocType = z.enum(['sha256', 'sha1', 'md5', 'ipv4', 'ipv6', 'domain', 'url']);
export type IocType = z.infer<typeof IocType>;

const HEX_LENGTH: Partial<Record<IocType, number>> = { sha256: 64, sha1: 40, md5: 32 };
const DOMAIN = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/i;

/** Why `value` is not a valid IOC of `type`, or null when it is. Shared by client and sandbox. */
export function iocProblem(type: IocType, value: string): string | null {
  const hexLength = HEX_LENGTH[type];
  if (hexLength !== undefined) {
    return new RegExp(`^[0-9a-f]{${hexLength}}$`, 'i').test(value)
      ? null
      : `is not a ${type} hash (${hexLength} hexadecimal characters)`;
  }
  if (type === 'ipv4') return z.ipv4().safeParse(value).success ? null : 'is not an IPv4 address';
  if (type === 'ipv6') return z.ipv6().safeParse(value).success ? null : 'is not an IPv6 address';
  if (type === 'domain') return DOMAIN.test(value) ? null : 'is not a domain name';
  const url = z.url({ protocol: /^https?$/ }).safeParse(value);
  return url.success ? null : 'is not an http(s) URL';
}

export const Ioc = z
  .strictObject({ type: IocType, value: z.string().min(1).max(2048) })
  .superRefine((ioc, ctx) => {
    const problem = iocProblem(ioc.type, ioc.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: `value ${problem}` });
  });
export type Ioc = z.infer<typeof Ioc>;

export const ActionTarget = z
  .looseObject({
    device_id: DeviceId.optional(),
    user_id: UserId.optional(),
    ioc: Ioc.optional(),
    // run_script: which script of `GET /scripts`, on which devices, with which parameters.
    script_id: prefixedId('scr').optional(),
    device_ids: z.array(DeviceId).min(1).max(100).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ActionTarget' });
export type ActionTarget = z.infer<typeof ActionTarget>;

/** Which target field each action type needs. */
export const TARGET_FIELD: Record<
  ActionType,
  'device_id' | 'user_id' | 'ioc' | 'script_id' | null
> = {
  isolate_device: 'device_id',
  release_device: 'device_id',
  disable_user: 'user_id',
  enable_user: 'user_id',
  add_ioc: 'ioc',
  close_case: null,
  run_script: 'script_id',
};
