import { join } from 'node:path';
import type { N8nHost } from '../../scripts/n8n/lib/host';
import { repoRoot } from '../../scripts/n8n/lib/host';
import type { RunningSandbox, SandboxTokens } from '../../scripts/n8n/lib/sandbox-process';
import type { CredentialRef, WorkflowFile } from '../../scripts/n8n/lib/workflow-files';
import type { Checks } from './report';

/** Fixed sandbox tokens: each a distinct principal (the approver is not the analyst). */
export const E2E_TOKENS: SandboxTokens = {
  admin: 'senseon_pat_e2eAdmin000000000000000000000001',
  analyst: 'senseon_pat_e2eAnalyst0000000000000000000001',
  approver: 'senseon_pat_e2eApprover000000000000000000001',
  readonly: 'senseon_pat_e2eReadonly000000000000000000001',
};

/**
 * How the run's sandbox is started (and restarted, on the same port, by the stream check): its
 * data in a file of the run, so a restart keeps every event; fast retries and summaries; no
 * simulator, so every event is one we caused.
 */
export const e2eSandboxOptions = (port = 0) => ({
  port,
  seed: 42,
  db: join(WORK_DIR, 'sandbox.db'),
  webhookTimeScale: 0.01,
  summaryDelayMs: 300,
  logFile: logFile(port === 0 ? 'sandbox' : `sandbox-restarted-${port}`),
});

export const CREDENTIAL: CredentialRef = { id: 'senseonSandbox01', name: 'SenseOn sandbox' };

/** The Bearer Auth credential MCP clients present to the MCP Server Trigger (workflows/mcp.json). */
export const MCP_CREDENTIAL: CredentialRef = { id: 'mcpClientsE2e01', name: 'MCP clients (e2e)' };

/** Where one run keeps its throwaway state: gitignored, wiped at the start of the next run. */
export const WORK_DIR = join(repoRoot, '.e2e', 'run');

export const E2E_WORKFLOWS_DIR = join(repoRoot, 'test', 'e2e', 'workflows');
export const EXAMPLES_DIR = join(repoRoot, 'n8n-nodes', 'examples');

export interface ImportedWorkflow {
  /** `e2e/case.json` or `examples/<file>.json`. */
  source: string;
  workflow: WorkflowFile;
}

export interface E2eContext {
  checks: Checks;
  host?: N8nHost;
  sandbox?: RunningSandbox;
  /** The packed community package. */
  tgz?: string;
  /** The n8n user folder shared by the CLI part and the server part. */
  userFolder: string;
  encryptionKey: string;
  imported: ImportedWorkflow[];
  /** The bearer token of MCP_CREDENTIAL, new each run: what an MCP client must present. */
  mcpToken?: string;
}

export function logFile(name: string): string {
  return join(WORK_DIR, 'logs', `${name}.log`);
}
