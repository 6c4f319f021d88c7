// The devices of each organisation, from its roster: OS build, agent, addresses, owner.
// Status, risk score and last-seen time are settled later, once the cases are known.
import type { Device } from '@senseon/client';
import type { IdFactory } from './ids';
import { AGENT_VERSIONS, OPERATING_SYSTEMS } from './operating-systems';
import { hex, weighted, type RandomSource } from './random';
import { ROSTERS, type DeviceSpec } from './roster';
import type { Host, Person, Tenancy } from './world';
import { consoleLink } from '../console-link';

/** Real vendor prefixes (OUIs): VMware guests for servers, laptop and desktop makers otherwise. */
const OUI = {
  vmware: '00:50:56',
  hyperv: '00:15:5D',
  dell: 'F8:BC:12',
  lenovo: '54:EE:75',
  hp: '3C:52:82',
  apple: 'A4:83:E7',
} as const;

function macFor(rng: RandomSource, spec: DeviceSpec, os: Device['os']['type']): string {
  const vendor =
    os === 'macos'
      ? OUI.apple
      : spec.formFactor === 'server'
        ? rng.pick([OUI.vmware, OUI.vmware, OUI.hyperv])
        : spec.formFactor === 'laptop'
          ? rng.pick([OUI.dell, OUI.lenovo])
          : rng.pick([OUI.dell, OUI.hp]);
  const tail = [hex(rng, 2), hex(rng, 2), hex(rng, 2)].join(':').toUpperCase();
  return `${vendor}:${tail}`;
}

function agentVersion(rng: RandomSource, os: Device['os']['type']): string {
  const [newest, previous, oldest] = AGENT_VERSIONS[os];
  return weighted(rng, [
    [newest ?? '5.9.1', 70],
    [previous ?? newest ?? '5.9.0', 22],
    [oldest ?? previous ?? newest ?? '5.8.4', 8],
  ]);
}

class AddressPlan {
  private readonly used = new Set<string>();

  constructor(private readonly rng: RandomSource) {}

  next(subnets: readonly string[], low: number, high: number): string {
    for (;;) {
      const ip = `${this.rng.pick(subnets)}.${this.rng.int(low, high)}`;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
  }
}

export function createHosts(
  rng: RandomSource,
  ids: IdFactory,
  tenancies: Tenancy[],
  people: Person[],
  reference: number,
): Host[] {
  const hosts: Host[] = [];
  for (const tenancy of tenancies) {
    const plan = new AddressPlan(rng);
    const owned = new Set<Person>();
    for (const spec of ROSTERS[tenancy.org.key]) {
      const osKey = rng.pick(spec.os);
      const os = OPERATING_SYSTEMS[osKey];
      const subnets = tenancy.org.subnets[spec.zone];
      const isServer = spec.formFactor === 'server';
      const ips = [plan.next(subnets, isServer ? 10 : 30, isServer ? 80 : 250)];
      if (spec.zone === 'dmz') ips.push(plan.next(tenancy.org.subnets.server, 100, 160));
      const owner = spec.ownerDepartment
        ? pickOwner(rng, people, tenancy, spec.ownerDepartment, owned)
        : null;
      if (owner) owned.add(owner);
      const id = ids.next('dev');
      const device: Device = {
        id,
        url: consoleLink('device', id),
        hostname: spec.hostname,
        ip_addresses: ips,
        mac: macFor(rng, spec, os.type),
        os: { type: os.type, name: os.name, version: rng.pick(os.versions) },
        agent_version: agentVersion(rng, os.type),
        status: 'online',
        risk_score: 0,
        criticality: spec.criticality,
        tags: [...spec.tags],
        owner_user_id: owner?.user.id ?? null,
        tenant_id: tenancy.tenant.id,
        last_seen_at: new Date(reference).toISOString(),
      };
      hosts.push({ device, spec, tenancy, owner, osKey });
    }
  }
  return hosts;
}

function pickOwner(
  rng: RandomSource,
  people: Person[],
  tenancy: Tenancy,
  department: string,
  owned: Set<Person>,
): Person | null {
  const staff = people.filter((p) => p.tenancy === tenancy && p.user.department === department);
  const free = staff.filter((p) => !owned.has(p));
  const pool = free.length > 0 ? free : staff;
  return pool.length > 0 ? rng.pick(pool) : null;
}
