import type { Case, Observation } from '@senseon/client';
import type { SeedData, SeedUser, Simulator, SimulatorState } from '../seed/types';
import type { SandboxServices } from '../services';
import { newId } from '../ids';
import { recordCase, recordObservations } from '../detections/record';
import { withConsoleLink } from '../console-link';

/** The seed module's `createSimulator`; given the users too, it can name them in storylines. */
export type SimulatorFactory = (
  seed: number,
  state: SimulatorState & { users?: SeedUser[] },
) => Simulator;

/**
 * `--simulate`: new observations keep arriving and now and then a case opens, emitting
 * `observation.created` and `case.created`, so triggers have something to fire on.
 */
export class DetectionSimulator {
  private timer: NodeJS.Timeout | null = null;
  private simulator: Simulator | null = null;

  constructor(
    private readonly services: SandboxServices,
    private readonly factory: SimulatorFactory,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const { db, repos, config } = this.services;
    // Each start continues with a new stream: a restarted sandbox must not replay old ids.
    const runs = Number(db.getMeta('simulator_runs') ?? '0');
    db.setMeta('simulator_runs', String(runs + 1));
    const tenants = repos.tenants.list() as SeedData['tenants'];
    this.simulator = this.factory((config.seed + runs * 7919) % 2 ** 31, {
      tenants,
      devices: tenants.flatMap((t) => repos.devices.listForTenant(t.id)),
      cases: tenants.flatMap((t) => repos.cases.listForTenant(t.id)),
      users: tenants.flatMap((t) => repos.users.listForTenant(t.id)),
    });
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One step: an observation, and maybe a case. Public so tests can step without waiting. */
  tick(): void {
    if (!this.simulator || !this.services.db.sql.isOpen) return;
    const now = new Date(this.services.clock.now());
    try {
      const item = this.simulator.maybeNextCase(now);
      if (item) recordCase(this.services, this.ownCase(item));
      recordObservations(this.services, [this.ownObservation(this.simulator.nextObservation(now))]);
    } catch (error) {
      this.services.log.error(
        `simulator: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private ownCase(item: Case): Case {
    const { repos } = this.services;
    return repos.cases.exists(item.id)
      ? withConsoleLink('case', { ...item, id: newId('case') })
      : item;
  }

  /** Keeps the simulator's references honest against what the database really holds. */
  private ownObservation(observation: Observation): Observation {
    const { repos } = this.services;
    const tenant = observation.tenant_id;
    return {
      ...observation,
      id: repos.observations.exists(observation.id) ? newId('obs') : observation.id,
      device_id:
        observation.device_id && repos.devices.get(tenant, observation.device_id)
          ? observation.device_id
          : null,
      case_id:
        observation.case_id && repos.cases.get(tenant, observation.case_id)
          ? observation.case_id
          : null,
    };
  }
}
