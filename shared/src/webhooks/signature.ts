import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WebhookEvent } from '../schemas/webhooks';
import { WebhookVerificationError } from './verification-error';

/** Standard Webhooks: receivers reject a timestamp more than 5 minutes off, in either direction. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';

export interface SignWebhookArgs {
  /** The event id, sent as `webhook-id` (`evt_…`). */
  id: string;
  /** Unix seconds, sent as `webhook-timestamp`. */
  timestamp: number;
  /** The exact bytes that go on the wire. */
  body: string;
  /** `whsec_<base64>`. */
  secret: string;
}

export type WebhookHeaderName = 'webhook-id' | 'webhook-timestamp' | 'webhook-signature';

function secretKey(secret: string): Buffer {
  if (typeof secret !== 'string' || !secret.startsWith(SECRET_PREFIX)) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'The webhook secret must start with "whsec_"; copy it exactly as it was shown when the subscription was created.',
    );
  }
  const encoded = secret.slice(SECRET_PREFIX.length);
  const key = Buffer.from(encoded, 'base64');
  // Buffer.from ignores bad characters; re-encoding tells us whether the secret was really base64.
  if (
    key.length === 0 ||
    key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')
  ) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'The webhook secret is not "whsec_" followed by base64; copy it exactly as it was shown.',
    );
  }
  return key;
}

function hmac(
  key: Buffer,
  id: string,
  timestamp: number | string,
  body: string | Uint8Array,
): Buffer {
  const mac = createHmac('sha256', key);
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return mac.digest();
}

/** The `webhook-signature` value for one message: `v1,<base64 HMAC-SHA256>`. */
export function signWebhook(args: SignWebhookArgs): string {
  const key = secretKey(args.secret);
  return `v1,${hmac(key, args.id, args.timestamp, args.body).toString('base64')}`;
}

/** The three Standard Webhooks headers for one delivery. */
export function webhookHeaders(args: SignWebhookArgs): Record<WebhookHeaderName, string> {
  return {
    'webhook-id': args.id,
    'webhook-timestamp': String(args.timestamp),
    'webhook-signature': signWebhook(args),
  };
}

/** A fresh signing secret: `whsec_` and 24 random bytes in base64. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way (default 300 s). */
  toleranceSeconds?: number;
  /** The current time in milliseconds; for tests. */
  now?: number;
}

export type IncomingHeaders = Headers | Record<string, string | string[] | undefined>;

function readHeader(headers: IncomingHeaders, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) {
    return headers.get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== name) continue;
    if (Array.isArray(value)) return value.join(' ');
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

function rawBodyOf(rawBody: unknown): string | Uint8Array {
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return rawBody;
  throw new WebhookVerificationError(
    'not_raw_body',
    'The webhook body must be the raw request body (a string or Buffer), exactly as received. ' +
      'It looks like the body was already parsed into an object; re-serialising it changes the bytes, so the signature cannot match.',
  );
}

/**
 * Checks a delivery's signature and timestamp and returns the parsed event.
 * Throws `WebhookVerificationError` whose `reason` says what failed.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: IncomingHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookEvent {
  const body = rawBodyOf(rawBody);
  const key = secretKey(secret);
  const id = readHeader(headers, 'webhook-id');
  const timestampText = readHeader(headers, 'webhook-timestamp');
  const signatures = readHeader(headers, 'webhook-signature');
  if (!id || !timestampText || !signatures) {
    const missing = [
      !id && 'webhook-id',
      !timestampText && 'webhook-timestamp',
      !signatures && 'webhook-signature',
    ].filter(Boolean);
    throw new WebhookVerificationError(
      'missing_headers',
      `Missing header(s): ${missing.join(', ')}. Pass the request's headers as received; a proxy may be stripping them.`,
    );
  }
  checkTimestamp(timestampText, options);
  const expected = hmac(key, id, timestampText, body);
  if (!anySignatureMatches(signatures, expected)) {
    throw new WebhookVerificationError(
      'no_matching_signature',
      'No signature matches. Check that the secret is the one of this subscription (secrets are shown once, at creation) ' +
        'and that the body is the raw request body, not a re-serialised copy.',
    );
  }
  return parseEvent(body);
}

function checkTimestamp(text: string, options: VerifyWebhookOptions): void {
  if (!/^\d+$/.test(text)) {
    throw new WebhookVerificationError(
      'invalid_timestamp',
      'The webhook-timestamp header is not Unix seconds.',
    );
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const timestamp = Number(text);
  if (timestamp < nowSeconds - tolerance) {
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `The webhook timestamp is more than ${tolerance} s old: a replayed or long-delayed delivery, or this machine's clock is wrong.`,
    );
  }
  if (timestamp > nowSeconds + tolerance) {
    throw new WebhookVerificationError(
      'timestamp_too_new',
      `The webhook timestamp is more than ${tolerance} s in the future: check this machine's clock.`,
    );
  }
}

function anySignatureMatches(header: string, expected: Buffer): boolean {
  let matched = false;
  for (const candidate of header.split(' ')) {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    // Compare every candidate, without early exit, so timing says nothing about which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

function parseEvent(body: string | Uint8Array): WebhookEvent {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError(
      'invalid_json',
      'The signature is valid but the body is not JSON.',
    );
  }
  const event = WebhookEvent.safeParse(json);
  if (!event.success) {
    const issue = event.error.issues[0];
    throw new WebhookVerificationError(
      'invalid_json',
      `The signature is valid but the body is not a SenseOn event: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  return event.data;
}
