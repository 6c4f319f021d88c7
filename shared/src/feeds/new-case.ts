import { Case } from '../schemas/cases';
import { summarizeCase } from '../summaries';
import { afterFilter, FEED_PAGE_SIZE, type EventFeed } from './feed';

/** A new case as a trigger item: the case itself (its id dedupes) and a summary. */
export type NewCaseItem = Case & { summary: string };

export const newCaseItem = (item: Case): NewCaseItem => ({ ...item, summary: summarizeCase(item) });

export const newCaseFeed: EventFeed<NewCaseItem> = {
  key: 'newCase',
  label: 'New Case',
  description: 'A new case was opened.',
  events: ['case.created'],
  zapier: { key: 'new_case' },
  poll: {
    order: 'created_at',
    lookbackMs: 0,
    async *since(client, sinceMs) {
      const cases = client.cases.list({
        created_after: afterFilter(sinceMs),
        sort: 'created_at',
        limit: FEED_PAGE_SIZE,
      });
      for await (const item of cases) yield newCaseItem(item);
    },
    async newest(client, limit) {
      const cases = await client.cases.list({ sort: '-created_at', limit }).collect({ limit });
      return cases.map(newCaseItem);
    },
  },
  async fromEvent(event) {
    if (event.type !== 'case.created') return null;
    return newCaseItem(Case.parse(event.data));
  },
  dedupeKey: (item) => item.id,
  at: (item) => item.created_at,
  summary: summarizeCase,
};
