import { generateWebhookSecret, type WebhookCreated } from '@senseon/client';
import { actorOf } from '../../auth/caller';
import { publicDelivery } from '../../db/deliveries';
import { publicWebhook, type WebhookRecord } from '../../db/webhooks';
import { conflict, notFound } from '../../http/errors';
import { noContent, ok, page, type HandlerTable, type RequestContext } from '../../http/handler';
import { newId } from '../../ids';
import { sampleEventData, sampleEventUpdate } from '../../webhooks/test-event';

type WebhookHandlers = Pick<
  HandlerTable,
  | 'createWebhook'
  | 'listWebhooks'
  | 'getWebhook'
  | 'deleteWebhook'
  | 'testWebhook'
  | 'listDeliveries'
  | 'replayDelivery'
  | 'claimEvent'
  | 'releaseEventClaim'
>;

function requireWebhook(ctx: RequestContext, id: string): WebhookRecord {
  const webhook = ctx.services.repos.webhooks.get(ctx.caller.tenantId, id);
  if (!webhook) throw notFound('NOT_FOUND', 'webhook_id', id, 'webhook subscription');
  return webhook;
}

function requireActive(webhook: WebhookRecord): void {
  if (webhook.status !== 'active') {
    throw conflict(
      `Subscription ${webhook.id} is disabled (${webhook.disabled_reason ?? 'no reason'}); create a new one.`,
      'webhook_id',
    );
  }
}

export const webhookHandlers: WebhookHandlers = {
  createWebhook: (ctx, { body }) => {
    const { db, repos, trace, clock } = ctx.services;
    const record: WebhookRecord = {
      id: newId('wh'),
      url: body.url,
      events: [...new Set(body.events)],
      description: body.description ?? '',
      status: 'active',
      disabled_reason: null,
      created_at: clock.iso(),
      tenant_id: ctx.caller.tenantId,
      secret: generateWebhookSecret(),
    };
    db.transaction(() => {
      repos.webhooks.insert(record);
      trace.append({
        tenantId: record.tenant_id,
        caseId: null,
        actor: actorOf(ctx.caller),
        event: 'webhook.created',
        details: { webhook_id: record.id, url: record.url, events: record.events },
      });
    });
    // The only answer that ever carries the secret.
    const created: WebhookCreated = { ...publicWebhook(record), secret: record.secret };
    return ok(created, 201);
  },

  listWebhooks: (ctx, { query }) => {
    const result = ctx.services.repos.webhooks.page(ctx.caller.tenantId, query.limit, query.cursor);
    return page(result.items, result);
  },

  getWebhook: (ctx, { params }) => ok(publicWebhook(requireWebhook(ctx, params.webhook_id))),

  deleteWebhook: (ctx, { params }) => {
    const { db, repos, trace, clock } = ctx.services;
    const webhook = requireWebhook(ctx, params.webhook_id);
    db.transaction(() => {
      repos.webhooks.markDeleted(webhook.id, clock.now());
      repos.deliveries.failPendingFor(webhook.id, 'the subscription was deleted', clock.now());
      trace.append({
        tenantId: webhook.tenant_id,
        caseId: null,
        actor: actorOf(ctx.caller),
        event: 'webhook.deleted',
        details: { webhook_id: webhook.id, url: webhook.url },
      });
    });
    return noContent();
  },

  testWebhook: (ctx, { params }) => {
    const { db, repos, events } = ctx.services;
    const webhook = requireWebhook(ctx, params.webhook_id);
    requireActive(webhook);
    const type = webhook.events[0] ?? 'case.updated';
    const data = sampleEventData(repos, webhook.tenant_id, type);
    const { event, deliveryId } = db.transaction(() =>
      events.emitTest(
        webhook.tenant_id,
        type,
        data,
        webhook.id,
        webhook.url,
        sampleEventUpdate(type),
      ),
    );
    return ok({ delivery_id: deliveryId, event_id: event.id }, 202);
  },

  listDeliveries: (ctx, { params, query }) => {
    const webhook = requireWebhook(ctx, params.webhook_id);
    const result = ctx.services.repos.deliveries.page(webhook.id, query.limit, query.cursor);
    return page(result.items, result);
  },

  replayDelivery: (ctx, { params }) => {
    const { repos, clock, dispatcher } = ctx.services;
    const webhook = requireWebhook(ctx, params.webhook_id);
    const original = repos.deliveries.get(params.delivery_id);
    if (!original || original.webhook_id !== webhook.id) {
      throw notFound('NOT_FOUND', 'delivery_id', params.delivery_id, 'delivery');
    }
    requireActive(webhook);
    const replay = repos.deliveries.insert({
      id: newId('dlv'),
      tenant_id: webhook.tenant_id,
      webhook_id: webhook.id,
      action_id: null,
      event_id: original.event_id,
      event_type: original.event_type,
      url: webhook.url,
      now_ms: clock.now(),
    });
    dispatcher.wake();
    return ok(publicDelivery(replay), 202);
  },

  claimEvent: (ctx, { params, body }) => {
    const { repos, clock } = ctx.services;
    const webhook = requireWebhook(ctx, params.webhook_id);
    // Only an event this subscription was sent can be claimed: a typo is a 404, not a claim.
    if (!repos.eventClaims.wasDeliveredTo(webhook.id, body.event_id)) {
      throw notFound(
        'NOT_FOUND',
        'event_id',
        body.event_id,
        'event delivered to this subscription',
      );
    }
    const claim = repos.eventClaims.claim(
      webhook.id,
      body.event_id,
      clock.now(),
      body.attempt_id ?? null,
    );
    return ok({
      webhook_id: webhook.id,
      event_id: body.event_id,
      first: claim.first,
      claimed_at: clock.iso(claim.claimedMs),
    });
  },

  releaseEventClaim: (ctx, { params }) => {
    const webhook = requireWebhook(ctx, params.webhook_id);
    ctx.services.repos.eventClaims.release(webhook.id, params.event_id);
    return noContent();
  },
};
