import { BaseSenseOnClient } from './client-base';
import type { SenseOnClientOptions } from './client-options';
import { nodePlatform } from './transport/node-platform';

export { BaseSenseOnClient } from './client-base';
export type { Platform } from './transport/platform';

/**
 * The SenseOn API v1 in a Node process: `fetch`, Node's timers, the Node version in the
 * User-Agent. Elsewhere, give `BaseSenseOnClient` that platform's functions instead.
 */
export class SenseOnClient extends BaseSenseOnClient {
  constructor(options: SenseOnClientOptions) {
    super(options, nodePlatform());
  }
}
