// OCSF objects (device, user, process, file, network endpoint, observable) built from the
// seed's own descriptions of them. Only attributes defined by the schema appear here.
import { OCSF_OS_TYPE, OPERATING_SYSTEMS } from '../operating-systems';
import type { Host } from '../world';

export type OcsfObject = Record<string, unknown>;

/** Someone or something that runs processes or logs on. */
export interface Account {
  name: string;
  uid?: string;
  domain?: string;
  fullName?: string;
  email?: string;
  kind: 'user' | 'admin' | 'system' | 'service';
}

const ACCOUNT_TYPE: Record<Account['kind'], { id: number; caption: string }> = {
  user: { id: 1, caption: 'User' },
  admin: { id: 2, caption: 'Admin' },
  system: { id: 3, caption: 'System' },
  service: { id: 4, caption: 'Service' },
};

export interface ProcessInfo {
  pid: number;
  /** The agent's unique process id (a GUID), stable across the process's events. */
  uid: string;
  name: string;
  path: string;
  cmdLine: string;
  sha256: string;
  account: Account;
  integrity?: 'Low' | 'Medium' | 'High' | 'System';
  startedAt: number;
  parent?: ProcessInfo;
}

export interface FileInfo {
  name: string;
  path: string;
  sha256?: string;
  size?: number;
}

export interface EndpointInfo {
  ip: string;
  port?: number;
  hostname?: string;
}

const INTEGRITY_ID = { Low: 2, Medium: 3, High: 4, System: 5 } as const;

const DEVICE_TYPE = {
  server: { id: 1, caption: 'Server' },
  desktop: { id: 2, caption: 'Desktop' },
  laptop: { id: 3, caption: 'Laptop' },
} as const;

export function ocsfUser(account: Account): OcsfObject {
  const kind = ACCOUNT_TYPE[account.kind];
  return {
    name: account.name,
    ...(account.uid !== undefined && { uid: account.uid }),
    ...(account.domain !== undefined && { domain: account.domain }),
    ...(account.fullName !== undefined && { full_name: account.fullName }),
    ...(account.email !== undefined && { email_addr: account.email }),
    type_id: kind.id,
    type: kind.caption,
  };
}

export function ocsfOs(host: Host): OcsfObject {
  const os = OPERATING_SYSTEMS[host.osKey];
  const type = OCSF_OS_TYPE[os.type];
  return {
    name: host.device.os.name,
    type_id: type.id,
    type: type.caption,
    version: host.device.os.version,
    ...(os.kernel !== undefined && { kernel_release: os.kernel }),
  };
}

export function ocsfDevice(host: Host): OcsfObject {
  const { device, spec, tenancy, owner } = host;
  const type = DEVICE_TYPE[spec.formFactor];
  return {
    uid: device.id,
    hostname: device.hostname,
    name: device.hostname,
    type_id: type.id,
    type: type.caption,
    ...(device.ip_addresses[0] !== undefined && { ip: device.ip_addresses[0] }),
    ...(device.mac !== null && { mac: device.mac }),
    ...(device.os.type === 'windows' && { domain: tenancy.org.dnsDomain }),
    os: ocsfOs(host),
    is_managed: true,
    ...(owner && {
      owner: ocsfUser({
        name: owner.username,
        uid: owner.sid,
        fullName: owner.user.name,
        email: owner.user.email,
        kind: 'user',
      }),
    }),
  };
}

export function ocsfFile(file: FileInfo): OcsfObject {
  return {
    name: file.name,
    path: file.path,
    type_id: 1,
    type: 'Regular File',
    ...(file.size !== undefined && { size: file.size }),
    ...(file.sha256 !== undefined && {
      hashes: [{ algorithm_id: 3, algorithm: 'SHA-256', value: file.sha256 }],
    }),
  };
}

export function ocsfProcess(process: ProcessInfo, ancestors = 1): OcsfObject {
  return {
    pid: process.pid,
    uid: process.uid,
    name: process.name,
    cmd_line: process.cmdLine,
    created_time: process.startedAt,
    file: ocsfFile({ name: process.name, path: process.path, sha256: process.sha256 }),
    user: ocsfUser(process.account),
    ...(process.integrity !== undefined && {
      integrity_id: INTEGRITY_ID[process.integrity],
      integrity: process.integrity,
    }),
    ...(process.parent &&
      ancestors > 0 && { parent_process: ocsfProcess(process.parent, ancestors - 1) }),
  };
}

export function ocsfEndpoint(endpoint: EndpointInfo): OcsfObject {
  return {
    ip: endpoint.ip,
    ...(endpoint.port !== undefined && { port: endpoint.port }),
    ...(endpoint.hostname !== undefined && { hostname: endpoint.hostname }),
  };
}

/** OCSF observable type ids, from the `observable` numbers of the schema's types. */
export const OBSERVABLE_TYPE = {
  hostname: { id: 1, caption: 'Hostname' },
  ip: { id: 2, caption: 'IP Address' },
  username: { id: 4, caption: 'User Name' },
  url: { id: 6, caption: 'URL String' },
  fileName: { id: 7, caption: 'File Name' },
  hash: { id: 8, caption: 'Hash' },
  processName: { id: 9, caption: 'Process Name' },
  commandLine: { id: 13, caption: 'Command Line' },
} as const;

export type ObservableKind = keyof typeof OBSERVABLE_TYPE;

/**
 * The event's indicators (IPs, domains, hashes, user names…) in one list: the OCSF place for
 * them, and what the sandbox's `entity` filter can match on.
 */
export class Observables {
  private readonly items: OcsfObject[] = [];
  private readonly seen = new Set<string>();

  add(kind: ObservableKind, name: string, value: string | number | undefined): this {
    if (value === undefined || value === '') return this;
    const key = `${name}\u0000${String(value)}`;
    if (this.seen.has(key)) return this;
    this.seen.add(key);
    const type = OBSERVABLE_TYPE[kind];
    this.items.push({ name, type_id: type.id, type: type.caption, value: String(value) });
    return this;
  }

  addUser(name: string, account: Account): this {
    return this.add('username', name, account.name);
  }

  addProcess(name: string, process: ProcessInfo): this {
    return this.add('processName', `${name}.name`, process.name)
      .add('hash', `${name}.file.hashes[0].value`, process.sha256)
      .add('username', `${name}.user.name`, process.account.name);
  }

  addFile(name: string, file: FileInfo): this {
    return this.add('fileName', `${name}.name`, file.name).add(
      'hash',
      `${name}.hashes[0].value`,
      file.sha256,
    );
  }

  addEndpoint(name: string, endpoint: EndpointInfo): this {
    return this.add('ip', `${name}.ip`, endpoint.ip).add(
      'hostname',
      `${name}.hostname`,
      endpoint.hostname,
    );
  }

  list(): OcsfObject[] {
    return [...this.items];
  }
}
