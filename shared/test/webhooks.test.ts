import { Webhook } from 'standardwebhooks';
import {
  WebhookVerificationError,
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
  type WebhookVerificationReason,
} from '../src';

const secret = generateWebhookSecret();
const now = Date.UTC(2026, 10, 23, 18, 0, 0);
const nowSeconds = now / 1000;
const event = {
  id: 'evt_1',
  type: 'action.requested',
  created_at: '2026-11-23T18:00:00Z',
  tenant_id: 'ten_acme',
  data: { id: 'act_9', status: 'pending_approval' },
  extra_field: 'kept',
};
const body = JSON.stringify(event);
const headers = (timestamp = nowSeconds, text = body, key = secret) =>
  webhookHeaders({ id: 'evt_1', timestamp, body: text, secret: key });

function reasonOf(run: () => unknown): WebhookVerificationReason | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('webhook signing', () => {
  it('makes whsec_ secrets of 24 random bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('signs exactly as the standardwebhooks library does', () => {
    const theirs = new Webhook(secret).sign('evt_1', new Date(now), body);
    expect(signWebhook({ id: 'evt_1', timestamp: nowSeconds, body, secret })).toBe(theirs);
  });

  it('produces headers the standardwebhooks library accepts', () => {
    // The library checks against the real clock, so sign with the real time here.
    const real = Math.floor(Date.now() / 1000);
    expect(new Webhook(secret).verify(body, headers(real))).toEqual(event);
  });

  it('accepts what the standardwebhooks library signs, and returns the event with extra fields', () => {
    const signature = new Webhook(secret).sign('evt_1', new Date(now), body);
    const received = {
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(nowSeconds),
      'webhook-signature': signature,
    };
    expect(verifyWebhook(body, received, secret, { now })).toEqual(event);
  });
});

describe('webhook verification', () => {
  it('accepts a Buffer body, a fetch Headers object and header names in any case', () => {
    const h = headers();
    const upper = {
      'Webhook-Id': h['webhook-id'],
      'WEBHOOK-TIMESTAMP': h['webhook-timestamp'],
      'Webhook-Signature': h['webhook-signature'],
    };
    expect(verifyWebhook(Buffer.from(body), upper, secret, { now }).id).toBe('evt_1');
    expect(verifyWebhook(body, new Headers(h), secret, { now }).type).toBe('action.requested');
  });

  it('rejects a tampered body', () => {
    const tampered = body.replace('pending_approval', 'approved');
    expect(reasonOf(() => verifyWebhook(tampered, headers(), secret, { now }))).toBe(
      'no_matching_signature',
    );
  });

  it('rejects a wrong secret, naming the secret as a likely cause', () => {
    const other = generateWebhookSecret();
    expect(() => verifyWebhook(body, headers(), other, { now })).toThrow(/secret/);
    expect(reasonOf(() => verifyWebhook(body, headers(), other, { now }))).toBe(
      'no_matching_signature',
    );
  });

  it('rejects a timestamp more than 5 minutes old, and one more than 5 minutes ahead', () => {
    expect(reasonOf(() => verifyWebhook(body, headers(nowSeconds - 301), secret, { now }))).toBe(
      'timestamp_too_old',
    );
    expect(reasonOf(() => verifyWebhook(body, headers(nowSeconds + 301), secret, { now }))).toBe(
      'timestamp_too_new',
    );
    expect(verifyWebhook(body, headers(nowSeconds - 299), secret, { now }).id).toBe('evt_1');
    expect(verifyWebhook(body, headers(nowSeconds + 299), secret, { now }).id).toBe('evt_1');
    expect(
      reasonOf(() =>
        verifyWebhook(body, headers(nowSeconds - 20), secret, { now, toleranceSeconds: 10 }),
      ),
    ).toBe('timestamp_too_old');
  });

  it('agrees with standardwebhooks that a stale message is rejected', () => {
    const stale = Math.floor(Date.now() / 1000) - 600;
    expect(() => new Webhook(secret).verify(body, headers(stale))).toThrow();
  });

  it('passes when any of several space-separated signatures matches', () => {
    const good = headers()['webhook-signature'];
    const rotated = signWebhook({
      id: 'evt_1',
      timestamp: nowSeconds,
      body,
      secret: generateWebhookSecret(),
    });
    const several = { ...headers(), 'webhook-signature': `v2,abc ${rotated} ${good}` };
    expect(verifyWebhook(body, several, secret, { now }).id).toBe('evt_1');
    const none = { ...headers(), 'webhook-signature': `${rotated} v1,${'A'.repeat(44)}` };
    expect(reasonOf(() => verifyWebhook(body, none, secret, { now }))).toBe(
      'no_matching_signature',
    );
  });

  it('explains that a parsed object is not the raw body', () => {
    const run = () => verifyWebhook(event as unknown as string, headers(), secret, { now });
    expect(reasonOf(run)).toBe('not_raw_body');
    expect(run).toThrow(/raw request body/);
  });

  it('names missing headers, a bad timestamp, a bad secret and a body that is not JSON', () => {
    const { 'webhook-signature': _dropped, ...partial } = headers();
    expect(() => verifyWebhook(body, partial, secret, { now })).toThrow(/webhook-signature/);
    expect(reasonOf(() => verifyWebhook(body, partial, secret, { now }))).toBe('missing_headers');
    const badTime = { ...headers(), 'webhook-timestamp': 'yesterday' };
    expect(reasonOf(() => verifyWebhook(body, badTime, secret, { now }))).toBe('invalid_timestamp');
    expect(reasonOf(() => verifyWebhook(body, headers(), 'not-a-secret', { now }))).toBe(
      'invalid_secret',
    );
    const notJson = 'hello';
    expect(
      reasonOf(() => verifyWebhook(notJson, headers(nowSeconds, notJson), secret, { now })),
    ).toBe('invalid_json');
  });

  it('never puts the secret in the error', () => {
    try {
      verifyWebhook(body, headers(), generateWebhookSecret(), { now });
      throw new Error('expected a failure');
    } catch (error) {
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
      expect(text).not.toContain(secret.slice(6));
      expect(JSON.parse(JSON.stringify(error))).toMatchObject({ reason: 'no_matching_signature' });
    }
  });
});
