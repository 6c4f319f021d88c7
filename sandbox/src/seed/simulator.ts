// The live feed: everyday observations from the online devices, and now and then a new case
// whose storyline then unfolds in real time through the following observations.
import type { Case, Observation } from '@senseon/client';
import { everydayStep } from './background';
import { caseFrom } from './cases';
import { MINUTE } from './clock';
import { liveWorld } from './live-world';
import { alphanumeric, chance, forkRandom, weighted } from './random';
import { SIMULATED_SCENARIOS, type Scenario } from './scenarios';
import type { Step } from './story';
import type { SeedUser, Simulator, SimulatorState } from './types';
import type { Host } from './world';

/** Chance that a call to maybeNextCase opens a case, once the quiet gap has passed. */
const CASE_CHANCE = 0.15;
/** At least this long between two simulated cases (about six an hour at most). */
const CASE_GAP_MS = 10 * MINUTE;
/** Chance that a due storyline step goes next rather than everyday telemetry, so both mix. */
const STORY_SHARE = 0.6;

function timeOf(now: Date, name: string): number {
  const t = now instanceof Date ? now.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new TypeError(`${name}: must be a valid Date`);
  return t;
}

/** Where a scenario may replay: people's Windows and Mac machines; any Linux server. */
function eligible(scenario: Scenario, host: Host): boolean {
  const os = scenario.simulate?.os;
  if (!os || host.device.os.type !== os || host.device.status !== 'online') return false;
  return os === 'linux' || host.spec.formFactor !== 'server';
}

export function createSimulator(
  seed: number,
  state: SimulatorState & { users?: SeedUser[] },
): Simulator {
  if (!Number.isFinite(seed)) throw new TypeError(`seed: must be a finite number, got ${seed}`);
  const rng = forkRandom(seed, 'simulator');
  const world = liveWorld(seed, state);
  const pending: Array<{ step: Step; caseId: string }> = [];
  let lastCaseAt = Number.NEGATIVE_INFINITY;

  // Time first, so ids sort by creation; the random tail keeps two runs with the same clock apart.
  const newId = (prefix: 'obs' | 'case', t: number) =>
    `${prefix}_${Math.abs(Math.trunc(t)).toString(36)}${alphanumeric(rng, 6)}`;

  const observable = () => {
    const online = world.hosts.filter(
      (h) => h.device.status === 'online' && !h.tenancy.tenant.mssp,
    );
    return online.length > 0 ? online : world.hosts.filter((h) => !h.tenancy.tenant.mssp);
  };

  return {
    nextObservation(now: Date): Observation {
      const t = timeOf(now, 'now');
      const due = pending[0];
      if (due && due.step.time <= t && chance(rng, STORY_SHARE)) {
        pending.shift();
        return due.step.make({ id: newId('obs', t), time: t, caseId: due.caseId });
      }
      const hosts = observable();
      if (hosts.length === 0)
        throw new Error('state.devices: the simulator needs at least one device');
      const host = weighted(
        rng,
        hosts.map((h) => [h, h.spec.role === 'domain_controller' ? 3 : 2] as const),
      );
      return everydayStep(world, rng, host, t).make({ id: newId('obs', t), time: t, caseId: null });
    },

    maybeNextCase(now: Date): Case | null {
      const t = timeOf(now, 'now');
      if (t - lastCaseAt < CASE_GAP_MS || !chance(rng, CASE_CHANCE)) return null;
      const options = SIMULATED_SCENARIOS.flatMap((scenario) => {
        const hosts = world.hosts.filter((h) => !h.tenancy.tenant.mssp && eligible(scenario, h));
        return hosts.length > 0 ? [{ scenario, hosts }] : [];
      });
      if (options.length === 0) return null;
      const { scenario, hosts } = rng.pick(options);
      const host = rng.pick(hosts);
      const outcome = scenario.build({
        world,
        rng,
        tenancy: host.tenancy,
        hosts: [host],
        start: t,
      });
      const id = newId('case', t);
      for (const step of outcome.steps) pending.push({ step, caseId: id });
      pending.sort((a, b) => a.step.time - b.step.time);
      lastCaseAt = t;
      return caseFrom({
        id,
        scenario,
        outcome,
        tenancy: host.tenancy,
        hosts: [host],
        observations: [],
        times: { created: t, updated: t },
        status: 'open',
        assignee: null,
      });
    },
  };
}
