import { join } from 'node:path';
import { repoRoot } from '../../scripts/n8n/lib/host';
import type { N8nApi, N8nOwner } from '../../scripts/n8n/lib/n8n-api';
import type { RunningSandbox, SandboxTokens } from '../../scripts/n8n/lib/sandbox-process';
import type { Balancer } from '../../scripts/scale/balancer';
import type { Deployment, N8nProcess } from '../../scripts/scale/queue-mode';
import { SandboxApi } from '../e2e/sandbox-api';

/** Where one run keeps its throwaway state (databases, user folders, logs): gitignored. */
export const WORK_DIR = join(repoRoot, '.scale', 'run');
export const SCALE_WORKFLOWS_DIR = join(repoRoot, 'test', 'scale', 'workflows');

export const SCALE_TOKENS: SandboxTokens = {
  admin: 'senseon_pat_scaleAdmin0000000000000000000001',
  analyst: 'senseon_pat_scaleAnalyst00000000000000000001',
  approver: 'senseon_pat_scaleApprover0000000000000000001',
  readonly: 'senseon_pat_scaleReadonly0000000000000000001',
};

export const OWNER: N8nOwner = {
  email: 'soc-lead@example.com',
  firstName: 'Sam',
  lastName: 'Lead',
  password: 'Scale-Owner-Passw0rd',
};

export function logFile(name: string): string {
  return join(WORK_DIR, 'logs', `${name}.log`);
}

/** One running queue-mode deployment and what talks to it. */
export interface Cluster {
  deployment: Deployment;
  sandbox: RunningSandbox;
  /** Figure 4's API: a small rate budget per token, every answer logged. */
  budgetSandbox: RunningSandbox;
  balancer: Balancer;
  main: N8nProcess;
  workers: N8nProcess[];
  webhookProcessors: N8nProcess[];
  /** n8n's public API on main. */
  api: N8nApi;
  analyst: SandboxApi;
  approver: SandboxApi;
  /** Workflow ids by file name (`webhook-once.json`). */
  workflows: Map<string, string>;
}

/** One row of a figure's table. */
export interface FigureRow {
  figure: string;
  measure: string;
  value: string;
  pass: boolean;
}

export { SandboxApi };
