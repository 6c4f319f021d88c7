// A scenario is one attack (or one benign oddity) told as telemetry: the devices it needs, what
// the SOC would call it, its ATT&CK mapping, and the storyline of observations that make it up.
import type { Case, Device, Severity } from '@senseon/client';
import type { Technique } from '../mitre';
import type { OrgKey } from '../organisations';
import type { RandomSource } from '../random';
import type { DeviceRole } from '../roster';
import type { Step } from '../story';
import type { Host, Person, Tenancy, World } from '../world';

/** One device the scenario needs: a named host, or any host of a role (and department). */
export type DevicePick =
  { hostname: string } | { role: DeviceRole; department?: string; os?: Device['os']['type'] };

export interface ScenarioContext {
  world: World;
  rng: RandomSource;
  tenancy: Tenancy;
  /** The picked devices, in the order of `Scenario.devices`. */
  hosts: Host[];
  /** When the storyline begins, ms since the epoch. */
  start: number;
}

export interface ScenarioOutcome {
  title: string;
  description: string;
  steps: Step[];
  /** The people the case is about (victims, suspects, owners of the devices). */
  people: Person[];
  /** People whose accounts the response already disabled (contained cases). */
  disabled?: Person[];
}

export interface Scenario {
  key: string;
  org: Exclude<OrgKey, 'mssp'>;
  severity: Severity;
  status: Case['status'];
  techniques: readonly Technique[];
  tags: readonly string[];
  devices: readonly DevicePick[];
  /** The storyline starts this many hours before the reference time (a range to draw from). */
  startsHoursAgo: readonly [number, number];
  /** The live simulator may replay it on any online device of this OS. */
  simulate?: { os: Device['os']['type'] };
  build(ctx: ScenarioContext): ScenarioOutcome;
}
