import type { Sleep } from '../http/sleep';
import type { Transport } from './transport';

/**
 * What differs between the places the client runs, injected rather than detected or rewritten
 * at build time (stripe-node's `PlatformFunctions`, anthropic-sdk's shims): how to wait, what
 * the User-Agent says about the runtime, and how requests are sent when no transport is given.
 * `SenseOnClient` brings the Node one; n8n's package passes its own to `BaseSenseOnClient`, so
 * nothing of Node's (timers, `process`, `fetch`) is reachable from its bundle.
 */
export interface Platform {
  /** Backoff, Retry-After, the rate limiter and summary polling all wait through this. */
  sleep: Sleep;
  /** The runtime's product token in the User-Agent (`node/22.1.0`); undefined names none. */
  runtime(): string | undefined;
  /** The transport of a client whose options give none. */
  transport(): Transport;
}
