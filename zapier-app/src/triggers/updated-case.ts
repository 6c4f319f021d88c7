import {
  PermissionError,
  summarizeCase,
  TRIGGERS,
  type Case,
  type Comment,
  type SenseOnClient,
  type TraceEntry,
} from '@senseon/client';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';
import { handled } from '../errors';
import { CASE } from '../samples/records';
import { CASE_UPDATE_FIELDS } from '../samples/output-fields';
import { pollLimit } from './poll';
import { verifiedEvent } from '../webhooks/signed-request';
import { restHookLifecycle, subscriptionSecret } from './rest-hook';

const spec = TRIGGERS.find((t) => t.key === 'updatedCase')!;

/** Cases looked at per poll: each costs a request for its history. */
const POLL_CASES = 10;
/** A trace entry and the case it updated are stamped in the same transaction, ms apart. */
const MATCH_WINDOW_MS = 5000;

type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** One change to a case, from a webhook or from the case's DecisionTrace. */
interface CaseChange {
  at: string;
  kind: 'update' | 'comment';
  by: string | null;
  /** `{status: {from, to}}`; null when the history could not be read. */
  changes: FieldChanges | null;
  comment: Comment | null;
}

const show = (value: unknown) => (value === null || value === undefined ? 'none' : String(value));

function describeChange(change: CaseChange): string {
  if (change.kind === 'comment') {
    const body = change.comment?.body.replace(/\s+/g, ' ').slice(0, 120) ?? '';
    return `comment by ${change.by ?? 'someone'}: "${body}"`;
  }
  if (!change.changes) return `updated${change.by ? ` by ${change.by}` : ''}`;
  const parts = Object.entries(change.changes).map(
    ([field, { from, to }]) => `${field} ${show(from)} → ${show(to)}`,
  );
  return `${parts.join(', ')}${change.by ? ` by ${change.by}` : ''}`;
}

/**
 * One change as a Zap item. `id` is the case and the time of the change, so every change is a
 * new item for Zapier's dedupe and a re-delivery of the same one is not.
 */
export function updatedCaseItem(item: Case, change: CaseChange) {
  const kinds = change.kind === 'comment' ? ['comment'] : Object.keys(change.changes ?? {});
  return {
    id: `${item.id}:${change.at}`,
    case_id: item.id,
    change: kinds.join(', ') || 'updated',
    changes: change.changes,
    changed_by: change.by,
    comment: change.comment,
    updated_at: change.at,
    case: item,
    summary: `Case ${item.id} changed (${describeChange(change)}). ${summarizeCase(item)}`,
  };
}

/** The case's DecisionTrace; empty when the token lacks `trace:read` (changes then stay unnamed). */
async function historyOf(client: SenseOnClient, caseId: string): Promise<TraceEntry[]> {
  try {
    return await client.cases.trace(caseId, { limit: 1000 }).collect();
  } catch (error) {
    if (error instanceof PermissionError) return [];
    throw error;
  }
}

function changeFromTrace(entry: TraceEntry): CaseChange | null {
  const by = entry.actor.principal;
  if (entry.event === 'case.updated') {
    const changes = (entry.details.changes ?? null) as FieldChanges | null;
    return { at: entry.at, kind: 'update', by, changes, comment: null };
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

/** The change a `case.updated` delivery reports: its trace entry is the closest in time. */
function matchingUpdate(history: TraceEntry[], item: Case): CaseChange {
  const target = Date.parse(item.updated_at);
  let best: { gap: number; entry: TraceEntry } | null = null;
  for (const entry of history) {
    if (entry.event !== 'case.updated') continue;
    const gap = Math.abs(Date.parse(entry.at) - target);
    if (gap <= MATCH_WINDOW_MS && (!best || gap < best.gap)) best = { gap, entry };
  }
  const changes = (best?.entry.details.changes ?? null) as FieldChanges | null;
  const by = best?.entry.actor.principal ?? null;
  // The id keeps the case's own update time, whatever the trace says.
  return { at: item.updated_at, kind: 'update', by, changes, comment: null };
}

/**
 * Poll: the most recently updated cases, and each one's updates and comments from its
 * DecisionTrace, newest first.
 */
async function performList(z: ZObject, bundle: Bundle) {
  const client = clientFor(z, bundle);
  const cases = await client.cases
    .list({ sort: '-updated_at', limit: POLL_CASES })
    .collect({ limit: POLL_CASES });
  const perCase = await Promise.all(
    cases.map(async (item) => {
      const history = await historyOf(client, item.id);
      const changes = history.map(changeFromTrace).filter((c): c is CaseChange => c !== null);
      if (changes.length === 0 && item.updated_at !== item.created_at) {
        // No readable history (no trace:read): the latest update, unnamed.
        changes.push({
          at: item.updated_at,
          kind: 'update',
          by: null,
          changes: null,
          comment: null,
        });
      }
      return changes.map((change) => updatedCaseItem(item, change));
    }),
  );
  return perCase
    .flat()
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
    .slice(0, pollLimit(bundle));
}

/** Hook: a verified `case.updated` or `case.comment_added` delivery. */
async function perform(z: ZObject, bundle: Bundle) {
  const event = verifiedEvent(bundle, subscriptionSecret(bundle));
  const client = clientFor(z, bundle);
  if (event.type === 'case.updated') {
    const item = event.data as unknown as Case;
    return [updatedCaseItem(item, matchingUpdate(await historyOf(client, item.id), item))];
  }
  if (event.type === 'case.comment_added') {
    const comment = event.data as unknown as Comment;
    // The event carries the comment; the case's current state comes with it for mapping.
    const item = await client.cases.retrieve(comment.case_id);
    const { timeline: _t, observations: _o, actions: _a, ...caseOnly } = item;
    return [
      updatedCaseItem(caseOnly as Case, {
        at: comment.created_at,
        kind: 'comment',
        by: comment.author.principal,
        changes: null,
        comment,
      }),
    ];
  }
  return [];
}

const lifecycle = restHookLifecycle(spec.events, spec.label);

export default defineTrigger({
  key: 'updated_case',
  noun: 'Case Update',
  display: {
    label: spec.label,
    description:
      'Triggers when a case changes status, severity, assignee or tags, or gets a comment. Each change is its own item.',
  },
  operation: {
    type: 'hook',
    perform: handled(perform),
    performList: handled(performList),
    performSubscribe: handled(lifecycle.performSubscribe),
    performUnsubscribe: handled(lifecycle.performUnsubscribe),
    sample: updatedCaseItem(CASE as unknown as Case, {
      at: CASE.updated_at,
      kind: 'update',
      by: 'maria.lopez@acme.example',
      changes: { status: { from: 'open', to: 'investigating' } },
      comment: null,
    }),
    outputFields: CASE_UPDATE_FIELDS,
  },
});
