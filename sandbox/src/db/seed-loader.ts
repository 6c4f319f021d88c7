import type { SeedData } from '../seed/types';
import { referenceTimeMs } from '../seed/clock';
import { shiftTimes } from './seed-time-shift';
import type { SandboxDatabase } from './database';
import type { Repositories } from './repositories';
import type { DecisionTrace } from '../trace/ledger';
import { SYSTEM_ACTOR } from '../auth/caller';

/**
 * Loads the generated data set into an empty database, in one transaction. A database that
 * was seeded before keeps its data: a restart with a file must not reset anything.
 */
export function loadSeedOnce(
  db: SandboxDatabase,
  repos: Repositories,
  trace: DecisionTrace,
  seed: number,
  generate: (seed: number) => SeedData,
  nowMs: number,
): { loaded: boolean; seed: number } {
  const existing = db.getMeta('seed');
  if (existing !== undefined) return { loaded: false, seed: Number(existing) };
  // The seed's times end at its own fixed "now"; move them so they end at ours, to the minute.
  const deltaMs = Math.floor((nowMs - referenceTimeMs(seed)) / 60_000) * 60_000;
  const generated = generate(seed);
  const data: SeedData = {
    ...generated,
    devices: shiftTimes(generated.devices, deltaMs),
    cases: shiftTimes(generated.cases, deltaMs),
    observations: shiftTimes(generated.observations, deltaMs),
  };
  db.transaction(() => {
    data.tenants.forEach((tenant, position) => repos.tenants.insert(tenant, position));
    for (const user of data.users) repos.users.insert(user);
    for (const device of data.devices) repos.devices.insert(device);
    const cases = [...data.cases].sort((a, b) => a.created_at.localeCompare(b.created_at));
    for (const item of cases) {
      repos.cases.insert(item);
      // Every case's chain starts when the case was opened.
      trace.append({
        tenantId: item.tenant_id,
        caseId: item.id,
        actor: { ...SYSTEM_ACTOR, principal: 'senseon-detection' },
        event: 'case.created',
        at: item.created_at,
        details: { title: item.title, severity: item.severity, created_at: item.created_at },
      });
    }
    // Stored in the order they were ingested, so storage order and `ingested_at` agree.
    const observations = [...data.observations].sort((a, b) =>
      a.ingested_at.localeCompare(b.ingested_at),
    );
    for (const observation of observations) repos.observations.insert(observation);
    db.setMeta('seed', String(seed));
  });
  return { loaded: true, seed };
}
