// generateSeed: the whole data set for one seed — tenants, people, devices, 25 cases with their
// storylines, and everyday telemetry up to 1,000 observations — without I/O or the wall clock.
import type { Case, Observation } from '@senseon/client';
import { assigneeFor, caseFrom, caseTimes, pickHosts, stampSteps } from './cases';
import { HOUR, MINUTE, referenceTimeMs } from './clock';
import { settleEstate } from './estate';
import { everydaySteps } from './background';
import { createHosts } from './fleet';
import { IdFactory } from './ids';
import { createIndicators } from './indicators';
import { ORGANISATIONS } from './organisations';
import { createPeople } from './people';
import { forkRandom, type RandomSource } from './random';
import { SCENARIOS } from './scenarios';
import { createSoftware } from './software';
import type { SeedData } from './types';
import type { Host, Person, Tenancy, World } from './world';
import { peopleOf, tenancyOf } from './world';

export const OBSERVATION_COUNT = 1_000;

function domainSid(rng: RandomSource): string {
  return `S-1-5-21-${rng.int(1_000_000_000, 4_000_000_000)}-${rng.int(1_000_000_000, 4_000_000_000)}-${rng.int(1_000_000_000, 4_000_000_000)}`;
}

/** Everything but the storylines: the seed's estate and the internet around it. */
export function buildWorld(seed: number, ids: IdFactory): World {
  const reference = referenceTimeMs(seed);
  const orgRng = forkRandom(seed, 'organisations');
  const tenancies: Tenancy[] = ORGANISATIONS.map((org) => ({
    tenant: { id: ids.next('ten'), name: org.name, mssp: org.mssp },
    org,
    domainSid: domainSid(orgRng),
  }));
  const people = createPeople(forkRandom(seed, 'people'), ids, tenancies);
  const hosts = createHosts(forkRandom(seed, 'fleet'), ids, tenancies, people, reference);
  return {
    reference,
    tenancies,
    people,
    hosts,
    indicators: createIndicators(forkRandom(seed, 'indicators')),
    software: createSoftware(forkRandom(seed, 'software')),
  };
}

export function generateSeed(seed: number): SeedData {
  if (!Number.isFinite(seed)) throw new TypeError(`seed: must be a finite number, got ${seed}`);
  const ids = new IdFactory(forkRandom(seed, 'ids'));
  const world = buildWorld(seed, ids);
  const rng = forkRandom(seed, 'cases');
  const analysts = peopleOf(world, tenancyOf(world, 'mssp'));

  const cases: Case[] = [];
  const observations: Observation[] = [];
  const used = new Set<Host>();
  const disabled = new Set<Person>();
  const latestStep = world.reference - 5 * MINUTE;
  for (const scenario of SCENARIOS) {
    const tenancy = tenancyOf(world, scenario.org);
    const hosts = pickHosts(world, rng, tenancy, scenario.devices, used);
    hosts.forEach((h) => used.add(h));
    const [earliest, latest] = scenario.startsHoursAgo;
    const start = Math.round(
      world.reference - (earliest + rng.next() * (latest - earliest)) * HOUR,
    );
    const outcome = scenario.build({ world, rng, tenancy, hosts, start });
    if (outcome.steps.some((s) => s.time > latestStep)) {
      throw new Error(`seed: scenario ${scenario.key} runs past the reference time`);
    }
    const id = ids.next('case');
    const linked = stampSteps(outcome.steps, id, () => ids.next('obs'));
    const seenOn = new Set(linked.map((o) => o.device_id));
    const item = caseFrom({
      id,
      scenario,
      outcome,
      tenancy,
      hosts: hosts.filter((h) => seenOn.has(h.device.id)),
      observations: linked,
      times: caseTimes(rng, scenario.status, linked, world.reference),
      status: scenario.status,
      assignee: assigneeFor(rng, scenario.status, analysts),
    });
    cases.push(item);
    observations.push(...linked);
    outcome.disabled?.forEach((p) => disabled.add(p));
  }
  for (const person of disabled) person.user.status = 'disabled';

  settleEstate(world, forkRandom(seed, 'estate'), cases);

  const everyday = everydaySteps(
    world,
    forkRandom(seed, 'everyday'),
    OBSERVATION_COUNT - observations.length,
  );
  observations.push(...stampSteps(everyday, null, () => ids.next('obs')));
  observations.sort((a, b) => a.ocsf.time - b.ocsf.time || a.id.localeCompare(b.id));

  return {
    tenants: world.tenancies.map((t) => ({ ...t.tenant })),
    users: world.people.map((p) => ({ ...p.user })),
    devices: world.hosts.map((h) => ({
      ...h.device,
      ip_addresses: [...h.device.ip_addresses],
      tags: [...h.device.tags],
    })),
    observations,
    cases,
  };
}
