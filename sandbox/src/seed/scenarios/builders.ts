// Shorthands that turn facts into the event builders a Story step takes.
import {
  authentication,
  detectionFinding,
  dnsActivity,
  fileSystemActivity,
  networkActivity,
  processActivity,
  type AuthenticationFacts,
  type DnsFacts,
  type FileFacts,
  type FindingFacts,
  type NetworkFacts,
} from '../ocsf/events';
import type { ProcessInfo } from '../ocsf/objects';
import type { EventBuilder, EventMeta } from '../story';
import type { Severity } from '@senseon/client';
import type { Host } from '../world';

export const meta = (
  source: EventMeta['source'],
  severity: Severity,
  title: string,
  message = `${title}.`,
  senseon?: Record<string, unknown>,
): EventMeta => ({ source, severity, title, message, ...(senseon && { senseon }) });

/** A process start, seen from its parent. */
export const launched =
  (process: ProcessInfo): EventBuilder =>
  (h) =>
    processActivity(h, { activity: 1, process, actor: process.parent ?? process });

/** `actor` opened a handle to `target` (credential theft reads lsass this way). */
export const opened =
  (target: ProcessInfo, actor: ProcessInfo): EventBuilder =>
  (h) =>
    processActivity(h, { activity: 3, process: target, actor });

export const fileEvent =
  (facts: FileFacts): EventBuilder =>
  (h) =>
    fileSystemActivity(h, facts);

export const connection =
  (facts: NetworkFacts): EventBuilder =>
  (h) =>
    networkActivity(h, facts);

export const lookup =
  (facts: DnsFacts): EventBuilder =>
  (h) =>
    dnsActivity(h, facts);

export const logon =
  (facts: AuthenticationFacts): EventBuilder =>
  (h) =>
    authentication(h, facts);

export const finding =
  (facts: FindingFacts): EventBuilder =>
  (h) =>
    detectionFinding(h, facts);

export function hostAt(hosts: readonly Host[], index: number): Host {
  const host = hosts[index];
  if (!host) throw new Error(`scenario: needs device #${index + 1}`);
  return host;
}
