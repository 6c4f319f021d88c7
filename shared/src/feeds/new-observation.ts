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
 * Read in the order the API stored observations (`ingested_at`), not by when they were
 * observed: an agent that was offline uploads hours late, and such an observation still comes
 * after everything a poll has read. The id breaks ties within one millisecond.
 */
export const newObservationFeed: EventFeed<NewObservationItem> = {
  key: 'newObservation',
  label: 'New Observation',
  description: 'A new OCSF observation arrived.',
  events: ['observation.created'],
  zapier: { absent: "Zapier's app keeps SenseOn's published 3 triggers" },
  poll: {
    order: 'ingested_at',
    lookbackMs: 0,
    async *since(client, sinceMs) {
      const list = client.observations.list({
        ingested_after: afterFilter(sinceMs),
        sort: 'ingested_at',
        limit: FEED_PAGE_SIZE,
      });
      for await (const item of list) yield newObservationItem(item);
    },
    async newest(client, limit) {
      const list = await client.observations
        .list({ sort: '-ingested_at', limit })
        .collect({ limit });
      return list.map(newObservationItem);
    },
  },
  async fromEvent(event) {
    if (event.type !== 'observation.created') return null;
    return newObservationItem(Observation.parse(event.data));
  },
  dedupeKey: (item) => item.id,
  at: (item) => item.ingested_at,
  summary: summarizeObservation,
};
