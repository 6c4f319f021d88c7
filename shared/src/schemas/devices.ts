import { z } from 'zod';
import { DeviceId, TenantId, Timestamp, UserId } from './common';

export const OsType = z.enum(['windows', 'macos', 'linux']);
export const DeviceStatus = z.enum(['online', 'offline', 'isolated']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;
export const Criticality = z.enum(['low', 'medium', 'high', 'crown_jewel']);

export const Device = z
  .looseObject({
    id: DeviceId,
    hostname: z.string(),
    ip_addresses: z.array(z.string()),
    mac: z.string().nullable(),
    os: z.looseObject({ type: OsType, name: z.string(), version: z.string() }),
    agent_version: z.string(),
    status: DeviceStatus,
    risk_score: z.number().int().min(0).max(100),
    criticality: Criticality,
    tags: z.array(z.string()),
    owner_user_id: UserId.nullable(),
    url: z
      .url()
      .optional()
      .describe("A link to the device in SenseOn's console, for a person to open."),
    tenant_id: TenantId,
    last_seen_at: Timestamp,
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof Device>;

export const DeviceFilters = z.strictObject({
  hostname: z.string().min(1).optional().describe('Exact hostname, case-insensitive.'),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Text found in the hostname, an IP address or the device ID, case-insensitive.'),
  ip: z.union([z.ipv4(), z.ipv6()]).optional().describe('A device with this IP address.'),
  os_type: OsType.optional(),
  status: DeviceStatus.optional(),
  tag: z.string().min(1).optional(),
  min_risk_score: z.number().int().min(0).max(100).optional(),
  tenant_id: TenantId.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().min(1).optional(),
});
export type DeviceFilters = z.infer<typeof DeviceFilters>;
