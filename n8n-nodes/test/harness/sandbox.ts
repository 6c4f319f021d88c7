import { SenseOnClient } from '@senseon/client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '@senseon/sandbox';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sandboxCredential } from './credentials';

export type TokenName = 'admin' | 'analyst' | 'approver' | 'readonly';

export interface TestSandbox {
  sandbox: RunningSandbox;
  /** The `senseOnApi` credential of one of the sandbox's tokens. */
  credential(token: TokenName, tenantId?: string): ICredentialDataDecryptedObject;
  /** A plain client (fetch), for arranging and checking state outside the node under test. */
  client(token: TokenName): SenseOnClient;
  close(): Promise<void>;
}

/**
 * A real sandbox on 127.0.0.1 with an ephemeral port, quick to generate summaries, run
 * actions and retry deliveries, so tests wait milliseconds rather than seconds.
 */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    summaryDelayMs: 50,
    actionExecutionMs: 20,
    webhookTimeScale: 0.001,
    ...options,
  });
  return {
    sandbox,
    credential: (token, tenantId) =>
      sandboxCredential(sandbox.url, sandbox.tokens[token]!, tenantId),
    client: (token) =>
      new SenseOnClient({ baseUrl: sandbox.url, token: sandbox.tokens[token]!, rateLimit: false }),
    close: () => sandbox.close(),
  };
}
