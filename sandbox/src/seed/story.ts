// A storyline is a list of timed steps; each step makes one observation once it is given its id,
// its final time and the case it belongs to. The seed stamps steps with their own times; the
// live simulator stamps them with the clock when they fall due.
import type { Observation } from '@senseon/client';
import type { EventHeader } from './ocsf/envelope';
import type { EndpointInfo } from './ocsf/objects';
import type { Host, Person, Tenancy, World } from './world';

export interface Stamp {
  id: string;
  time: number;
  caseId: string | null;
}

export interface Step {
  /** When it happens, in ms since the epoch. */
  time: number;
  host: Host | null;
  make(stamp: Stamp): Observation;
}

export type EventMeta = Pick<EventHeader, 'source' | 'severity' | 'title' | 'message' | 'senseon'>;

export type EventBuilder = (header: EventHeader) => Observation;

export function step(
  tenancy: Tenancy,
  time: number,
  host: Host | null,
  meta: EventMeta,
  build: EventBuilder,
): Step {
  return {
    time,
    host,
    make: (stamp) =>
      build({ id: stamp.id, time: stamp.time, caseId: stamp.caseId, tenancy, host, ...meta }),
  };
}

export class Story {
  readonly steps: Step[] = [];

  constructor(readonly tenancy: Tenancy) {}

  add(time: number, host: Host | null, meta: EventMeta, build: EventBuilder): this {
    this.steps.push(step(this.tenancy, time, host, meta, build));
    return this;
  }
}

export const ipOf = (host: Host): string => host.device.ip_addresses[0] ?? '0.0.0.0';

export const endpointOf = (host: Host, port?: number): EndpointInfo => ({
  ip: ipOf(host),
  hostname: host.device.hostname,
  ...(port !== undefined && { port }),
});

/**
 * Where a person works from: their own device, else a stable address in the tenancy's
 * VPN/VDI pool (most staff have no managed laptop of their own).
 */
export function workplaceOf(world: World, person: Person, port?: number): EndpointInfo {
  const device = world.hosts.find((h) => h.owner === person);
  if (device) return endpointOf(device, port);
  let hash = 0;
  for (const ch of person.user.id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return {
    ip: `${person.tenancy.org.remoteAccessPool}.${10 + (hash % 240)}`,
    ...(port !== undefined && { port }),
  };
}

/** The tenancy's DNS resolver: its first domain controller, as on any AD network. */
export function resolverFor(world: World, tenancy: Tenancy): EndpointInfo {
  const dc = world.hosts.find((h) => h.tenancy === tenancy && h.spec.role === 'domain_controller');
  return dc ? endpointOf(dc) : { ip: `${tenancy.org.subnets.server[0] ?? '10.0.1'}.53` };
}

/** An ephemeral client port. */
export const ephemeralPort = (rng: { int(min: number, max: number): number }): number =>
  rng.int(49_152, 65_535);
