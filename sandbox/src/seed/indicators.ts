// Indicators of compromise and the benign internet the estates talk to. Attacker addresses come
// from the documentation ranges (RFC 5737) and attacker domains are random strings, so the data
// never accuses a real host; benign destinations are the well-known SaaS a SOC sees every day.
import { chance, hex, lowerAlphanumeric, type RandomSource } from './random';

export interface Indicators {
  /** C2 servers of the campaign that touches both customers (MSSP-wide hunts find both). */
  c2Ips: readonly string[];
  c2Domains: readonly string[];
  /** Addresses that spray passwords and scan exposed services. */
  attackerIps: readonly string[];
  /** Where stolen data goes (rclone, uploads). */
  exfilIps: readonly string[];
}

const DOCUMENTATION_RANGES = ['192.0.2', '198.51.100', '203.0.113'] as const;

export function externalAttackerIp(rng: RandomSource): string {
  return `${rng.pick(DOCUMENTATION_RANGES)}.${rng.int(2, 254)}`;
}

function distinctIps(rng: RandomSource, count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(externalAttackerIp(rng));
  return [...out];
}

const C2_WORDS = ['cdn', 'sync', 'update', 'telemetry', 'static', 'assets', 'edge', 'metrics'];
const SHADY_TLDS = ['xyz', 'top', 'info', 'biz', 'online', 'site'];

export function c2Domain(rng: RandomSource): string {
  return `${rng.pick(C2_WORDS)}-${lowerAlphanumeric(rng, 6)}.${rng.pick(SHADY_TLDS)}`;
}

/** A domain as a domain-generation algorithm makes them: long, random, consonant-heavy. */
export function dgaDomain(rng: RandomSource): string {
  const consonants = 'bcdfghjklmnpqrstvwxz';
  const vowels = 'aeiou';
  let label = '';
  const length = rng.int(11, 18);
  for (let i = 0; i < length; i++) {
    label += chance(rng, 0.82)
      ? consonants[rng.int(0, consonants.length - 1)]
      : chance(rng, 0.5)
        ? vowels[rng.int(0, vowels.length - 1)]
        : String(rng.int(0, 9));
  }
  return `${label}.${rng.pick(SHADY_TLDS)}`;
}

export const sha256 = (rng: RandomSource): string => hex(rng, 64);
export const sha1 = (rng: RandomSource): string => hex(rng, 40);
export const md5 = (rng: RandomSource): string => hex(rng, 32);

export function createIndicators(rng: RandomSource): Indicators {
  const ips = distinctIps(rng, 12);
  return {
    c2Ips: ips.slice(0, 4),
    attackerIps: ips.slice(4, 9),
    exfilIps: ips.slice(9, 12),
    c2Domains: [c2Domain(rng), c2Domain(rng), c2Domain(rng)],
  };
}

export interface Destination {
  domain: string;
  /** Three octets of the provider's range; the host octet is drawn. */
  net: string;
  port: number;
  /** Which machines would talk to it. */
  os: ReadonlyArray<'windows' | 'macos' | 'linux'>;
}

export const BENIGN_DESTINATIONS: readonly Destination[] = [
  { domain: 'login.microsoftonline.com', net: '20.190.151', port: 443, os: ['windows', 'macos'] },
  { domain: 'outlook.office365.com', net: '52.97.146', port: 443, os: ['windows', 'macos'] },
  { domain: 'teams.microsoft.com', net: '52.113.194', port: 443, os: ['windows', 'macos'] },
  { domain: 'graph.microsoft.com', net: '20.190.160', port: 443, os: ['windows', 'macos'] },
  { domain: 'ctldl.windowsupdate.com', net: '13.107.4', port: 80, os: ['windows'] },
  { domain: 'settings-win.data.microsoft.com', net: '20.42.65', port: 443, os: ['windows'] },
  { domain: 'www.google.com', net: '142.250.187', port: 443, os: ['windows', 'macos', 'linux'] },
  { domain: 'update.googleapis.com', net: '142.250.179', port: 443, os: ['windows', 'macos'] },
  { domain: 'zoom.us', net: '170.114.52', port: 443, os: ['windows', 'macos'] },
  { domain: 'swscan.apple.com', net: '17.253.27', port: 443, os: ['macos'] },
  { domain: 'github.com', net: '140.82.121', port: 443, os: ['macos', 'linux'] },
  { domain: 'archive.ubuntu.com', net: '185.125.190', port: 80, os: ['linux'] },
  { domain: 'security.ubuntu.com', net: '185.125.190', port: 80, os: ['linux'] },
  { domain: 'registry.npmjs.org', net: '104.16.27', port: 443, os: ['linux', 'macos'] },
];
