// The simulator's view of a running sandbox, rebuilt from what the server holds (tenants,
// devices, and users when given), so live telemetry names the same hosts, owners and domains.
import type { Device } from '@senseon/client';
import { createIndicators } from './indicators';
import { FAMILY_NAMES, GIVEN_NAMES } from './names';
import { OPERATING_SYSTEMS, type OsKey } from './operating-systems';
import { ORGANISATIONS, type Organisation } from './organisations';
import { usernameFor } from './people';
import { forkRandom, type RandomSource } from './random';
import { ROSTERS, type DeviceSpec } from './roster';
import { createSoftware } from './software';
import type { SeedTenant, SeedUser, SimulatorState } from './types';
import type { Host, Person, Tenancy, World } from './world';

function organisationFor(tenant: SeedTenant): Organisation {
  const known = ORGANISATIONS.find((o) => o.name === tenant.name);
  if (known) return known;
  // A tenant the seed did not create (added by hand): give it a plausible directory of its own.
  const slug = tenant.name.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'tenant';
  return {
    key: tenant.mssp ? 'mssp' : 'bank',
    name: tenant.name,
    mssp: tenant.mssp,
    emailDomain: `${slug}.example`,
    netbios: slug.slice(0, 15).toUpperCase(),
    dnsDomain: `corp.${slug}.example`,
    departments: [{ name: 'IT', headcount: 1 }],
    subnets: { server: ['10.0.1'], dmz: ['10.0.5'], workstation: ['10.0.10'], ot: [] },
    remoteAccessPool: '10.0.40',
  };
}

function osKeyOf(device: Device): OsKey {
  const exact = (Object.keys(OPERATING_SYSTEMS) as OsKey[]).find(
    (k) => OPERATING_SYSTEMS[k].name === device.os.name,
  );
  if (exact) return exact;
  if (device.os.type === 'macos') return 'macos15';
  if (device.os.type === 'linux') return 'ubuntu22';
  return /server/i.test(device.os.name) ? 'ws2022' : 'win11';
}

/** The roster entry for a seeded device; a best guess from name and OS for any other. */
function specOf(device: Device, org: Organisation): DeviceSpec {
  const known = ROSTERS[org.key].find((s) => s.hostname === device.hostname);
  if (known) return known;
  const server = device.os.type === 'linux' || /server/i.test(device.os.name);
  const laptop = /laptop|mbp|book/i.test(device.hostname);
  return {
    hostname: device.hostname,
    role: server
      ? /^dc\d/i.test(device.hostname)
        ? 'domain_controller'
        : 'app_server'
      : laptop
        ? 'laptop'
        : 'workstation',
    os: [osKeyOf(device)],
    criticality: device.criticality,
    tags: device.tags,
    zone: server ? 'server' : 'workstation',
    formFactor: server ? 'server' : laptop ? 'laptop' : 'desktop',
  };
}

function sidFor(rng: RandomSource): string {
  return `S-1-5-21-${rng.int(1_000_000_000, 4_000_000_000)}-${rng.int(1_000_000_000, 4_000_000_000)}-${rng.int(1_000_000_000, 4_000_000_000)}`;
}

function personFrom(user: SeedUser, tenancy: Tenancy, rid: number): Person {
  const [given = 'user', family = ''] = user.name.split(' ');
  return {
    user,
    tenancy,
    username: usernameFor(given, family || user.id),
    sid: `${tenancy.domainSid}-${rid}`,
  };
}

/** A person for an owner id the server did not describe; stable for that id. */
function stand_in(id: string, tenancy: Tenancy, department: string, rid: number): Person {
  const rng = forkRandom(0, id);
  const given = rng.pick(GIVEN_NAMES);
  const family = rng.pick(FAMILY_NAMES);
  const username = usernameFor(given, family);
  return {
    user: {
      id,
      tenant_id: tenancy.tenant.id,
      name: `${given} ${family}`,
      email: `${username}@${tenancy.org.emailDomain}`,
      department,
      status: 'active',
    },
    tenancy,
    username,
    sid: `${tenancy.domainSid}-${rid}`,
  };
}

export function liveWorld(seed: number, state: SimulatorState & { users?: SeedUser[] }): World {
  const tenancies: Tenancy[] = state.tenants.map((tenant) => ({
    tenant,
    org: organisationFor(tenant),
    domainSid: sidFor(forkRandom(seed, `sid:${tenant.id}`)),
  }));
  const tenancyById = new Map(tenancies.map((t) => [t.tenant.id, t]));
  const people: Person[] = [];
  const byId = new Map<string, Person>();
  let rid = 1104;
  for (const user of state.users ?? []) {
    const tenancy = tenancyById.get(user.tenant_id);
    if (!tenancy) continue;
    const person = personFrom(user, tenancy, (rid += 7));
    people.push(person);
    byId.set(user.id, person);
  }
  const hosts: Host[] = [];
  for (const device of state.devices) {
    const tenancy = tenancyById.get(device.tenant_id);
    if (!tenancy) continue;
    const spec = specOf(device, tenancy.org);
    let owner: Person | null = null;
    if (device.owner_user_id) {
      owner = byId.get(device.owner_user_id) ?? null;
      if (!owner) {
        owner = stand_in(
          device.owner_user_id,
          tenancy,
          spec.ownerDepartment ?? 'Staff',
          (rid += 7),
        );
        people.push(owner);
        byId.set(device.owner_user_id, owner);
      }
    }
    hosts.push({ device, spec, tenancy, owner, osKey: osKeyOf(device) });
  }
  // Servers need someone from IT to log on to them; an unnamed admin if the server gave none.
  for (const tenancy of tenancies) {
    if (!people.some((p) => p.tenancy === tenancy && p.user.department === 'IT')) {
      const admin = stand_in(`it-${tenancy.tenant.id}`, tenancy, 'IT', (rid += 7));
      people.push({ ...admin, user: { ...admin.user, id: '' } });
    }
  }
  return {
    reference: 0,
    tenancies,
    people,
    hosts,
    indicators: createIndicators(forkRandom(seed, 'live-indicators')),
    software: createSoftware(forkRandom(seed, 'live-software')),
  };
}
