import type { EventType } from '@senseon/client';
import { SYSTEM_ACTOR } from '../auth/caller';
import type { Repositories } from '../db/repositories';

/**
 * The data of a test event: a real object of the tenant of the kind the event carries, so a
 * receiver sees exactly what production events will look like. The envelope says `test: true`.
 */
export function sampleEventData(repos: Repositories, tenantId: string, type: EventType): object {
  const [kind] = type.split('.');
  const cases = repos.cases.page(tenantId, { limit: 1 }).items;
  const latestCase = cases[0];
  switch (kind) {
    case 'case':
      return latestCase ?? {};
    case 'observation':
      return repos.observations.page(tenantId, { limit: 1 }).items[0] ?? {};
    case 'device':
      return repos.devices.page(tenantId, { limit: 1 }).items[0] ?? {};
    case 'action':
      return repos.actions.page(tenantId, { limit: 1 }).items[0] ?? {};
    case 'summary':
      return (
        (latestCase && repos.summaries.get(latestCase.id)) ?? { case_id: latestCase?.id ?? null }
      );
    default:
      return {};
  }
}

/**
 * What a test `case.updated` event says changed: nothing (no update happened), by the system.
 * The fields are there so a receiver sees the envelope production events have.
 */
export function sampleEventUpdate(type: EventType) {
  return type === 'case.updated' ? { update: { changes: {}, actor: SYSTEM_ACTOR } } : {};
}
