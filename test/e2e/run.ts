/**
 * The end-to-end proof: a real n8n (2.40.7, Node 24) with our community package, the Zapier
 * CLI on the bundled app, and a real browser, all against a sandbox on 127.0.0.1.
 * Prints each check as it ends and closes with `N passed, N failed`; exits 1 if any failed.
 *
 *   npm run test:e2e                  everything
 *   npm run test:e2e -- n8n zapier    only some parts (setup always runs): n8n, zapier, browser
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packCommunityPackage } from '../../scripts/n8n/lib/community-package';
import { ensureN8nInstalled, N8N_VERSION } from '../../scripts/n8n/lib/host';
import { killAllServicesNow, stopAllServices } from '../../scripts/n8n/lib/processes';
import { startSandboxProcess } from '../../scripts/n8n/lib/sandbox-process';
import { browserSandboxPart } from './browser.part';
import { E2E_TOKENS, e2eSandboxOptions, WORK_DIR, type E2eContext } from './context';
import { n8nCliPart } from './n8n-cli.part';
import { n8nServerPart } from './n8n-server.part';
import { Checks, PartAborted } from './report';
import { zapierPart } from './zapier.part';

type Part = { name: string; title: string; run: (ctx: E2eContext) => Promise<void> };

const PARTS: Part[] = [
  { name: 'n8n', title: `n8n ${N8N_VERSION} CLI: import and execute`, run: n8nCliPart },
  {
    name: 'n8n',
    title: `n8n ${N8N_VERSION} server: trigger, approval, editor`,
    run: n8nServerPart,
  },
  { name: 'zapier', title: 'Zapier CLI: validate, build, invoke', run: zapierPart },
  { name: 'browser', title: 'Chromium: the sandbox docs page', run: browserSandboxPart },
];

async function setup(ctx: E2eContext, wantN8n: boolean): Promise<void> {
  const { checks } = ctx;
  checks.section('setup');
  if (wantN8n) {
    ctx.host = await checks.must(`n8n ${N8N_VERSION} on Node 24 is installed`, async () => {
      const host = await ensureN8nInstalled();
      ctx.host = host;
      return host;
    });
    checks.note(`n8n lives in ${ctx.host.dir}`);
    ctx.tgz = await checks.must('n8n-nodes builds (npm run n8n:build) and packs (npm pack)', () =>
      packCommunityPackage(join(WORK_DIR, 'pack')),
    );
  }
  ctx.sandbox = await checks.must('the sandbox starts on 127.0.0.1 with fixed tokens', () =>
    // Its data in a file of the run: the stream check restarts it on the same port and data.
    startSandboxProcess(E2E_TOKENS, e2eSandboxOptions()),
  );
  checks.note(`sandbox at ${ctx.sandbox.url}`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = PARTS.filter((p) => wanted.length === 0 || wanted.includes(p.name));
  const checks = new Checks();
  checks.hide(...Object.values(E2E_TOKENS));
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(join(WORK_DIR, 'logs'), { recursive: true });
  const mcpToken = `mcp_${randomBytes(24).toString('hex')}`;
  const ctx: E2eContext = {
    checks,
    userFolder: join(WORK_DIR, 'n8n-user'),
    // A throwaway n8n: a fixed key lets one inspect its folder after a failed run.
    encryptionKey: 'senseon-e2e-throwaway-encryption-key',
    imported: [],
    mcpToken,
  };
  checks.hide(mcpToken);
  console.log(`End-to-end run: ${selected.map((p) => p.title).join('; ')}`);
  console.log(`Logs: ${join(WORK_DIR, 'logs')}`);
  try {
    await setup(
      ctx,
      selected.some((p) => p.name === 'n8n'),
    );
    for (const part of selected) {
      checks.section(part.title);
      const partStarted = Date.now();
      try {
        await part.run(ctx);
      } catch (error) {
        if (!(error instanceof PartAborted)) {
          await checks.check(`${part.title} ran to its end`, () => {
            throw error;
          });
        } else {
          checks.note(error.message);
        }
      }
      checks.note(`(${((Date.now() - partStarted) / 1000).toFixed(0)} s)`);
    }
  } catch (error) {
    if (!(error instanceof PartAborted)) throw error;
    checks.note(`setup failed: ${error.message}`);
  } finally {
    await stopAllServices();
  }
  console.log(`\nEnd-to-end run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(checks.summary());
  return checks.failed === 0 && checks.passed > 0 ? 0 : 1;
}

// Whatever happens, the children (n8n, the sandbox) are stopped by their PIDs.
process.on('exit', killAllServicesNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllServicesNow();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
