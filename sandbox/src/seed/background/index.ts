// The everyday telemetry around the cases: which host speaks, when, and what it says.
import type { Host, World } from '../world';
import { DAY, HOUR, MINUTE, WINDOW_DAYS } from '../clock';
import type { RandomSource } from '../random';
import { chance, weighted } from '../random';
import type { Step } from '../story';
import type { NoiseContext } from './context';
import { linuxNoise, macNoise } from './unix';
import { windowsNoise } from './windows';

/** One everyday observation on `host` at `time`. */
export function everydayStep(world: World, rng: RandomSource, host: Host, time: number): Step {
  const c: NoiseContext = { world, rng, host, time };
  const os = host.device.os.type;
  const template =
    os === 'windows' ? windowsNoise(c) : os === 'macos' ? macNoise(c) : linuxNoise(c);
  return template(c);
}

/** How chatty a host is: domain controllers most, people's machines next, the plant least. */
function weightOf(host: Host): number {
  const base =
    host.spec.role === 'domain_controller'
      ? 4
      : host.spec.formFactor === 'server'
        ? 2.2
        : host.spec.role === 'hmi'
          ? 1.2
          : 3;
  return host.device.status === 'offline' ? base * 0.5 : base;
}

/** Users work office hours (UTC, near enough for London and the Midlands); servers never stop. */
function drawTime(rng: RandomSource, host: Host, reference: number, latest: number): number {
  const earliest = reference - WINDOW_DAYS * DAY;
  for (let attempt = 0; attempt < 20; attempt++) {
    let t = earliest + rng.next() * (latest - earliest);
    if (host.spec.formFactor !== 'server' && chance(rng, 0.75)) {
      const day = Math.floor(t / DAY) * DAY;
      t = day + rng.int(8, 17) * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59) * 1000;
    }
    if (t >= earliest && t <= latest) return Math.round(t);
  }
  return Math.round(latest - rng.next() * HOUR);
}

/** `count` everyday steps spread over the 14 days before `reference`. */
export function everydaySteps(world: World, rng: RandomSource, count: number): Step[] {
  const hosts = world.hosts;
  const options = hosts.map((h) => [h, weightOf(h)] as const);
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const host = weighted(rng, options);
    const latest = Date.parse(host.device.last_seen_at) - MINUTE;
    steps.push(everydayStep(world, rng, host, drawTime(rng, host, world.reference, latest)));
  }
  return steps;
}
