/**
 * n8n as a server (`n8n start`), the way a SOC runs it: SenseOn Triggers subscribe in SenseOn
 * when their workflow is published and run on signed events; isolations wait on their resume URL
 * until a second person decides in SenseOn, then go down Approved or Not Approved; the example
 * workflows run on real events; an MCP client drives SenseOn tools behind the MCP Server Trigger;
 * the Stream Trigger loses and doubles nothing across a sandbox restart; unpublishing deletes the
 * subscription. n8n is stopped by its PID.
 */
import { N8nApi, type N8nOwner } from '../../scripts/n8n/lib/n8n-api';
import { n8nEnv } from '../../scripts/n8n/lib/n8n-env';
import { startN8nServer, type RunningN8n } from '../../scripts/n8n/lib/n8n-server';
import { freePort, stopService } from '../../scripts/n8n/lib/processes';
import { logFile, type E2eContext } from './context';
import { editorScreenshotCheck } from './n8n-editor';
import { duplicateDeliveryChecks } from './n8n-server-duplicates';
import { exampleChecks } from './n8n-server-examples';
import { huntChecks } from './n8n-server-hunts';
import { mcpChecks } from './n8n-server-mcp';
import { onErrorChecks } from './n8n-server-on-error';
import { pollTriggerChecks } from './n8n-server-poll';
import { severalWaitsCheck } from './n8n-server-several-waits';
import { streamChecks } from './n8n-server-stream';
import { startWaitLimitCheck } from './n8n-server-wait-limit';
import {
  approvalChecks,
  triggerChecks,
  unpublishTriggerCheck,
  type ServerScope,
} from './n8n-server-ours';
import { expect } from './report';
import { SandboxApi } from './sandbox-api';

export const OWNER: N8nOwner = {
  email: 'soc-lead@example.com',
  firstName: 'Sam',
  lastName: 'Lead',
  password: 'E2e-Owner-Passw0rd',
};

export async function n8nServerPart(ctx: E2eContext): Promise<void> {
  const { checks } = ctx;
  const host = ctx.host!;
  const sandbox = ctx.sandbox!;
  expect(ctx.imported.length > 0, 'nothing was imported by the CLI part');

  const port = await freePort();
  const env = n8nEnv(host, {
    userFolder: ctx.userFolder,
    encryptionKey: ctx.encryptionKey,
    port,
    brokerPort: await freePort(),
    logLevel: 'info',
  });
  const n8n: RunningN8n = await checks.must(`n8n start on 127.0.0.1:${port} is ready`, () =>
    startN8nServer(host, env, port, logFile('n8n')),
  );
  try {
    const api = new N8nApi(n8n.url);
    await checks.must(
      'owner set up (POST /rest/owner/setup) and a public-API key minted',
      async () => {
        await api.setupOwner(OWNER);
        await api.createApiKey('senseon-e2e');
      },
    );
    const scope: ServerScope = {
      ctx,
      api,
      n8nUrl: n8n.url,
      analyst: new SandboxApi(sandbox.url, sandbox.tokens.analyst),
      approver: new SandboxApi(sandbox.url, sandbox.tokens.approver),
      usedDevices: new Set(),
    };
    await triggerChecks(scope);
    await approvalChecks(scope);
    // The limited wait takes a minute or two in n8n: the checks below run meanwhile.
    const waitLimitCheck = await startWaitLimitCheck(scope);
    await severalWaitsCheck(scope);
    await onErrorChecks(scope);
    await duplicateDeliveryChecks(scope);
    await huntChecks(scope);
    await exampleChecks(scope);
    await mcpChecks(scope);
    await waitLimitCheck();
    // It restarts the sandbox (same port and data): after every check that waits on it.
    await streamChecks(scope);
    await editorScreenshotCheck(ctx, n8n, OWNER);
    await unpublishTriggerCheck(scope);
    // Last: it restarts n8n (and stops the one it started), so nothing may follow it.
    await pollTriggerChecks(scope, { host, env, port, n8n });
  } finally {
    await checks.check('n8n stops by its PID', async () => {
      await stopService(n8n.service);
      const stillThere = await fetch(`${n8n.url}/healthz`).then(
        () => true,
        () => false,
      );
      expect(!stillThere, `n8n (pid ${n8n.service.pid}) still answers after being stopped`);
      return `pid ${n8n.service.pid}`;
    });
  }
}
