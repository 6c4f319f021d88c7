// The estate's everyday raw telemetry, made on demand: for any device and any hour, the same
// events every time (drawn from the seed, the device and the hour), so the sandbox stores none
// of it and starts as fast as before. Events are those the everyday observations are drawn
// from (the background templates), so telemetry and observations read as one estate.
import type { OcsfEvent } from '@senseon/client';
import { everydayStep } from './background';
import { buildWorld } from './generate';
import { HOUR } from './clock';
import { IdFactory } from './ids';
import { forkRandom } from './random';
import type { Host } from './world';

/** Fewest and most events a device reports in an hour; about 6 on average. */
export const EVENTS_PER_HOUR = { min: 2, max: 10 } as const;

/** A Detection Finding is SenseOn's conclusion, never an agent's raw event. */
const FINDING_CLASS = 2004;

export interface RawEvent {
  /** Milliseconds since the epoch. */
  time: number;
  /** Its index within the device's hour: with the device and the hour, its identity. */
  index: number;
  ocsf: OcsfEvent;
}

export interface EstateNoise {
  /** Whether the seed's estate has this device (devices added later have no background). */
  has(deviceId: string): boolean;
  /** The times of the device's events in hour `bucket` (ms / HOUR), oldest first: cheap. */
  timesIn(deviceId: string, bucket: number): number[];
  /** The device's events in hour `bucket`, oldest first. */
  eventsIn(deviceId: string, bucket: number): RawEvent[];
}

export function estateNoise(seed: number): EstateNoise {
  // The same id sequence as generateSeed, so the world's device ids are the seeded ones.
  const world = buildWorld(seed, new IdFactory(forkRandom(seed, 'ids')));
  const hosts = new Map<string, Host>(world.hosts.map((h) => [h.device.id, h]));

  const timesIn = (deviceId: string, bucket: number): number[] => {
    if (!hosts.has(deviceId)) return [];
    const rng = forkRandom(seed, `telemetry:${deviceId}:${bucket}`);
    const count = rng.int(EVENTS_PER_HOUR.min, EVENTS_PER_HOUR.max);
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(bucket * HOUR + rng.int(0, HOUR - 1));
    return times.sort((a, b) => a - b);
  };

  return {
    has: (deviceId) => hosts.has(deviceId),
    timesIn,
    eventsIn(deviceId, bucket) {
      const host = hosts.get(deviceId);
      if (!host) return [];
      return timesIn(deviceId, bucket).map((time, index) => {
        const rng = forkRandom(seed, `telemetry:${deviceId}:${bucket}:${index}`);
        // Templates sometimes make a finding; draw again (deterministically) for a raw event.
        for (let attempt = 0; ; attempt++) {
          const made = everydayStep(world, rng, host, time).make({
            id: 'obs_raw',
            time,
            caseId: null,
          });
          if (made.ocsf.class_uid !== FINDING_CLASS || attempt >= 20) {
            return { time, index, ocsf: made.ocsf };
          }
        }
      });
    },
  };
}
