import type { Actor, CaseChanges, EventType, WebhookEvent } from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { Repositories } from '../db/repositories';
import { newId } from '../ids';

export interface EmitOptions {
  /** Also deliver to this response action's callback_url, signed with its callback secret. */
  callback?: { actionId: string; url: string };
  /** `case.updated`: what the update changed and who made it, computed where it was applied. */
  update?: { changes: CaseChanges; actor: Actor };
  /**
   * The moment of the change (RFC 3339), when the caller stamped the changed object with it
   * (a case's `updated_at`, a comment's `created_at`): the event names the same moment, so
   * a poller of `GET /events` and a webhook receiver key the change alike.
   */
  at?: string;
}

/**
 * Records events and queues their deliveries. Call `emit` inside the transaction of the change
 * the event reports: the event, its deliveries and the change land together or not at all,
 * so a restart never loses a delivery nor sends one for a change that did not happen.
 */
export class EventPublisher {
  private readonly listeners = new Set<(event: WebhookEvent) => void>();

  constructor(
    private readonly repos: Repositories,
    private readonly clock: SandboxClock,
    private readonly onQueued: () => void,
  ) {}

  emit(tenantId: string, type: EventType, data: object, options: EmitOptions = {}): WebhookEvent {
    return this.record(tenantId, type, data, options, (event) =>
      this.repos.webhooks.subscribers(tenantId, event.type).map((webhook) => ({
        webhookId: webhook.id,
        url: webhook.url,
      })),
    );
  }

  /** A test event for one subscription only (`POST /webhooks/{id}/test`). */
  emitTest(
    tenantId: string,
    type: EventType,
    data: object,
    webhookId: string,
    url: string,
    options: Pick<EmitOptions, 'update'> = {},
  ) {
    let deliveryId = '';
    const event = this.record(
      tenantId,
      type,
      data,
      options,
      () => [{ webhookId, url }],
      true,
      (id) => {
        deliveryId = id;
      },
    );
    return { event, deliveryId };
  }

  /** In-process subscribers (the demo's console, tests); never part of the durable path. */
  subscribe(listener: (event: WebhookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(
    tenantId: string,
    type: EventType,
    data: object,
    options: EmitOptions,
    targets: (event: WebhookEvent) => { webhookId: string; url: string }[],
    test = false,
    onDelivery?: (id: string) => void,
  ): WebhookEvent {
    const nowMs = options.at ? Date.parse(options.at) : this.clock.now();
    const event: WebhookEvent = {
      id: newId('evt'),
      type,
      created_at: this.clock.iso(nowMs),
      tenant_id: tenantId,
      data: data as Record<string, unknown>,
      ...(options.update ?? {}),
      ...(test ? { test: true } : {}),
    };
    const body = JSON.stringify(event);
    this.repos.events.insert(event, body, test);
    const queue = (webhookId: string | null, actionId: string | null, url: string) => {
      const delivery = this.repos.deliveries.insert({
        id: newId('dlv'),
        tenant_id: tenantId,
        webhook_id: webhookId,
        action_id: actionId,
        event_id: event.id,
        event_type: type,
        url,
        now_ms: nowMs,
      });
      onDelivery?.(delivery.id);
    };
    for (const target of targets(event)) queue(target.webhookId, null, target.url);
    if (options.callback) queue(null, options.callback.actionId, options.callback.url);
    // After the surrounding transaction commits: the dispatcher and listeners look then.
    setImmediate(() => {
      this.onQueued();
      // A rolled-back transaction took the event with it: then nothing happened to report.
      if (this.listeners.size === 0 || this.repos.events.body(event.id) === undefined) return;
      for (const listener of this.listeners) listener(event);
    });
    return event;
  }
}
