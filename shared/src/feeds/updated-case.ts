import { Case, Comment } from '../schemas/cases';
import type { WebhookEvent } from '../schemas/webhooks';
import { afterFilter, FEED_PAGE_SIZE, type EventFeed, type FeedClient } from './feed';
import { summarizeCaseChange, updatedCaseItem, type UpdatedCaseItem } from './case-change';

/** The events this feed is made of, as `GET /events` names them. */
const CASE_CHANGE_EVENTS = ['case.updated', 'case.comment_added'] as const;

/** The case a comment is on, without the detail's embedded lists. */
async function caseOf(client: FeedClient, caseId: string): Promise<Case> {
  const {
    timeline: _t,
    observations: _o,
    actions: _a,
    ...item
  } = await client.cases.retrieve(caseId);
  return Case.parse(item);
}

/**
 * The item one event gives, whether it was delivered (webhook) or listed (`GET /events`): the
 * same event, so the same item. Each event is stamped with the moment of its change.
 */
async function fromEvent(event: WebhookEvent, client: FeedClient): Promise<UpdatedCaseItem | null> {
  if (event.type === 'case.updated') {
    const item = Case.parse(event.data);
    return updatedCaseItem(item, {
      event_id: event.id,
      at: event.created_at,
      kind: 'update',
      by: event.actor?.principal ?? null,
      changes: event.changes ?? null,
      comment: null,
    });
  }
  if (event.type === 'case.comment_added') {
    // The event carries the comment; the case's current state comes with it for mapping.
    const comment = Comment.parse(event.data);
    return updatedCaseItem(await caseOf(client, comment.case_id), {
      event_id: event.id,
      at: event.created_at,
      kind: 'comment',
      by: comment.author.principal,
      changes: null,
      comment,
    });
  }
  return null;
}

async function itemsOf(client: FeedClient, events: WebhookEvent[]) {
  const items: UpdatedCaseItem[] = [];
  for (const event of events) {
    const item = await fromEvent(event, client);
    if (item) items.push(item);
  }
  return items;
}

/**
 * A case's updates and comments, each its own item. A poll reads `GET /events` in the order the
 * API emitted them: two updates of one case between polls are two items, each with what it
 * changed and who changed it, exactly as the webhook delivered them.
 */
export const updatedCaseFeed: EventFeed<UpdatedCaseItem> = {
  key: 'updatedCase',
  label: 'Updated Case',
  description: 'A case changed status, severity, assignee or tags, or got a comment.',
  events: [...CASE_CHANGE_EVENTS],
  zapier: { key: 'updated_case' },
  poll: {
    order: 'event_created_at',
    lookbackMs: 0,
    async *since(client, sinceMs) {
      const events = client.events.list({
        type: [...CASE_CHANGE_EVENTS],
        created_after: afterFilter(sinceMs),
        limit: FEED_PAGE_SIZE,
      });
      for await (const event of events) {
        const item = await fromEvent(event, client);
        if (item) yield item;
      }
    },
    async newest(client, limit) {
      const events = client.events.list({
        type: [...CASE_CHANGE_EVENTS],
        sort: '-created_at',
        limit,
      });
      return itemsOf(client, (await events).data);
    },
  },
  fromEvent,
  dedupeKey: (item) => item.id,
  at: (item) => item.updated_at,
  summary: summarizeCaseChange,
};
