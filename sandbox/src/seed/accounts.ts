// The accounts that appear in telemetry: people's directory accounts, their local accounts on
// Macs and Linux servers, admin accounts, service accounts and the OS's own.
import type { Account } from './ocsf/objects';
import type { Host, Person, Tenancy } from './world';

export function domainAccount(person: Person): Account {
  return {
    name: person.username,
    uid: person.sid,
    domain: person.tenancy.org.netbios,
    fullName: person.user.name,
    email: person.user.email,
    kind: 'user',
  };
}

/** IT staff administer from a separate, privileged account (`adm-first.last`). */
export function adminAccount(person: Person): Account {
  return {
    name: `adm-${person.username}`,
    uid: `${person.sid}9`,
    domain: person.tenancy.org.netbios,
    fullName: `${person.user.name} (admin)`,
    kind: 'admin',
  };
}

export function serviceAccount(tenancy: Tenancy, name: string, rid: number): Account {
  return { name, uid: `${tenancy.domainSid}-${rid}`, domain: tenancy.org.netbios, kind: 'service' };
}

/** How the person appears on the host: a domain account on Windows, a local one elsewhere. */
export function accountOn(host: Host, person: Person): Account {
  if (host.device.os.type === 'windows') return domainAccount(person);
  return {
    name: person.username,
    uid: host.device.os.type === 'macos' ? '501' : String(1000 + (person.sid.length % 7)),
    fullName: person.user.name,
    kind: 'user',
  };
}

export function systemAccount(host: Host): Account {
  return host.device.os.type === 'windows'
    ? { name: 'SYSTEM', uid: 'S-1-5-18', domain: 'NT AUTHORITY', kind: 'system' }
    : { name: 'root', uid: '0', kind: 'system' };
}

export const WEB_SERVER_ACCOUNT: Account = { name: 'www-data', uid: '33', kind: 'service' };
