/**
 * How an API value reads in a dropdown, the same in both connectors: `pending_approval` →
 * `Pending Approval`, `sha256` → `SHA-256`. The value sent to the API never changes; only what
 * the user reads does, so one spelling here keeps Zapier and n8n from drifting apart.
 */

/** Words that title-casing would spell wrong. */
const DISPLAY_WORDS: Record<string, string> = {
  ai: 'AI',
  ioc: 'IOC',
  ip: 'IP',
  ipv4: 'IPv4',
  ipv6: 'IPv6',
  macos: 'macOS',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  url: 'URL',
};

export function optionLabel(value: string): string {
  return value
    .split('_')
    .map((word) => DISPLAY_WORDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
