import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where webhooks and action callbacks may be sent. The SenseOn API refuses loopback as well;
 * the sandbox allows it by default because a receiver on the same machine is what it is for
 * (`--no-loopback-webhooks` turns that off).
 */
export interface UrlPolicy {
  allowLoopback: boolean;
}

/**
 * Never a receiver: link-local (where cloud metadata services live), unspecified, private,
 * shared (carrier NAT, where Alibaba's metadata lives), reserved and multicast addresses, and
 * the IPv6 prefixes that embed an IPv4 address a gateway would translate. BlockList matches
 * IPv4-mapped IPv6 (`::ffff:169.254.169.254`) against the IPv4 rules itself.
 */
const NEVER = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NEVER.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NEVER.addSubnet(network, prefix, 'ipv6');
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Names of cloud metadata services, refused whatever they resolve to. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

/** Why `address` (an IP address) may not receive deliveries, or null when it may. */
export function addressRefusal(address: string, policy: UrlPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return 'is not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (NEVER.check(address, type)) {
    return 'must not point at a link-local, metadata, unspecified, private or reserved address';
  }
  if (!policy.allowLoopback && LOOPBACK.check(address, type)) {
    return 'must not point at a loopback address (loopback webhooks are turned off)';
  }
  return null;
}

/**
 * Why `text` may not be a webhook or callback URL, or null when it may. `new URL` has already
 * turned every spelling of an IPv4 address (decimal `2852039166`, hex `0xa9fea9fe`, octal,
 * short `127.1`) into dotted form, so the address checks see one spelling.
 */
export function urlRefusal(text: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be http or https';
  if (url.username !== '' || url.password !== '') {
    return 'must not carry credentials (user:password@)';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === '') return 'must name a host';
  if (isIP(host) !== 0) return addressRefusal(host, policy);
  if (METADATA_HOSTS.has(host) || host.endsWith('.metadata.google.internal')) {
    return 'must not point at a cloud metadata service';
  }
  if (!policy.allowLoopback && (host === 'localhost' || host.endsWith('.localhost'))) {
    return 'must not point at a loopback address (loopback webhooks are turned off)';
  }
  return null;
}

/** The error a delivery fails with when its host resolves to a refused address. */
export const ADDRESS_NOT_ALLOWED = 'EADDRNOTALLOWED';

/**
 * A `lookup` for node:http that resolves the host and refuses the connection when any address
 * it resolves to is refused: checked at delivery time, on the addresses actually connected to,
 * so a name that changes its answer after the subscription was created cannot get through.
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      if (addresses.length === 0 || addresses.some((a) => addressRefusal(a.address, policy))) {
        const refused: NodeJS.ErrnoException = new Error('the address is not allowed');
        refused.code = ADDRESS_NOT_ALLOWED;
        callback(refused, '', 0);
        return;
      }
      if (options.all) {
        (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
      } else {
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      }
    });
  };
}
