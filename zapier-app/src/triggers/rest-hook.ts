import {
  NotFoundError,
  WebhookVerificationError,
  verifyWebhook,
  type EventType,
  type WebhookEvent,
} from '@senseon/client';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { clientFor } from '../client';

/** What `performSubscribe` keeps: Zapier stores it and hands it back as `bundle.subscribeData`. */
export interface HookSubscription {
  id: string;
  /** The subscription's signing secret (`whsec_…`), shown by SenseOn only at creation. */
  secret: string;
}

/**
 * The request headers, lower-cased. Zapier hands webhook headers over in a CGI-like form
 * (`Http-Webhook-Signature`); the `http-` prefix is dropped so the Standard Webhooks names match.
 */
export function requestHeaders(raw: Record<string, unknown> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value !== 'string') continue;
    const lower = name.toLowerCase();
    headers[lower] = value;
    if (lower.startsWith('http-')) headers[lower.slice('http-'.length)] ??= value;
  }
  return headers;
}

/**
 * The exact bytes SenseOn signed. Zapier passes them as `rawRequest.content`; when only the parsed
 * `cleanedRequest` is there, compact JSON re-serialisation reproduces what SenseOn sent (it
 * writes compact JSON and parsing keeps the key order), and the signature check decides.
 */
export function rawBodyOf(bundle: Pick<Bundle, 'rawRequest' | 'cleanedRequest'>): string {
  const content = bundle.rawRequest?.content;
  if (typeof content === 'string' && content !== '') return content;
  const cleaned: unknown = bundle.cleanedRequest;
  if (cleaned && typeof cleaned === 'object') {
    const body = (cleaned as { content?: unknown }).content ?? cleaned;
    return JSON.stringify(body);
  }
  throw new WebhookVerificationError(
    'not_raw_body',
    'The request to this Zap had no body; it did not come from SenseOn.',
  );
}

/** Checks a delivery's Standard Webhooks signature and returns the event; throws when forged. */
export function verifiedEvent(bundle: Bundle, secret: string | undefined): WebhookEvent {
  if (!secret) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'This Zap holds no signing secret for its SenseOn subscription: turn the Zap off and on again to subscribe anew.',
    );
  }
  const headers = requestHeaders(bundle.rawRequest?.headers);
  return verifyWebhook(rawBodyOf(bundle), headers, secret);
}

/** The REST hook lifecycle of a trigger fed by `events`. */
export function restHookLifecycle(events: readonly EventType[], label: string) {
  return {
    /** Subscribes Zapier's target URL; the secret stays in Zapier's subscribe data, never output. */
    performSubscribe: async (z: ZObject, bundle: Bundle): Promise<HookSubscription> => {
      if (!bundle.targetUrl) {
        throw new z.errors.Error('Zapier gave no target URL to subscribe.', 'NO_TARGET_URL', 400);
      }
      const created = await clientFor(z, bundle).webhooks.create({
        url: bundle.targetUrl,
        events: [...events],
        description: `Zapier: ${label}`,
      });
      return { id: created.id, secret: created.secret };
    },
    /** Deletes the subscription; one already gone (deleted in SenseOn) counts as done. */
    performUnsubscribe: async (
      z: ZObject,
      bundle: Bundle,
    ): Promise<{ id: string; deleted: boolean }> => {
      const id = (bundle.subscribeData as Partial<HookSubscription> | undefined)?.id;
      if (!id) return { id: '', deleted: false };
      try {
        await clientFor(z, bundle).webhooks.delete(id);
        return { id, deleted: true };
      } catch (error) {
        if (error instanceof NotFoundError) return { id, deleted: false };
        throw error;
      }
    },
  };
}

/** The subscription's secret, from Zapier's stored subscribe data. */
export function subscriptionSecret(bundle: Bundle): string | undefined {
  return (bundle.subscribeData as Partial<HookSubscription> | undefined)?.secret;
}
