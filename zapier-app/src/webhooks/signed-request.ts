import { WebhookVerificationError, verifyWebhook, type WebhookEvent } from '@senseon/client';
import type { Bundle } from 'zapier-platform-core';

/*
 * What SenseOn POSTs to Zapier (REST hook deliveries, and the decision callbacks that resume a
 * waiting action) is signed per Standard Webhooks; nothing in it is believed before this check.
 */

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
