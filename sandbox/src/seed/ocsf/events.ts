// One builder per OCSF class the seed emits. Each takes the shared header and the facts of the
// event, fills the class's attributes, and collects the event's observables.
import type { Observation } from '@senseon/client';
import { mitreMapping, ocsfAttack, type Technique } from '../mitre';
import {
  AUTHENTICATION,
  DETECTION_FINDING,
  DNS_ACTIVITY,
  FILE_SYSTEM_ACTIVITY,
  NETWORK_ACTIVITY,
  PROCESS_ACTIVITY,
  type ActivityOf,
} from './classes';
import { buildEvent, toObservation, type EventHeader } from './envelope';
import {
  Observables,
  ocsfEndpoint,
  ocsfFile,
  ocsfProcess,
  ocsfUser,
  type Account,
  type EndpointInfo,
  type FileInfo,
  type OcsfObject,
  type ProcessInfo,
} from './objects';

const actorOf = (process: ProcessInfo): OcsfObject => ({
  process: ocsfProcess(process),
  user: ocsfUser(process.account),
});

export interface ProcessFacts {
  activity: ActivityOf<typeof PROCESS_ACTIVITY>;
  /** The process launched, opened or injected into. */
  process: ProcessInfo;
  /** Who did it; for a launch, the parent. */
  actor: ProcessInfo;
}

export function processActivity(header: EventHeader, facts: ProcessFacts): Observation {
  const observables = new Observables()
    .addProcess('process', facts.process)
    .add('commandLine', 'process.cmd_line', facts.process.cmdLine)
    .addProcess('actor.process', facts.actor);
  const ocsf = buildEvent(PROCESS_ACTIVITY, facts.activity, header, observables, {
    process: ocsfProcess(facts.process),
    actor: actorOf(facts.actor),
  });
  return toObservation(header, ocsf);
}

export interface FileFacts {
  activity: ActivityOf<typeof FILE_SYSTEM_ACTIVITY>;
  file: FileInfo;
  /** The file after a rename or an encryption. */
  result?: FileInfo;
  actor: ProcessInfo;
}

export function fileSystemActivity(header: EventHeader, facts: FileFacts): Observation {
  const observables = new Observables().addFile('file', facts.file);
  if (facts.result) observables.addFile('file_result', facts.result);
  observables.addProcess('actor.process', facts.actor);
  const ocsf = buildEvent(FILE_SYSTEM_ACTIVITY, facts.activity, header, observables, {
    file: ocsfFile(facts.file),
    ...(facts.result && { file_result: ocsfFile(facts.result) }),
    actor: actorOf(facts.actor),
  });
  return toObservation(header, ocsf);
}

const DIRECTION = { Inbound: 1, Outbound: 2, Lateral: 3 } as const;
const PROTOCOL_NUMBER = { tcp: 6, udp: 17 } as const;

export interface NetworkFacts {
  activity: ActivityOf<typeof NETWORK_ACTIVITY>;
  src: EndpointInfo;
  dst: EndpointInfo;
  direction: keyof typeof DIRECTION;
  protocol: keyof typeof PROTOCOL_NUMBER;
  bytesIn: number;
  bytesOut: number;
  /** The local process behind the connection, when the agent saw it. */
  process?: ProcessInfo;
  url?: string;
}

export function networkActivity(header: EventHeader, facts: NetworkFacts): Observation {
  const observables = new Observables()
    .addEndpoint('src_endpoint', facts.src)
    .addEndpoint('dst_endpoint', facts.dst);
  if (facts.process) observables.addProcess('actor.process', facts.process);
  if (facts.url) observables.add('url', 'url.url_string', facts.url);
  const packets = (bytes: number) => Math.max(1, Math.round(bytes / 900));
  const ocsf = buildEvent(NETWORK_ACTIVITY, facts.activity, header, observables, {
    src_endpoint: ocsfEndpoint(facts.src),
    dst_endpoint: ocsfEndpoint(facts.dst),
    connection_info: {
      direction_id: DIRECTION[facts.direction],
      direction: facts.direction,
      protocol_name: facts.protocol,
      protocol_num: PROTOCOL_NUMBER[facts.protocol],
    },
    traffic: {
      bytes_in: facts.bytesIn,
      bytes_out: facts.bytesOut,
      bytes: facts.bytesIn + facts.bytesOut,
      packets_in: packets(facts.bytesIn),
      packets_out: packets(facts.bytesOut),
      packets: packets(facts.bytesIn) + packets(facts.bytesOut),
    },
    ...(facts.process && { actor: actorOf(facts.process) }),
    ...(facts.url && { url: urlObject(facts.url) }),
  });
  return toObservation(header, ocsf);
}

function urlObject(url: string): OcsfObject {
  const parsed = new URL(url);
  return {
    url_string: url,
    scheme: parsed.protocol.replace(':', ''),
    hostname: parsed.hostname,
    path: parsed.pathname,
    ...(parsed.port !== '' && { port: Number(parsed.port) }),
  };
}

const RCODE = { NoError: 0, ServError: 2, NXDomain: 3 } as const;

export interface DnsFacts {
  src: EndpointInfo;
  resolver: EndpointInfo;
  hostname: string;
  type: 'A' | 'AAAA' | 'TXT' | 'SRV';
  rcode: keyof typeof RCODE;
  answers: readonly string[];
  ttl?: number;
  process?: ProcessInfo;
}

export function dnsActivity(header: EventHeader, facts: DnsFacts): Observation {
  const observables = new Observables()
    .add('hostname', 'query.hostname', facts.hostname)
    .addEndpoint('src_endpoint', facts.src);
  facts.answers.forEach((rdata, i) => {
    if (facts.type === 'A' || facts.type === 'AAAA')
      observables.add('ip', `answers[${i}].rdata`, rdata);
  });
  if (facts.process) observables.addProcess('actor.process', facts.process);
  const ocsf = buildEvent(DNS_ACTIVITY, 2, header, observables, {
    query: { hostname: facts.hostname, type: facts.type, class: 'IN' },
    answers: facts.answers.map((rdata) => ({
      rdata,
      type: facts.type,
      class: 'IN',
      ttl: facts.ttl ?? 300,
    })),
    rcode_id: RCODE[facts.rcode],
    rcode: facts.rcode,
    src_endpoint: ocsfEndpoint(facts.src),
    dst_endpoint: ocsfEndpoint({ ...facts.resolver, port: 53 }),
    ...(facts.process && { actor: actorOf(facts.process) }),
  });
  return toObservation(header, ocsf);
}

const LOGON_TYPE = {
  Interactive: 2,
  Network: 3,
  'Remote Interactive': 10,
  'Cached Interactive': 11,
  Unlock: 7,
} as const;

const AUTH_PROTOCOL = {
  NTLM: 1,
  Kerberos: 2,
  SAML: 5,
  'OAUTH 2.0': 6,
  Other: 99,
} as const;

export interface AuthenticationFacts {
  activity: ActivityOf<typeof AUTHENTICATION>;
  account: Account;
  success: boolean;
  logonType?: keyof typeof LOGON_TYPE;
  protocol: keyof typeof AUTH_PROTOCOL;
  /** The source-specific protocol name when `protocol` is `Other` (e.g. SSH public key). */
  protocolName?: string;
  src: EndpointInfo;
  dst?: EndpointInfo;
  service?: string;
  mfa?: boolean;
  remote: boolean;
  /** Failure code and reason, Windows-style (0xC000006A, INVALID_CREDENTIALS). */
  failure?: { code?: string; detail: string };
}

export function authentication(header: EventHeader, facts: AuthenticationFacts): Observation {
  const observables = new Observables()
    .addUser('user.name', facts.account)
    .addEndpoint('src_endpoint', facts.src);
  if (facts.dst) observables.addEndpoint('dst_endpoint', facts.dst);
  const ocsf = buildEvent(AUTHENTICATION, facts.activity, header, observables, {
    user: ocsfUser(facts.account),
    src_endpoint: ocsfEndpoint(facts.src),
    ...(facts.dst && { dst_endpoint: ocsfEndpoint(facts.dst) }),
    ...(facts.logonType && {
      logon_type_id: LOGON_TYPE[facts.logonType],
      logon_type: facts.logonType,
    }),
    auth_protocol_id: AUTH_PROTOCOL[facts.protocol],
    auth_protocol: facts.protocol === 'Other' ? (facts.protocolName ?? 'Other') : facts.protocol,
    is_mfa: facts.mfa ?? false,
    is_remote: facts.remote,
    status_id: facts.success ? 1 : 2,
    status: facts.success ? 'Success' : 'Failure',
    ...(facts.failure?.code !== undefined && { status_code: facts.failure.code }),
    ...(facts.failure && { status_detail: facts.failure.detail }),
    ...(facts.service && { service: { name: facts.service } }),
  });
  return toObservation(header, ocsf);
}

const ANALYTIC_TYPE = { Rule: 1, Behavioral: 2, Statistical: 3, 'Learning (ML/DL)': 4 } as const;
const CONFIDENCE = { Low: 1, Medium: 2, High: 3 } as const;

export interface FindingFacts {
  rule: { uid: string; name: string; type: keyof typeof ANALYTIC_TYPE };
  description: string;
  types: readonly string[];
  techniques: readonly Technique[];
  confidence: keyof typeof CONFIDENCE;
  firstSeen: number;
  dataSources: readonly string[];
  evidence: Evidence[];
}

/** One piece of evidence of a finding, with the observables it carries. */
export type Evidence =
  | { kind: 'process'; process: ProcessInfo }
  | { kind: 'file'; file: FileInfo }
  | { kind: 'connection'; src: EndpointInfo; dst: EndpointInfo }
  | { kind: 'query'; hostname: string }
  | { kind: 'user'; account: Account };

function evidenceObject(evidence: Evidence, observables: Observables, i: number): OcsfObject {
  const at = `evidences[${i}]`;
  switch (evidence.kind) {
    case 'process':
      observables.addProcess(`${at}.process`, evidence.process);
      observables.add('commandLine', `${at}.process.cmd_line`, evidence.process.cmdLine);
      return { process: ocsfProcess(evidence.process) };
    case 'file':
      observables.addFile(`${at}.file`, evidence.file);
      return { file: ocsfFile(evidence.file) };
    case 'connection':
      observables.addEndpoint(`${at}.dst_endpoint`, evidence.dst);
      return { src_endpoint: ocsfEndpoint(evidence.src), dst_endpoint: ocsfEndpoint(evidence.dst) };
    case 'query':
      observables.add('hostname', `${at}.query.hostname`, evidence.hostname);
      return { query: { hostname: evidence.hostname } };
    case 'user':
      observables.addUser(`${at}.user.name`, evidence.account);
      return { user: ocsfUser(evidence.account) };
  }
}

export function detectionFinding(header: EventHeader, facts: FindingFacts): Observation {
  const observables = new Observables();
  const evidences = facts.evidence.map((e, i) => evidenceObject(e, observables, i));
  const ocsf = buildEvent(DETECTION_FINDING, 1, header, observables, {
    finding_info: {
      uid: `fnd-${header.id.slice('obs_'.length)}`,
      title: header.title,
      desc: facts.description,
      types: [...facts.types],
      created_time: header.time,
      first_seen_time: facts.firstSeen,
      last_seen_time: header.time,
      analytic: {
        uid: facts.rule.uid,
        name: facts.rule.name,
        type_id: ANALYTIC_TYPE[facts.rule.type],
        type: facts.rule.type,
      },
      attacks: facts.techniques.map(ocsfAttack),
      data_sources: [...facts.dataSources],
    },
    confidence_id: CONFIDENCE[facts.confidence],
    confidence: facts.confidence,
    is_alert: true,
    status_id: 1,
    status: 'New',
    evidences,
  });
  const withRule = {
    ...ocsf,
    unmapped: {
      senseon: {
        ...(ocsf.unmapped?.senseon ?? {}),
        detection_rule: facts.rule.uid,
        mitre: facts.techniques.map(mitreMapping),
      },
    },
  };
  return toObservation(header, withRule);
}
