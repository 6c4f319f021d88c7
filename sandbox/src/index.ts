export { startSandbox, type RunningSandbox } from './server';
export { createApp, type SandboxApp } from './sandbox';
export type { SandboxOptions, TokenSpec } from './config';
export type { FaultConfig } from './faults/config';
export { parseFaultSpec } from './faults/config';
export type { ProvisionedTokens } from './auth/provision';
export { RETRY_DELAYS_MS, MAX_ATTEMPTS } from './webhooks/schedule';
