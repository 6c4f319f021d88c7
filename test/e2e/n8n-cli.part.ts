/**
 * n8n, headless, through its CLI: our package installed as a community package, the credential
 * and every workflow imported, then each workflow that starts by hand run with
 * `n8n execute --rawOutput`, and its output checked node by node against the sandbox.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { installCommunityPackage } from '../../scripts/n8n/lib/community-package';
import { parseRawOutput, runN8nCli, runN8nCliOk } from '../../scripts/n8n/lib/n8n-cli';
import { n8nEnv } from '../../scripts/n8n/lib/n8n-env';
import { freePort } from '../../scripts/n8n/lib/processes';
import { credentialImport, prepareFolder } from '../../scripts/n8n/lib/workflow-files';
import {
  CREDENTIAL,
  E2E_WORKFLOWS_DIR,
  EXAMPLES_DIR,
  MCP_CREDENTIAL,
  WORK_DIR,
  type E2eContext,
  type ImportedWorkflow,
} from './context';
import { assertRunSucceeded, idOf, items, only, type RawRun, type RunData } from './n8n-run-data';
import { expect } from './report';

/** What each of our resource workflows must have done, read from its run data. */
const EXPECTATIONS: Record<string, (runData: RunData) => string> = {
  'e2e/case.json': (run) => {
    const listed = only(run, 'Get Many Cases');
    const caseId = idOf(listed, 'case_');
    const detail = only(run, 'Get Case');
    expect(detail.id === caseId, `Get Case returned ${String(detail.id)}, not ${caseId}`);
    expect(Array.isArray(detail.timeline), 'Get Case has no timeline[]');
    const comment = only(run, 'Add Comment');
    idOf(comment, 'cmt_');
    expect(String(comment.body).includes('INC-4711'), 'the comment body did not round-trip');
    const updated = only(run, 'Update Case');
    expect(updated.status === 'investigating', `status is ${String(updated.status)} after update`);
    expect(updated.assignee === 'e2e-analyst', `assignee is ${String(updated.assignee)}`);
    const summary = only(run, 'Generate AI Summary');
    expect(summary.status === 'ready', `summary status ${String(summary.status)}`);
    expect(typeof summary.text === 'string' && summary.text.length > 20, 'summary has no text');
    const trace = only(run, 'Get Decision Trace');
    const entries = trace.entries as { event?: string }[] | undefined;
    expect(Array.isArray(entries) && entries.length > 0, 'the decision trace has no entries');
    expect(
      trace.verified === true,
      `the trace's hash chain did not verify: ${JSON.stringify(trace.verification)}`,
    );
    return `${caseId}: commented, investigating, summary ready, ${entries.length} trace entries, chain verified`;
  },
  'e2e/device.json': (run) => {
    const listed = only(run, 'Get Many Devices');
    const deviceId = idOf(listed, 'dev_');
    const device = only(run, 'Get Device');
    expect(device.id === deviceId, `Get Device returned ${String(device.id)}`);
    const os = device.os as { type?: string } | undefined;
    expect(os?.type === 'windows', `the os_type filter was ignored: ${JSON.stringify(os)}`);
    // A node of version 2 (the newest) beside version 1 nodes in one workflow.
    const observations = items(run, "Get Device's Observations");
    const others = observations.filter((o) => o.device_id !== deviceId).map((o) => o.id);
    expect(observations.length <= 5, `Limit 5 gave ${observations.length} observations`);
    expect(others.length === 0, `observations of other devices: ${others.join(', ')}`);
    return `${deviceId} ${String(device.hostname)}, ${observations.length} observations (v2 node)`;
  },
  'e2e/observation.json': (run) => {
    const caseId = idOf(only(run, 'Get Many Cases'), 'case_');
    const created = only(run, 'Create Observation');
    const obsId = idOf(created, 'obs_');
    const fetched = only(run, 'Get Observation');
    expect(fetched.id === obsId, `Get Observation returned ${String(fetched.id)}`);
    const ocsf = fetched.ocsf as { class_uid?: number } | undefined;
    expect(typeof ocsf?.class_uid === 'number', 'the observation has no OCSF class_uid');
    const found = items(run, 'Find Observations').map((o) => o.id);
    expect(found.includes(obsId), `Find Observations (case ${caseId}) did not list ${obsId}`);
    return `${obsId} (OCSF class ${ocsf?.class_uid}) on ${caseId}`;
  },
  'e2e/response-action.json': (run) => {
    const requested = only(run, 'Request Isolation');
    const actionId = idOf(requested, 'act_');
    expect(requested.status === 'pending_approval', `status ${String(requested.status)}`);
    expect(requested.requires_approval === true, 'isolation did not require approval');
    const selfApproval = JSON.stringify(only(run, 'Approve Own Request'));
    expect(
      /error/i.test(selfApproval) && /someone else|four-eyes|requester/i.test(selfApproval),
      `approving one's own request was not refused: ${selfApproval.slice(0, 200)}`,
    );
    const fetched = only(run, 'Get Response Action');
    expect(fetched.status === 'pending_approval', `after self-approval: ${String(fetched.status)}`);
    const pending = items(run, 'List Pending Actions').map((a) => a.id);
    expect(pending.includes(actionId), `${actionId} is not in the pending list`);
    return `${actionId} pending; self-approval refused`;
  },
  'e2e/ioc.json': (run) => {
    const added = only(run, 'Add IOC');
    const actionId = idOf(added, 'act_');
    expect(added.type === 'add_ioc', `type ${String(added.type)}`);
    expect(added.requires_approval === false, 'an IOC from an automation needed approval');
    expect(
      ['approved', 'executing', 'completed'].includes(String(added.status)),
      `status ${String(added.status)}`,
    );
    return `${actionId} ${String(added.status)}`;
  },
};

export async function n8nCliPart(ctx: E2eContext): Promise<void> {
  const { checks } = ctx;
  const host = ctx.host!;
  const sandbox = ctx.sandbox!;
  const env = n8nEnv(host, {
    userFolder: ctx.userFolder,
    encryptionKey: ctx.encryptionKey,
    brokerPort: await freePort(),
    logLevel: 'info',
  });
  // n8n 2.40.7's CLI often segfaults while exiting with the default isolated-vm expression
  // engine (the run has finished and printed by then); the legacy engine exits cleanly, so the
  // exit code stays meaningful. The server part runs the default engine.
  const cliEnv = { ...env, N8N_EXPRESSION_ENGINE: 'legacy' };

  await checks.must(
    'our package installs as a community package (npm pack → .n8n/nodes)',
    async () => {
      await installCommunityPackage(ctx.userFolder, ctx.tgz!);
      return join(ctx.userFolder, '.n8n', 'nodes');
    },
  );

  const importDir = join(WORK_DIR, 'import');
  mkdirSync(importDir, { recursive: true });
  await checks.must(
    'n8n import:credentials (senseOnApi, pointed at the sandbox; Bearer Auth for MCP clients)',
    async () => {
      const file = join(WORK_DIR, 'credential.json');
      writeFileSync(
        file,
        JSON.stringify([
          ...credentialImport(CREDENTIAL, { baseUrl: sandbox.url, token: sandbox.tokens.analyst }),
          ...(ctx.mcpToken
            ? [{ ...MCP_CREDENTIAL, type: 'httpBearerAuth', data: { token: ctx.mcpToken } }]
            : []),
        ]),
        { mode: 0o600 },
      );
      await runN8nCliOk(host, cliEnv, ['import:credentials', `--input=${file}`]);
      rmSync(file);
    },
  );

  const workflowsDir = join(importDir, 'workflows');
  const ours: ImportedWorkflow[] = prepareFolder(E2E_WORKFLOWS_DIR, workflowsDir, CREDENTIAL).map(
    (w) => ({ source: `e2e/${basename(w.file)}`, workflow: w.workflow }),
  );
  const examples: ImportedWorkflow[] = existsSync(EXAMPLES_DIR)
    ? prepareFolder(EXAMPLES_DIR, workflowsDir, CREDENTIAL).map((w) => ({
        source: `examples/${basename(w.file)}`,
        workflow: w.workflow,
      }))
    : [];
  await checks.check('n8n-nodes/examples holds example workflows', () => {
    expect(examples.length > 0, `no *.json in ${EXAMPLES_DIR}`);
    return examples.map((e) => e.source).join(', ');
  });
  const imported = [...ours, ...examples];
  await checks.must(
    `n8n import:workflow (${imported.length} workflows), then list:workflow`,
    async () => {
      await runN8nCliOk(host, cliEnv, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
      const listed = await runN8nCliOk(host, cliEnv, ['list:workflow']);
      const missing = imported.filter((w) => !listed.stdout.includes(w.workflow.id!));
      expect(
        missing.length === 0,
        `not listed after import: ${missing.map((m) => m.source).join(', ')}`,
      );
    },
  );
  ctx.imported = imported;

  for (const entry of imported) {
    const hasManualStart = entry.workflow.nodes.some(
      (n) => n.type === 'n8n-nodes-base.manualTrigger',
    );
    if (!hasManualStart) {
      // n8n's CLI runs only workflows that start by hand; these start from an event.
      checks.note(`${entry.source} starts from an event: the server part runs it`);
      continue;
    }
    const expectation = EXPECTATIONS[entry.source];
    await checks.check(`n8n execute ${entry.source} ("${entry.workflow.name}")`, async () => {
      const result = await runN8nCli(host, cliEnv, [
        'execute',
        `--id=${entry.workflow.id}`,
        '--rawOutput',
      ]);
      let run: RawRun;
      try {
        run = parseRawOutput(result.stdout) as RawRun;
      } catch {
        const tail = (result.stderr + result.stdout).trim().split('\n').slice(-6).join('\n');
        throw new Error(`exit ${result.code}, no run printed:\n${tail}`);
      }
      assertRunSucceeded(run);
      expect(result.code === 0, `exit code ${result.code} after a successful run`);
      return expectation ? expectation(run.data.resultData.runData) : 'every node succeeded';
    });
  }
}
