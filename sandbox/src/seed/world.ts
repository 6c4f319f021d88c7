// The generator's inside view of the estate: tenants with their organisation, people with their
// directory accounts, devices with what they are for. The public objects (SeedTenant, SeedUser,
// Device) are the `tenant`, `user` and `device` fields; the rest is what realistic telemetry needs.
import type { Device } from '@senseon/client';
import type { Indicators } from './indicators';
import type { OsKey } from './operating-systems';
import type { Organisation } from './organisations';
import type { DeviceSpec } from './roster';
import type { Software } from './software';
import type { SeedTenant, SeedUser } from './types';

export interface Tenancy {
  tenant: SeedTenant;
  org: Organisation;
  /** The AD domain SID; users' SIDs are this plus a RID. */
  domainSid: string;
}

export interface Person {
  user: SeedUser;
  tenancy: Tenancy;
  /** The logon name, `first.last`. */
  username: string;
  sid: string;
}

export interface Host {
  device: Device;
  spec: DeviceSpec;
  tenancy: Tenancy;
  owner: Person | null;
  osKey: OsKey;
}

export interface World {
  /** Milliseconds since the epoch: "now" for the seed; all seeded times fall before it. */
  reference: number;
  tenancies: Tenancy[];
  people: Person[];
  hosts: Host[];
  indicators: Indicators;
  software: Software;
}

export const hostsOf = (world: World, tenancy: Tenancy): Host[] =>
  world.hosts.filter((h) => h.tenancy === tenancy);

export const peopleOf = (world: World, tenancy: Tenancy): Person[] =>
  world.people.filter((p) => p.tenancy === tenancy);

/** The first tenancy of the organisation `key`; the seed always has one of each. */
export function tenancyOf(world: World, key: Tenancy['org']['key']): Tenancy {
  const found = world.tenancies.find((t) => t.org.key === key);
  if (!found) throw new Error(`seed: no tenant for organisation ${key}`);
  return found;
}

export function hostNamed(world: World, tenancy: Tenancy, hostname: string): Host {
  const found = world.hosts.find((h) => h.tenancy === tenancy && h.device.hostname === hostname);
  if (!found) throw new Error(`seed: no device ${hostname} in ${tenancy.org.name}`);
  return found;
}
