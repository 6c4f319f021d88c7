// The public shapes of the seed, as the sandbox server consumes them.
import type { Case, Device, Observation } from '@senseon/client';

export interface SeedTenant {
  id: string /* ten_… */;
  name: string;
  /** True for the MSSP's own tenant: its keys may act for the others; it holds no devices. */
  mssp: boolean;
}

export interface SeedUser {
  id: string /* usr_… */;
  tenant_id: string;
  name: string;
  email: string;
  department: string;
  status: 'active' | 'disabled';
}

export interface SeedData {
  tenants: SeedTenant[];
  users: SeedUser[];
  devices: Device[];
  observations: Observation[];
  cases: Case[];
}

export interface SimulatorState {
  tenants: SeedTenant[];
  devices: Device[];
  cases: Case[];
}

export interface Simulator {
  nextObservation(now: Date): Observation;
  maybeNextCase(now: Date): Case | null;
}
