import type { Case, Observation } from '@senseon/client';
import type { SandboxServices } from '../services';

/** An observation before the API stores it: it has no `ingested_at` yet. */
export type NewObservation = Pick<
  Observation,
  | 'id'
  | 'observed_at'
  | 'source'
  | 'severity'
  | 'title'
  | 'device_id'
  | 'case_id'
  | 'ocsf'
  | 'tenant_id'
>;

/**
 * Stores new observations in one transaction, stamps each with `ingested_at`, counts them on
 * their cases and emits `observation.created` for each. Shared by `POST /observations` and the
 * simulator. Answers the observations as stored.
 */
export function recordObservations(
  services: SandboxServices,
  incoming: NewObservation[],
): Observation[] {
  const { db, repos, events, clock } = services;
  return db.transaction(() => {
    const stored: Observation[] = [];
    for (const input of incoming) {
      // Never behind an observation the tenant already has, whatever the clock did: a poller
      // that read up to one `ingested_at` can never miss one stored later with an earlier one.
      const ingestedMs = Math.max(
        clock.now(),
        repos.observations.latestIngestedMs(input.tenant_id),
      );
      const observation: Observation = { ...input, ingested_at: clock.iso(ingestedMs) };
      stored.push(observation);
      repos.observations.insert(observation);
      if (observation.case_id) {
        const item = repos.cases.get(observation.tenant_id, observation.case_id);
        if (item) {
          const deviceIds =
            observation.device_id && !item.device_ids.includes(observation.device_id)
              ? [...item.device_ids, observation.device_id]
              : item.device_ids;
          repos.cases.save({
            ...item,
            device_ids: deviceIds,
            observation_count: item.observation_count + 1,
          });
        }
      }
      events.emit(observation.tenant_id, 'observation.created', observation);
    }
    return stored;
  });
}

/** Stores a new case and emits `case.created`; the simulator's way of opening one. */
export function recordCase(services: SandboxServices, item: Case): void {
  const { db, repos, events, trace } = services;
  db.transaction(() => {
    repos.cases.insert(item);
    trace.append({
      tenantId: item.tenant_id,
      caseId: item.id,
      actor: { principal: 'senseon-detection', origin: 'automation' },
      event: 'case.created',
      details: { title: item.title, severity: item.severity, created_at: item.created_at },
    });
    events.emit(item.tenant_id, 'case.created', item);
  });
}
