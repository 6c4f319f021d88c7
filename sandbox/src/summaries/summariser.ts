import {
  SEVERITY_RANK,
  type ActionTarget,
  iocProblem,
  type Case,
  type Device,
  type Observation,
  type Severity,
} from '@senseon/client';
import type { UserRecord } from '../db/users';

export const SUMMARY_MODEL = 'senseon-sandbox-summariser-1';

export interface SummaryInput {
  caseRecord: Case;
  observations: Observation[];
  devices: Device[];
  users: UserRecord[];
}

// A type alias, not an interface: only aliases fit the API objects' open index signature.
type RecommendedAction = {
  description: string;
  action_type:
    | 'isolate_device'
    | 'release_device'
    | 'disable_user'
    | 'enable_user'
    | 'add_ioc'
    | 'close_case'
    | null;
  target: ActionTarget | null;
};

export interface SummaryContent {
  text: string;
  severity_assessment: { severity: Severity; confidence: number; rationale: string };
  recommended_actions: RecommendedAction[];
}

const SEVERITIES: Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];
const RANSOMWARE = /ransom|encrypt|T1486|T1490/i;
const CREDENTIAL = /credential|password|brute|T1110|T1078|kerberos|mfa|token/i;

/**
 * A deterministic stand-in for the LLM: the same case data always gives the same summary.
 * It reads only the case's own data (its observations, devices and users), never anything
 * else, and proposes the actions a SOC playbook would.
 */
export function summariseCase(input: SummaryInput): SummaryContent {
  const { caseRecord, observations, devices, users } = input;
  const indicators = collectIndicators(observations);
  const sources = [...new Set(observations.map((o) => o.source))].sort();
  const highest = observations.reduce(
    (max, o) => Math.max(max, SEVERITY_RANK[o.severity]),
    SEVERITY_RANK[caseRecord.severity],
  );
  const mitreText = caseRecord.mitre.map((m) => `${m.technique_id} ${m.name}`).join('; ');
  const story = `${caseRecord.title} ${caseRecord.description} ${mitreText} ${observations
    .map((o) => o.title)
    .join(' ')}`;
  const ransomware = RANSOMWARE.test(story);
  const credentialAbuse = CREDENTIAL.test(story);
  const assessed = SEVERITIES[
    Math.min(4, highest + (ransomware && highest >= 3 ? 1 : 0))
  ] as Severity;

  const times = observations.map((o) => o.observed_at).sort();
  const deviceText = devices.length
    ? devices
        .map((d) => `${d.hostname} (${d.os.name}, ${d.criticality.replace('_', ' ')}, ${d.status})`)
        .join(', ')
    : 'no device';
  const lines = [
    `${capitalise(caseRecord.severity)} case "${caseRecord.title}" involving ${deviceText}.`,
    observations.length
      ? `${observations.length} observation(s) from ${sources.join(', ')} between ${times[0]} and ${times[times.length - 1]}.`
      : 'No observations are linked to the case yet.',
    mitreText ? `MITRE ATT&CK: ${mitreText}.` : '',
    indicators.hashes.length || indicators.ips.length || indicators.domains.length
      ? `Indicators: ${[...indicators.hashes.slice(0, 3), ...indicators.ips.slice(0, 3), ...indicators.domains.slice(0, 3)].join(', ')}.`
      : '',
    users.length ? `Users involved: ${users.map((u) => u.email).join(', ')}.` : '',
    ransomware
      ? 'The activity matches ransomware behaviour (file encryption or recovery inhibition).'
      : '',
    credentialAbuse ? 'The activity includes credential misuse.' : '',
  ].filter(Boolean);

  const recommended: RecommendedAction[] = [];
  const containable = devices.filter((d) => d.status === 'online');
  if (highest >= SEVERITY_RANK.high || ransomware) {
    for (const device of containable) {
      recommended.push({
        description: `Isolate ${device.hostname} to stop the spread while the case is investigated.`,
        action_type: 'isolate_device',
        target: { device_id: device.id },
      });
    }
  }
  for (const hash of indicators.hashes.slice(0, 2)) {
    recommended.push({
      description: `Add the ${hash.type} of the detected file to the IOC list.`,
      action_type: 'add_ioc',
      target: { ioc: hash },
    });
  }
  for (const ip of indicators.ips.slice(0, 1)) {
    recommended.push({
      description: `Block the remote address ${ip.value} seen in the case.`,
      action_type: 'add_ioc',
      target: { ioc: ip },
    });
  }
  if (credentialAbuse) {
    for (const user of users.filter((u) => u.status === 'active').slice(0, 1)) {
      recommended.push({
        description: `Disable ${user.email} until their credentials are reset.`,
        action_type: 'disable_user',
        target: { user_id: user.id },
      });
    }
  }
  if (highest <= SEVERITY_RANK.low && !ransomware) {
    recommended.push({
      description: 'Nothing here needs containment; close the case once reviewed.',
      action_type: 'close_case',
      target: {},
    });
  }
  recommended.push({
    description: 'Review the timeline and confirm the scope with the device owner.',
    action_type: null,
    target: null,
  });

  const confidence = Math.min(
    0.95,
    0.5 + Math.min(observations.length, 20) * 0.02 + (mitreText ? 0.05 : 0),
  );
  return {
    text: lines.join(' '),
    severity_assessment: {
      severity: assessed,
      confidence: Math.round(confidence * 100) / 100,
      rationale: `Highest observed severity ${SEVERITIES[highest]}${ransomware ? ', ransomware behaviour' : ''}${
        devices.some((d) => d.criticality === 'crown_jewel')
          ? ', a crown-jewel device is involved'
          : ''
      }; ${observations.length} observation(s) from ${sources.length} source(s).`,
    },
    recommended_actions: recommended,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Indicators {
  hashes: { type: 'sha256' | 'sha1' | 'md5'; value: string }[];
  ips: { type: 'ipv4'; value: string }[];
  domains: { type: 'domain'; value: string }[];
}

/** Hashes, remote IPs and domains found in the observations' OCSF events, in order of appearance. */
function collectIndicators(observations: Observation[]): Indicators {
  const hashes = new Map<string, Indicators['hashes'][number]>();
  const ips = new Map<string, Indicators['ips'][number]>();
  const domains = new Map<string, Indicators['domains'][number]>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const lower = value.toLowerCase();
      for (const type of ['sha256', 'sha1', 'md5'] as const) {
        if (iocProblem(type, lower) === null && !hashes.has(lower))
          hashes.set(lower, { type, value: lower });
      }
      if (
        /dst_endpoint|remote|destination/.test(path) &&
        iocProblem('ipv4', value) === null &&
        !isPrivate(value)
      ) {
        ips.set(value, { type: 'ipv4', value });
      }
      if (
        /domain|hostname|query/.test(path) &&
        /dst|query|dns|url/.test(path) &&
        iocProblem('domain', lower) === null
      ) {
        domains.set(lower, { type: 'domain', value: lower });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, path));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, `${path}.${key}`);
    }
  };
  for (const observation of observations) visit(observation.ocsf, 'ocsf');
  return { hashes: [...hashes.values()], ips: [...ips.values()], domains: [...domains.values()] };
}

function isPrivate(ip: string): boolean {
  return /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(ip);
}
