import type { Case, Comment } from '../schemas/cases';
import type { CaseChanges } from '../schemas/webhooks';
import { summarizeCase } from '../summaries';

/** One change to a case: an update (what it changed) or a comment. */
export interface CaseChange {
  /** The event that reported it (`evt_…`): one per change, the same by webhook and by poll. */
  event_id: string;
  /** When the change was made: the case's `updated_at` after an update, a comment's `created_at`. */
  at: string;
  kind: 'update' | 'comment';
  /** Who made it (a principal); null when it could not be read. */
  by: string | null;
  /** `{status: {from, to}}`; null for a comment, or when the history could not be read. */
  changes: CaseChanges | null;
  comment: Comment | null;
}

/**
 * One change to a case as a trigger item. `id` is the event that reported the change, so every
 * change is a new item (two quick updates are two) and a re-delivery or a poll of the same one
 * is not. (A type, not an interface, so it is a plain record the platforms' item types accept.)
 */
export type UpdatedCaseItem = {
  id: string;
  case_id: string;
  /** The changed fields, comma-separated, or `comment`. */
  change: string;
  changes: CaseChanges | null;
  changed_by: string | null;
  comment: Comment | null;
  updated_at: string;
  /** The case as it is now. */
  case: Case;
  summary: string;
};

const show = (value: unknown) => (value === null || value === undefined ? 'none' : String(value));

function describeChange(change: Pick<UpdatedCaseItem, 'comment' | 'changes' | 'changed_by'>) {
  const by = change.changed_by ? ` by ${change.changed_by}` : '';
  if (change.comment) {
    const body = change.comment.body.replace(/\s+/g, ' ').slice(0, 120);
    return `comment by ${change.changed_by ?? 'someone'}: "${body}"`;
  }
  if (!change.changes || Object.keys(change.changes).length === 0) return `updated${by}`;
  const parts = Object.entries(change.changes).map(
    ([field, { from, to }]) => `${field} ${show(from)} → ${show(to)}`,
  );
  return `${parts.join(', ')}${by}`;
}

/** "Case case_… changed (status open → investigating by maria@…). Case case_… (high, …)". */
export function summarizeCaseChange(
  item: Pick<UpdatedCaseItem, 'case' | 'comment' | 'changes' | 'changed_by'>,
): string {
  return `Case ${item.case.id} changed (${describeChange(item)}). ${summarizeCase(item.case)}`;
}

export function updatedCaseItem(item: Case, change: CaseChange): UpdatedCaseItem {
  const kinds = change.kind === 'comment' ? ['comment'] : Object.keys(change.changes ?? {});
  const fields = {
    case: item,
    comment: change.comment,
    changes: change.changes,
    changed_by: change.by,
  };
  return {
    id: change.event_id,
    case_id: item.id,
    change: kinds.join(', ') || 'updated',
    changes: change.changes,
    changed_by: change.by,
    comment: change.comment,
    updated_at: change.at,
    case: item,
    summary: summarizeCaseChange(fields),
  };
}
