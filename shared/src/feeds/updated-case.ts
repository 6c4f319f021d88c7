import { PermissionError } from '../errors';
import { Case, Comment } from '../schemas/cases';
import type { TraceEntry } from '../schemas/trace';
import { CaseChanges, type WebhookEvent } from '../schemas/webhooks';
import { afterFilter, FEED_PAGE_SIZE, type EventFeed, type FeedClient } from './feed';
import {
  caseChangeKey,
  summarizeCaseChange,
  updatedCaseItem,
  type CaseChange,
  type UpdatedCaseItem,
} from './case-change';

/** Cases looked at for a sample: each costs a request for its history. */
const SAMPLE_CASES = 10;

/** The case's DecisionTrace; null when the token lacks `trace:read`. */
async function historyOf(client: FeedClient, caseId: string): Promise<TraceEntry[] | null> {
  try {
    return await client.cases.trace(caseId, { limit: 1000 }).collect();
  } catch (error) {
    if (error instanceof PermissionError) return null;
    throw error;
  }
}

/** A trace entry as a change; the sandbox stamps it with the change's own time. */
function changeFromTrace(entry: TraceEntry): CaseChange | null {
  const by = entry.actor.principal;
  if (entry.event === 'case.updated') {
    const changes = CaseChanges.safeParse(entry.details.changes);
    return {
      at: entry.at,
      kind: 'update',
      by,
      changes: changes.success ? changes.data : null,
      comment: null,
    };
  }
  if (entry.event === 'case.comment_added') {
    const comment: Comment = {
      id: String(entry.details.comment_id ?? ''),
      case_id: entry.case_id ?? '',
      body: String(entry.details.excerpt ?? ''),
      author: entry.actor,
      created_at: entry.at,
    };
    return { at: entry.at, kind: 'comment', by, changes: null, comment };
  }
  return null;
}

/**
 * Polling has no event, so a case's changes are read from its DecisionTrace, where each update
 * is recorded with the fields it changed, stamped with the case's `updated_at` (the moment the
 * `case.updated` event names): the same change gets the same key by poll and by webhook. The
 * trace is read as it is; nothing is matched by time. Without `trace:read`, the case's latest
 * update is one unnamed change at its `updated_at`, which keys the same.
 */
async function changesOf(client: FeedClient, item: Case, sinceMs = 0) {
  const history = await historyOf(client, item.id);
  const changes =
    history === null
      ? item.updated_at === item.created_at
        ? []
        : [{ at: item.updated_at, kind: 'update' as const, by: null, changes: null, comment: null }]
      : history.map(changeFromTrace).filter((c): c is CaseChange => c !== null);
  return changes
    .filter((change) => Date.parse(change.at) >= sinceMs)
    .map((change) => updatedCaseItem(item, change));
}

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

async function fromEvent(event: WebhookEvent, client: FeedClient): Promise<UpdatedCaseItem | null> {
  if (event.type === 'case.updated') {
    const item = Case.parse(event.data);
    return updatedCaseItem(item, {
      at: item.updated_at,
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
      at: comment.created_at,
      kind: 'comment',
      by: comment.author.principal,
      changes: null,
      comment,
    });
  }
  return null;
}

/**
 * A case's updates and comments, each its own item. By poll, only comments on cases updated
 * inside the window are seen (a comment does not change the case's `updated_at`); webhooks
 * deliver every one.
 */
export const updatedCaseFeed: EventFeed<UpdatedCaseItem> = {
  key: 'updatedCase',
  label: 'Updated Case',
  description: 'A case changed status, severity, assignee or tags, or got a comment.',
  events: ['case.updated', 'case.comment_added'],
  zapier: { key: 'updated_case' },
  poll: {
    order: 'updated_at',
    lookbackMs: 0,
    async *since(client, sinceMs) {
      const cases = client.cases.list({
        updated_after: afterFilter(sinceMs),
        sort: 'updated_at',
        limit: FEED_PAGE_SIZE,
      });
      for await (const item of cases) yield* await changesOf(client, item, sinceMs);
    },
    async newest(client, limit) {
      const cases = await client.cases
        .list({ sort: '-updated_at', limit: SAMPLE_CASES })
        .collect({ limit: SAMPLE_CASES });
      const perCase = await Promise.all(cases.map((item) => changesOf(client, item)));
      return perCase
        .flat()
        .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
        .slice(0, limit);
    },
  },
  fromEvent,
  dedupeKey: (item) => caseChangeKey(item.case_id, item.updated_at),
  at: (item) => item.updated_at,
  summary: summarizeCaseChange,
};
