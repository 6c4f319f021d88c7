import type { Case, Observation } from '@senseon/client';
import type { SandboxServices } from '../services';

/**
 * Stores new observations in one transaction, counts them on their cases and emits
 * `observation.created` for each. Shared by `POST /observations` and the simulator.
 */
export function recordObservations(services: SandboxServices, observations: Observation[]): void {
  const { db, repos, events } = services;
  db.transaction(() => {
    for (const observation of observations) {
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
