import type { Sleep } from '../http/sleep';
import { FetchTransport } from './fetch-transport';
import type { Platform } from './platform';

const nodeSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The platform of a plain Node process (20+): timers, the Node version in the User-Agent, and
 * the global `fetch`. A function, not a constant, so that a bundle that never calls it (n8n's)
 * drops it and everything it reaches.
 */
export function nodePlatform(): Platform {
  return {
    sleep: nodeSleep,
    runtime: () => {
      const node = typeof process !== 'undefined' ? process.versions?.node : undefined;
      return node ? `node/${node}` : undefined;
    },
    transport: () => new FetchTransport(),
  };
}
