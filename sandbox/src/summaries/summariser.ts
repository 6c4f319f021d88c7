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
        .map(
          (d) =>
            `${d.hostname} (${d.os.name}, ${d.criticality === 'crown_jewel' ? 'a crown jewel' : `${d.criticality} criticality`}, ${d.status})`,
        )
        .join(', ')
    : 'no device';
  const lines = [
    `${capitalise(caseRecord.severity)} case "${caseRecord.title}" involving ${deviceText}.`,
    observations.length
      ? `${observations.length} observation(s) from ${sources.join(', ')} between ${times[0]} and ${times[times.length - 1]}.`
      : 'No observations are linked to the case yet.',
    mitreText ? `MITRE ATT&CK: ${mitreText}.` : '',
    indicators.hashes.length || indicators.ips.length || indicators.domains.length
      ? `Indicators: ${[
          ...indicators.hashes
            .slice(0, 3)
            .map((h) => `${h.file ?? h.type} ${h.value.slice(0, 12)}…`),
          ...indicators.ips.slice(0, 3).map((i) => i.value),
          ...indicators.domains.slice(0, 3).map((d) => d.value),
        ].join(', ')}.`
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
    const what = hash.file ? `${hash.file}` : 'the detected file';
    recommended.push({
      description: `Add ${what} to the IOC list by its ${hash.type} (${hash.value.slice(0, 12)}…), so every sensor blocks it.`,
      action_type: 'add_ioc',
      target: { ioc: { type: hash.type, value: hash.value } },
    });
  }
  for (const ip of indicators.ips.slice(0, 1)) {
    recommended.push({
      description: `Block the remote address ${ip.value} the case talked to.`,
      action_type: 'add_ioc',
      target: { ioc: ip },
    });
  }
  for (const domain of indicators.domains.slice(0, 1)) {
    recommended.push({
      description: `Block the domain ${domain.value}.`,
      action_type: 'add_ioc',
      target: { ioc: domain },
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

interface HashIndicator {
  type: 'sha256' | 'sha1' | 'md5';
  value: string;
  /** The file's name, when the evidence gives it. */
  file: string | null;
}

interface Indicators {
  hashes: HashIndicator[];
  ips: { type: 'ipv4'; value: string }[];
  domains: { type: 'domain'; value: string }[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const HASH_TYPE_BY_LENGTH: Record<number, HashIndicator['type']> = {
  64: 'sha256',
  40: 'sha1',
  32: 'md5',
};

/**
 * The indicators worth blocking: what the detections name as evidence (the malicious process's
 * file, a dropped file, the remote end it talked to, the domain it looked up), in order of
 * appearance. Everyday processes around them (Word, PsExec's service) are never proposed.
 * Without a detection finding, the observed files and remote addresses stand in.
 */
function collectIndicators(observations: Observation[]): Indicators {
  const hashes = new Map<string, HashIndicator>();
  const ips = new Map<string, Indicators['ips'][number]>();
  const domains = new Map<string, Indicators['domains'][number]>();
  const internalSuffixes = new Set<string>();

  const addFile = (file: unknown) => {
    if (!isObject(file) || !Array.isArray(file.hashes) || isSystemBinary(file)) return;
    for (const hash of file.hashes) {
      const value =
        isObject(hash) && typeof hash.value === 'string' ? hash.value.toLowerCase() : '';
      const type = HASH_TYPE_BY_LENGTH[value.length];
      if (type && iocProblem(type, value) === null && !hashes.has(value)) {
        hashes.set(value, { type, value, file: typeof file.name === 'string' ? file.name : null });
      }
    }
  };
  const addIp = (endpoint: unknown) => {
    const ip = isObject(endpoint) ? endpoint.ip : undefined;
    if (typeof ip === 'string' && iocProblem('ipv4', ip) === null && !isPrivate(ip)) {
      ips.set(ip, { type: 'ipv4', value: ip });
    }
  };
  const addDomain = (name: unknown) => {
    if (typeof name !== 'string') return;
    const domain = name.toLowerCase();
    if (iocProblem('domain', domain) === null)
      domains.set(domain, { type: 'domain', value: domain });
  };

  const findings = observations.filter((o) => o.ocsf.class_uid === 2004);
  for (const observation of observations) {
    const device = (observation.ocsf as Json).device;
    if (isObject(device) && typeof device.domain === 'string') {
      internalSuffixes.add(device.domain.toLowerCase());
    }
  }
  for (const finding of findings) {
    const evidences = (finding.ocsf as Json).evidences;
    for (const evidence of Array.isArray(evidences) ? evidences : []) {
      if (!isObject(evidence)) continue;
      if (isObject(evidence.process)) addFile(evidence.process.file);
      addFile(evidence.file);
      addIp(evidence.dst_endpoint);
      if (isObject(evidence.dst_endpoint)) addDomain(evidence.dst_endpoint.hostname);
      if (isObject(evidence.query)) addDomain(evidence.query.hostname);
    }
  }
  if (findings.length === 0) {
    for (const observation of observations) {
      const ocsf = observation.ocsf as Json;
      addFile(ocsf.file);
      addIp(ocsf.dst_endpoint);
    }
  }
  const external = [...domains.values()].filter(
    (d) =>
      ![...internalSuffixes].some((suffix) => d.value === suffix || d.value.endsWith(`.${suffix}`)),
  );
  return { hashes: [...hashes.values()], ips: [...ips.values()], domains: external };
}

/** Where operating systems and vendors install their own programs. */
const SYSTEM_PATHS =
  /^(c:\\windows\\|c:\\program files|\/usr\/|\/bin\/|\/sbin\/|\/system\/|\/applications\/)/i;
/** Tools attackers borrow ("living off the land"): blocking them would break the estate. */
const LOLBINS = new Set([
  'powershell.exe',
  'pwsh.exe',
  'cmd.exe',
  'rundll32.exe',
  'regsvr32.exe',
  'mshta.exe',
  'wscript.exe',
  'cscript.exe',
  'vssadmin.exe',
  'wmic.exe',
  'certutil.exe',
  'bitsadmin.exe',
  'schtasks.exe',
  'net.exe',
  'net1.exe',
  'psexec.exe',
  'psexesvc.exe',
  'msiexec.exe',
  'winword.exe',
  'excel.exe',
  'outlook.exe',
  'sh',
  'bash',
  'zsh',
  'dash',
  'python',
  'python3',
  'perl',
  'curl',
  'wget',
  'osascript',
]);

function isSystemBinary(file: Json): boolean {
  const name = typeof file.name === 'string' ? file.name.toLowerCase() : '';
  const path = typeof file.path === 'string' ? file.path : '';
  return LOLBINS.has(name) || SYSTEM_PATHS.test(path);
}

function isPrivate(ip: string): boolean {
  return /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(ip);
}
