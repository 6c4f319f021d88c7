import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The one SenseOn credential every imported workflow is pointed at. */
export interface CredentialRef {
  id: string;
  name: string;
}

export interface WorkflowNode {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  [key: string]: unknown;
}

export interface WorkflowFile {
  id?: string;
  name: string;
  active?: boolean;
  nodes: WorkflowNode[];
  connections: Record<string, unknown>;
  [key: string]: unknown;
}

/** A workflow id n8n accepts (16 letters and digits), the same for the same name every run. */
export function stableWorkflowId(name: string): string {
  const digest = createHash('sha256')
    .update(name)
    .digest('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  return digest.slice(0, 16).padEnd(16, '0');
}

/** `n8n import:credentials` input: the data in clear, which n8n encrypts with its key on import. */
export function credentialImport(
  ref: CredentialRef,
  data: { baseUrl: string; token: string; tenantId?: string },
): unknown[] {
  return [
    {
      id: ref.id,
      name: ref.name,
      type: 'senseOnApi',
      data: { baseUrl: data.baseUrl, token: data.token, tenantId: data.tenantId ?? '' },
    },
  ];
}

/**
 * Points every SenseOn node at our credential, gives the workflow a stable id when it has none,
 * and imports it inactive (activation is a separate, checked step).
 */
export function prepareWorkflow(
  workflow: WorkflowFile,
  ref: CredentialRef,
  fallbackId: string,
): WorkflowFile {
  const nodes = workflow.nodes.map((node) =>
    node.credentials?.senseOnApi || node.type.startsWith('n8n-nodes-senseon.')
      ? {
          ...node,
          credentials: { ...node.credentials, senseOnApi: { id: ref.id, name: ref.name } },
        }
      : node,
  );
  return { ...workflow, id: workflow.id ?? fallbackId, active: false, nodes };
}

export interface LoadedWorkflow {
  file: string;
  workflow: WorkflowFile;
}

/** Every `*.json` workflow in a folder, prepared for import, written to `outDir` one file each. */
export function prepareFolder(dir: string, outDir: string, ref: CredentialRef): LoadedWorkflow[] {
  mkdirSync(outDir, { recursive: true });
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as WorkflowFile;
      const workflow = prepareWorkflow(raw, ref, stableWorkflowId(`${basename(dir)}/${name}`));
      writeFileSync(join(outDir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
      return { file: join(dir, name), workflow };
    });
}
