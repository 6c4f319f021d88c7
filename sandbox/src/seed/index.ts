// The sandbox's seed data and live simulation: a pure module (no I/O, no wall clock). The
// server fills its database with generateSeed(seed) and, with --simulate, keeps it lively with
// createSimulator(seed, state).
export type { SeedData, SeedTenant, SeedUser, Simulator, SimulatorState } from './types';
export { generateSeed, OBSERVATION_COUNT } from './generate';
export { createSimulator } from './simulator';
export { randomSource, type RandomSource } from './random';
export { referenceTime } from './clock';
export { OCSF_VERSION } from './ocsf/classes';
export { FLAGSHIP_HOSTNAME } from './scenarios';
export { estateNoise, EVENTS_PER_HOUR, type EstateNoise, type RawEvent } from './telemetry';
