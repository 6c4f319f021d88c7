import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  installCommunityPackage,
  packCommunityPackage,
} from '../../scripts/n8n/lib/community-package';
import { ensureN8nInstalled, repoRoot } from '../../scripts/n8n/lib/host';
import { N8nApi, type N8nOwner } from '../../scripts/n8n/lib/n8n-api';
import { runN8nCliOk } from '../../scripts/n8n/lib/n8n-cli';
import { n8nEnv } from '../../scripts/n8n/lib/n8n-env';
import { startN8nServer, type RunningN8n } from '../../scripts/n8n/lib/n8n-server';
import { freePort, stopService } from '../../scripts/n8n/lib/processes';
import {
  credentialImport,
  prepareWorkflow,
  stableWorkflowId,
  type CredentialRef,
  type WorkflowFile,
} from '../../scripts/n8n/lib/workflow-files';

/** Where a bench's n8n keeps its throwaway state (user folder, package, logs): gitignored. */
export const BENCH_N8N_DIR = join(repoRoot, '.bench', 'n8n');

export const BENCH_CREDENTIAL: CredentialRef = { id: 'senseonBench0001', name: 'SenseOn (bench)' };

const OWNER: N8nOwner = {
  email: 'bench@example.com',
  firstName: 'Bench',
  lastName: 'Runner',
  password: 'Bench-Owner-Passw0rd',
};

export interface BenchN8n {
  n8n: RunningN8n;
  api: N8nApi;
  /** Imported workflow ids by the name given in `workflows`. */
  ids: Map<string, string>;
  stop(): Promise<void>;
}

/**
 * A real n8n 2.40.7 (`n8n start`, sqlite) with our package installed as users install it, one
 * SenseOn credential pointing at `sandbox`, and `workflows` imported and published. The same
 * helpers the e2e run and `npm run n8n` use (scripts/n8n/lib); stop it with `stop()` (by PID).
 */
export async function startBenchN8n(args: {
  name: string;
  sandbox: { url: string; token: string };
  workflows: Record<string, WorkflowFile>;
  log: (message: string) => void;
}): Promise<BenchN8n> {
  const dir = join(BENCH_N8N_DIR, args.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'import'), { recursive: true });
  const host = await ensureN8nInstalled();
  args.log(`n8n ${host.version}: packing and installing n8n-nodes-senseon`);
  const tgz = await packCommunityPackage(join(dir, 'pack'));
  const userFolder = join(dir, 'user');
  await installCommunityPackage(userFolder, tgz);
  const port = await freePort();
  const env = n8nEnv(host, {
    userFolder,
    encryptionKey: 'senseon-bench-throwaway-encryption-key',
    port,
    brokerPort: await freePort(),
    logLevel: 'warn',
  });
  const credentialFile = join(dir, 'credential.json');
  writeFileSync(
    credentialFile,
    JSON.stringify(
      credentialImport(BENCH_CREDENTIAL, { baseUrl: args.sandbox.url, token: args.sandbox.token }),
    ),
    { mode: 0o600 },
  );
  await runN8nCliOk(host, env, ['import:credentials', `--input=${credentialFile}`]);
  rmSync(credentialFile);
  const ids = new Map<string, string>();
  for (const [name, raw] of Object.entries(args.workflows)) {
    const workflow = prepareWorkflow(raw, BENCH_CREDENTIAL, stableWorkflowId(`bench/${name}`));
    writeFileSync(join(dir, 'import', `${workflow.id}.json`), JSON.stringify(workflow));
    ids.set(name, workflow.id!);
  }
  await runN8nCliOk(host, env, ['import:workflow', '--separate', `--input=${join(dir, 'import')}`]);
  args.log(`n8n: starting on 127.0.0.1:${port}`);
  const n8n = await startN8nServer(host, env, port, join(dir, 'n8n.log'));
  try {
    const api = new N8nApi(n8n.url);
    await api.setupOwner(OWNER);
    await api.createApiKey('senseon-bench');
    for (const id of ids.values()) await api.publish(id);
    return { n8n, api, ids, stop: () => stopService(n8n.service) };
  } catch (error) {
    await stopService(n8n.service);
    throw error;
  }
}
