import { SenseOnError } from '../../errors/senseon-error';
import type { Hunt } from '../../schemas/telemetry';
import { F } from '../fields';
import { HF } from '../hunt-fields';
import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';
import { summarizeHunt, summarizeTelemetryEvent } from '../telemetry/say';

/** Comma-separated device ids, or undefined for every device. */
export function deviceList(text: string | undefined): string[] | undefined {
  const ids = (text ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length > 0 ? ids : undefined;
}

/** A hunt that ended without results to give: failed, or timed out (the 504 meaning). */
export function huntFailure(hunt: Hunt): SenseOnError {
  return new SenseOnError(
    `Hunt ${hunt.id} ${hunt.status === 'timed_out' ? 'timed out' : 'failed'}: ${hunt.error?.message ?? 'no reason given'}`,
    {
      code: hunt.error?.code ?? 'HUNT_FAILED',
      details: { hunt_id: hunt.id, status: hunt.status },
      advice:
        hunt.status === 'timed_out'
          ? 'Narrow the hunt: a shorter time range, fewer devices, or more specific conditions.'
          : 'Run the hunt again.',
    },
  );
}

export const runHunt = defineOperation({
  key: 'hunt.run',
  version: 1,
  label: 'Run Hunt and Wait for Results',
  description:
    'Hunt raw telemetry with a query (e.g. query.hostname contains ".ru" AND NOT actor.user.name in ("svc_backup")) and wait, up to a limit, for the matching events. If the hunt is still running then, it hands back the hunt id and status instead.',
  fields: [
    HF.huntQuery,
    HF.rangeAfter,
    HF.rangeBefore,
    HF.huntDevices,
    HF.huntWait,
    { ...F.limit, help: 'The most matching events to return.' },
  ],
  zapier: {
    absent: `${ZAPIER_HAS_13}; a hunt scans telemetry for longer than Zapier's 30-second step allows`,
  },
  n8n: { resource: 'hunt', operation: 'run' },
  async run(client, input, ctx) {
    const hunt = await client.hunts.createAndWait(
      {
        query: input.query,
        observed_after: input.observed_after,
        observed_before: input.observed_before,
        device_ids: deviceList(input.device_ids),
      },
      { timeoutMs: Math.max(0, input.wait_seconds) * 1000 },
    );
    if (hunt.status === 'failed' || hunt.status === 'timed_out') throw huntFailure(hunt);
    if (hunt.status !== 'done') return withSummary(hunt, summarizeHunt(hunt));
    const events = await client.hunts
      .results(hunt.id, { limit: listPageSize(input.limit, ctx) })
      .collect({ limit: listLimit(input.limit, ctx) });
    return events.map((e) => withSummary({ ...e, hunt_id: hunt.id }, summarizeTelemetryEvent(e)));
  },
});
