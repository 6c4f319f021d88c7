import { randomUUID } from 'node:crypto';
import { generateWebhookSecret, verifyWebhook, webhookHeaders } from '@senseon/client';
import { Webhook } from 'standardwebhooks';
import { compare, timed } from '../measure';
import type { Suite } from '../suite';

/** Our Standard Webhooks verification against the reference `standardwebhooks` library. */
function webhookVerification(quick: boolean) {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({
    id: 'evt_bench1',
    type: 'case.created',
    created_at: new Date().toISOString(),
    tenant_id: 'ten_bench',
    data: { id: 'case_bench', title: 'x'.repeat(2000) },
  });
  const headers = webhookHeaders({
    id: `msg_${randomUUID()}`,
    timestamp: Math.floor(Date.now() / 1000),
    body,
    secret,
  });
  const reference = new Webhook(secret);
  const count = quick ? 2_000 : 20_000;
  return compare({
    name: `verify ${count.toLocaleString('en')} signed 2 KB deliveries`,
    unit: 'ms',
    rounds: quick ? 3 : 11,
    candidate: {
      label: 'verifyWebhook',
      run: () =>
        timed(async () => {
          for (let i = 0; i < count; i++) verifyWebhook(body, headers, secret);
        }),
    },
    baseline: {
      label: 'standardwebhooks',
      run: () =>
        timed(async () => {
          for (let i = 0; i < count; i++) reference.verify(body, headers);
        }),
    },
  });
}

export const suite: Suite = {
  id: 'verification',
  order: 7,
  title: 'Webhook and trace verification',
  run: async ({ quick }) => ({ figures: [(await webhookVerification(quick)).figure] }),
};
