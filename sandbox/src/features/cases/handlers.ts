import type { Case, CaseChanges, CaseUpdate, Comment } from '@senseon/client';
import { actorOf } from '../../auth/caller';
import { ok, docPage, type HandlerTable } from '../../http/handler';
import { newId } from '../../ids';
import { requireCase } from '../lookup';
import { buildTimeline } from './timeline';

/** How many observations `GET /cases/{id}` embeds; the rest are a `case_id` filter away. */
const DETAIL_OBSERVATIONS = 20;

type CaseHandlers = Pick<
  HandlerTable,
  'listCases' | 'searchCases' | 'getCase' | 'updateCase' | 'listComments' | 'createComment'
>;

export const caseHandlers: CaseHandlers = {
  listCases: (ctx, { query }) => {
    const result = ctx.services.repos.cases.page(ctx.caller.tenantId, query);
    return docPage(result);
  },

  // The Connect API's list form: the same filters as a body, the same answer.
  searchCases: (ctx, { body }) => {
    const result = ctx.services.repos.cases.page(ctx.caller.tenantId, body);
    return docPage(result);
  },

  getCase: (ctx, { params }) => {
    const { repos, trace, lifecycle } = ctx.services;
    const item = requireCase(ctx, params.case_id);
    lifecycle.expireDue();
    const observations = repos.observations.forCase(item.id, DETAIL_OBSERVATIONS);
    return ok({
      ...item,
      timeline: buildTimeline(trace.chain(item.tenant_id, item.id), observations),
      observations,
      actions: repos.actions.forCase(item.id),
    });
  },

  updateCase: (ctx, { params, body }) => {
    const { db, repos, trace, events, clock } = ctx.services;
    const item = requireCase(ctx, params.case_id);
    const changes = diff(item, body);
    if (Object.keys(changes).length === 0) return ok(item);
    const updated: Case = { ...item, ...body, updated_at: clock.iso() } as Case;
    const actor = actorOf(ctx.caller);
    db.transaction(() => {
      repos.cases.save(updated);
      // Stamped with the case's own `updated_at`, so the trace entry, the event and the case
      // name the same moment: a poller reading the trace finds the change a webhook reported.
      trace.append({
        tenantId: item.tenant_id,
        caseId: item.id,
        actor,
        event: 'case.updated',
        details: { changes },
        at: updated.updated_at,
      });
      events.emit(item.tenant_id, 'case.updated', updated, {
        update: { changes, actor },
        at: updated.updated_at,
      });
    });
    return ok(updated);
  },

  listComments: (ctx, { params, query }) => {
    const item = requireCase(ctx, params.case_id);
    const result = ctx.services.repos.comments.page(item.id, query.limit, query.cursor);
    return docPage(result);
  },

  createComment: (ctx, { params, body }) => {
    const { db, repos, trace, events, clock } = ctx.services;
    const item = requireCase(ctx, params.case_id);
    const comment: Comment = {
      id: newId('cmt'),
      case_id: item.id,
      body: body.body,
      author: actorOf(ctx.caller),
      created_at: clock.iso(),
    };
    db.transaction(() => {
      repos.comments.insert(item.tenant_id, comment);
      trace.append({
        tenantId: item.tenant_id,
        caseId: item.id,
        actor: comment.author,
        event: 'case.comment_added',
        details: { comment_id: comment.id, excerpt: body.body.slice(0, 200) },
        at: comment.created_at,
      });
      events.emit(item.tenant_id, 'case.comment_added', comment, { at: comment.created_at });
    });
    return ok(comment, 201);
  },
};

/** The fields the update really changes, as `{field: {from, to}}`. */
function diff(item: Case, update: CaseUpdate): CaseChanges {
  const changes: CaseChanges = {};
  for (const [field, to] of Object.entries(update)) {
    const from = (item as Record<string, unknown>)[field];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to))
      changes[field] = { from, to };
  }
  return changes;
}
