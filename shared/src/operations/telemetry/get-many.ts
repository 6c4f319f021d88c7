import { defineOperation, listLimit, listPageSize, withSummary, ZAPIER_HAS_13 } from '../operation';
import { F } from '../fields';
import { EVENT_CLASSES, HF } from '../hunt-fields';
import { summarizeTelemetryEvent } from './say';

export const getManyTelemetryEvents = defineOperation({
  key: 'telemetry.getMany',
  version: 1,
  label: 'Get Many Telemetry Events',
  description:
    'List raw, unenriched OCSF events (process, network, file, DNS, authentication) in a time range of at most 7 days, newest first, by device, class and a field match.',
  fields: [
    HF.rangeAfter,
    HF.rangeBefore,
    HF.telemetryDevice,
    HF.eventClass,
    HF.matchField,
    HF.matchValue,
    F.limit,
  ],
  zapier: {
    absent: `${ZAPIER_HAS_13}; raw telemetry is thousands of events an hour, more than a Zap step can carry, so it is n8n's`,
  },
  n8n: { resource: 'telemetry', operation: 'getMany' },
  async run(client, input, ctx) {
    const events = await client.telemetry
      .list({
        observed_after: input.observed_after,
        observed_before: input.observed_before,
        device_id: input.device_id,
        class_uid: input.event_class ? EVENT_CLASSES[input.event_class] : undefined,
        field: input.field,
        value: input.value,
        limit: listPageSize(input.limit, ctx),
      })
      .collect({ limit: listLimit(input.limit, ctx) });
    return events.map((e) => withSummary(e, summarizeTelemetryEvent(e)));
  },
});
