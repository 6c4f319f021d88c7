// Hunts as the API sees them: queue one (its query parsed first, so a malformed one is a 400
// naming the column), read one, cancel one. Every request, cancellation and ending lands in the
// tenant's DecisionTrace chain (hunts belong to no case).
import { FINAL_HUNT_STATUSES, type Hunt, type HuntCreate } from '@senseon/client';
import { actorOf, type Caller } from '../auth/caller';
import type { SandboxClock } from '../clock';
import type { SandboxDatabase } from '../db/database';
import type { HuntRepository } from '../db/hunts';
import type { DeviceRepository } from '../db/devices';
import { conflict, notFound, validationError } from '../http/errors';
import { newId } from '../ids';
import type { DecisionTrace } from '../trace/ledger';
import type { HuntRunner } from './hunt-runner';
import { parseQuery } from './query-parser';
import { QuerySyntaxError } from './query-tokens';

export interface HuntsDeps {
  db: SandboxDatabase;
  hunts: HuntRepository;
  devices: DeviceRepository;
  runner: HuntRunner;
  clock: SandboxClock;
  trace: DecisionTrace;
}

export class Hunts {
  constructor(private readonly deps: HuntsDeps) {}

  create(caller: Caller, body: HuntCreate): Hunt {
    const { db, hunts, devices, runner, clock, trace } = this.deps;
    try {
      parseQuery(body.query);
    } catch (error) {
      if (error instanceof QuerySyntaxError) throw validationError('query', error.message);
      throw error;
    }
    body.device_ids?.forEach((id, index) => {
      if (!devices.get(caller.tenantId, id)) {
        throw notFound('INVALID_ENDPOINT_ID', `device_ids.${index}`, id, 'device');
      }
    });
    const hunt: Hunt = {
      id: newId('hunt'),
      query: body.query,
      observed_after: clock.iso(Date.parse(body.observed_after)),
      observed_before: clock.iso(Date.parse(body.observed_before)),
      device_ids: body.device_ids ? [...new Set(body.device_ids)] : null,
      status: 'queued',
      scanned_count: 0,
      result_count: 0,
      truncated: false,
      error: null,
      requested_by: actorOf(caller),
      created_at: clock.iso(),
      started_at: null,
      finished_at: null,
      tenant_id: caller.tenantId,
    };
    db.transaction(() => {
      hunts.insert(hunt);
      trace.append({
        tenantId: hunt.tenant_id,
        caseId: null,
        actor: hunt.requested_by,
        event: 'hunt.requested',
        details: {
          hunt_id: hunt.id,
          query: hunt.query,
          observed_after: hunt.observed_after,
          observed_before: hunt.observed_before,
          device_ids: hunt.device_ids,
        },
      });
    });
    runner.wake();
    return hunt;
  }

  get(caller: Caller, huntId: string): Hunt {
    const hunt = this.deps.hunts.get(caller.tenantId, huntId);
    if (!hunt) throw notFound('NOT_FOUND', 'hunt_id', huntId, 'hunt');
    return hunt;
  }

  /** A page of the hunt's matches, oldest first. */
  results(huntId: string, limit?: number, cursor?: string) {
    return this.deps.hunts.results(huntId, limit, cursor);
  }

  cancel(caller: Caller, huntId: string): Hunt {
    const { db, hunts, clock, trace } = this.deps;
    return db.transaction(() => {
      const hunt = this.get(caller, huntId);
      if (FINAL_HUNT_STATUSES.includes(hunt.status)) {
        throw conflict(`Hunt ${hunt.id} has already ended (${hunt.status}).`, 'hunt_id');
      }
      const cancelled: Hunt = { ...hunt, status: 'cancelled', finished_at: clock.iso() };
      hunts.save(cancelled);
      trace.append({
        tenantId: hunt.tenant_id,
        caseId: null,
        actor: actorOf(caller),
        event: 'hunt.cancelled',
        details: {
          hunt_id: hunt.id,
          status: 'cancelled',
          scanned_count: hunt.scanned_count,
          result_count: hunt.result_count,
        },
      });
      return cancelled;
    });
  }
}
