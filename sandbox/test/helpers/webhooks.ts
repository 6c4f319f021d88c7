import { Webhook } from 'standardwebhooks';
import type { ReceivedRequest } from './receiver';

export interface ReceivedEvent {
  id: string;
  type: string;
  created_at: string;
  tenant_id: string;
  data: Record<string, unknown> & { id?: string; status?: string };
  test?: boolean;
}

/**
 * Checks a delivery the way a receiver must, with the reference `standardwebhooks` library
 * (not our own code), and returns the event. Throws when the signature does not verify.
 */
export function verifiedEvent(request: ReceivedRequest, secret: string): ReceivedEvent {
  const headers: Record<string, string> = {};
  for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = request.headers[name];
    headers[name] = Array.isArray(value) ? value.join(' ') : (value ?? '');
  }
  return new Webhook(secret).verify(request.body, headers) as ReceivedEvent;
}

export const eventOf = (request: ReceivedRequest): ReceivedEvent =>
  JSON.parse(request.body) as ReceivedEvent;
