import { SenseOnError } from '../errors/senseon-error';

export type WebhookVerificationReason =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature'
  | 'not_raw_body'
  | 'invalid_secret'
  | 'invalid_json';

/** A webhook delivery that must not be trusted; `reason` says which check failed. */
export class WebhookVerificationError extends SenseOnError {
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message, { code: reason });
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}
