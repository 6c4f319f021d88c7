// Turns a scenario into a case and its observations: stamps each step with an id, the time
// and the case id, and derives the case's own fields (devices, users, timestamps, assignee)
// from what the storyline actually contains.
import type { Case, CaseStatus, Observation } from '@senseon/client';
import { iso, MINUTE, HOUR } from './clock';
import { mitreMapping } from './mitre';
import { chance, type RandomSource } from './random';
import type { DevicePick, Scenario, ScenarioOutcome } from './scenarios/types';
import type { Step } from './story';
import type { Host, Person, Tenancy, World } from './world';
import { hostsOf } from './world';
import { consoleLink } from '../console-link';

export interface OpenedCase {
  item: Case;
  observations: Observation[];
  hosts: Host[];
  outcome: ScenarioOutcome;
}

/** The hosts a scenario asks for; a role pick prefers a host no earlier case has used. */
export function pickHosts(
  world: World,
  rng: RandomSource,
  tenancy: Tenancy,
  picks: readonly DevicePick[],
  used: ReadonlySet<Host>,
): Host[] {
  const estate = hostsOf(world, tenancy);
  return picks.map((pick) => {
    if ('hostname' in pick) {
      const host = estate.find((h) => h.device.hostname === pick.hostname);
      if (!host) throw new Error(`seed: no device ${pick.hostname} in ${tenancy.org.name}`);
      return host;
    }
    const matching = estate.filter(
      (h) =>
        h.spec.role === pick.role &&
        (pick.department === undefined || h.spec.ownerDepartment === pick.department) &&
        (pick.os === undefined || h.device.os.type === pick.os),
    );
    const fresh = matching.filter((h) => !used.has(h));
    const pool = fresh.length > 0 ? fresh : matching;
    if (pool.length === 0) throw new Error(`seed: no ${pick.role} device in ${tenancy.org.name}`);
    return rng.pick(pool);
  });
}

/** Stamps steps in time order; ids come from `nextId`, times from `timeOf`. */
export function stampSteps(
  steps: readonly Step[],
  caseId: string | null,
  nextId: () => string,
  timeOf: (step: Step) => number = (s) => s.time,
): Observation[] {
  return [...steps]
    .sort((a, b) => a.time - b.time)
    .map((s) => s.make({ id: nextId(), time: timeOf(s), caseId }));
}

const uniqueIds = (ids: Iterable<string>): string[] => [...new Set(ids)];

export interface CaseTimes {
  created: number;
  updated: number;
}

/** When the SOC opened the case and last touched it, from its observations and status. */
export function caseTimes(
  rng: RandomSource,
  status: CaseStatus,
  observations: readonly Observation[],
  reference: number,
): CaseTimes {
  const times = observations.map((o) => o.ocsf.time);
  const firstFinding = observations.find((o) => o.ocsf.class_uid === 2004)?.ocsf.time;
  const last = Math.max(...times);
  const latest = reference - MINUTE;
  const created = Math.min((firstFinding ?? last) + rng.int(1, 4) * MINUTE, latest);
  const touched =
    status === 'open'
      ? Math.max(created, last) + rng.int(0, 5) * MINUTE
      : status === 'investigating'
        ? Math.max(created + rng.int(15, 120) * MINUTE, last)
        : created + rng.int(2, 30) * HOUR;
  return { created, updated: Math.max(created, Math.min(touched, latest)) };
}

export interface CaseFields {
  id: string;
  scenario: Scenario;
  outcome: ScenarioOutcome;
  tenancy: Tenancy;
  /** The case's devices: those its observations were seen on (or, live, will be). */
  hosts: readonly Host[];
  observations: readonly Observation[];
  times: CaseTimes;
  status: CaseStatus;
  assignee: string | null;
}

export function caseFrom(fields: CaseFields): Case {
  const { scenario, outcome, tenancy, observations, hosts } = fields;
  const crownJewel = hosts.some((h) => h.device.criticality === 'crown_jewel');
  return {
    id: fields.id,
    url: consoleLink('case', fields.id),
    title: outcome.title,
    description: outcome.description,
    severity: scenario.severity,
    status: fields.status,
    assignee: fields.assignee,
    tags: uniqueIds([...scenario.tags, ...(crownJewel ? ['crown-jewel'] : [])]),
    device_ids: hosts.map((h) => h.device.id),
    user_ids: uniqueIds(outcome.people.map((p: Person) => p.user.id).filter((id) => id !== '')),
    observation_count: observations.length,
    mitre: scenario.techniques.map(mitreMapping),
    ai_summary: null,
    created_at: iso(fields.times.created),
    updated_at: iso(fields.times.updated),
    tenant_id: tenancy.tenant.id,
  };
}

/** Open cases wait for an analyst now and then; anything further along has one. */
export function assigneeFor(
  rng: RandomSource,
  status: CaseStatus,
  analysts: readonly Person[],
): string | null {
  if (analysts.length === 0) return null;
  if (status === 'open' && !chance(rng, 0.35)) return null;
  return rng.pick(analysts).user.email;
}
