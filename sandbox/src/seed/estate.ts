// Settles each device's state once the cases are known: which machines are offline and since
// when, when the rest last checked in, and risk scores that reflect what happened to them.
import type { Case, Device, Severity } from '@senseon/client';
import { DAY, iso } from './clock';
import { sample, type RandomSource } from './random';
import type { Host, World } from './world';

const OFFLINE_DEVICES = 5;

const BASE_RISK: Record<Device['criticality'], readonly [number, number]> = {
  crown_jewel: [18, 32],
  high: [12, 28],
  medium: [6, 24],
  low: [2, 14],
};

const CASE_RISK: Record<Severity, readonly [number, number]> = {
  critical: [86, 97],
  high: [68, 84],
  medium: [45, 62],
  low: [28, 40],
  informational: [0, 0],
};

const CLOSED = new Set<Case['status']>(['resolved', 'closed', 'false_positive']);

export function settleEstate(world: World, rng: RandomSource, cases: readonly Case[]): void {
  const inCases = new Set(cases.flatMap((c) => c.device_ids));
  // Laptops and desktops drop off (travel, leave, a dead battery); servers stay up.
  const candidates = world.hosts.filter(
    (h) => h.spec.formFactor !== 'server' && h.spec.role !== 'hmi' && !inCases.has(h.device.id),
  );
  const offline = new Set<Host>(sample(rng, candidates, OFFLINE_DEVICES));
  for (const host of world.hosts) {
    const { device } = host;
    if (offline.has(host)) {
      device.status = 'offline';
      device.last_seen_at = iso(world.reference - rng.int(2 * DAY, 9 * DAY));
    } else {
      device.status = 'online';
      device.last_seen_at = iso(world.reference - rng.int(5, 240) * 1000);
    }
    device.risk_score = riskOf(rng, device, cases);
  }
}

function riskOf(rng: RandomSource, device: Device, cases: readonly Case[]): number {
  const [low, high] = BASE_RISK[device.criticality];
  let risk = rng.int(low, high);
  for (const item of cases) {
    if (!item.device_ids.includes(device.id)) continue;
    const [min, max] = CASE_RISK[item.severity];
    const fromCase = CLOSED.has(item.status)
      ? Math.round(rng.int(min, max) / 2)
      : rng.int(min, max);
    risk = Math.max(risk, fromCase);
  }
  return Math.min(100, risk);
}
