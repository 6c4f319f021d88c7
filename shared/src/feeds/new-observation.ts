import { Observation } from '../schemas/observations';
import { summarizeObservation } from '../summaries';
import { afterFilter, FEED_PAGE_SIZE, type EventFeed } from './feed';

/** A new observation as a trigger item: the observation (its id dedupes) and a summary. */
export type NewObservationItem = Observation & { summary: string };

export const newObservationItem = (item: Observation): NewObservationItem => ({
  ...item,
  summary: summarizeObservation(item),
});

/**
 * Observations are ordered by when they were observed, and a sensor may deliver one a little
 * late; the lookback catches those (the poll's remembered keys keep them from coming twice).
 */
export const newObservationFeed: EventFeed<NewObservationItem> = {
  key: 'newObservation',
  label: 'New Observation',
  description: 'A new OCSF observation arrived.',
  events: ['observation.created'],
  zapier: { absent: "Zapier's app keeps SenseOn's published 3 triggers" },
  poll: {
    order: 'observed_at',
    lookbackMs: 10 * 60_000,
    async *since(client, sinceMs) {
      const list = client.observations.list({
        observed_after: afterFilter(sinceMs),
        limit: FEED_PAGE_SIZE,
      });
      for await (const item of list) yield newObservationItem(item);
    },
    async newest(client, limit) {
      const list = await client.observations.list({ limit }).collect({ limit });
      return list.map(newObservationItem);
    },
  },
  async fromEvent(event) {
    if (event.type !== 'observation.created') return null;
    return newObservationItem(Observation.parse(event.data));
  },
  dedupeKey: (item) => item.id,
  at: (item) => item.observed_at,
  summary: summarizeObservation,
};
