/**
 * The n8n editor in a real browser: sign in as the owner through the sign-in form, open the
 * flagship workflow, and keep a screenshot of its canvas in docs/ for the README; open version 2
 * and version 3 and 4 Request Response Action nodes and see only the fields of their action type,
 * the Simplify toggle (version 3 on) and the Options collection (version 4).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/n8n/lib/host';
import type { N8nOwner } from '../../scripts/n8n/lib/n8n-api';
import type { RunningN8n } from '../../scripts/n8n/lib/n8n-server';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';
import { logFile, type E2eContext, type ImportedWorkflow } from './context';
import { expect } from './report';

export const FLAGSHIP_PNG = join(repoRoot, 'docs', 'n8n-flagship-workflow.png');

/** The example the README shows: critical case → AI summary → isolation with approval. */
export function flagshipWorkflow(imported: ImportedWorkflow[]): ImportedWorkflow | undefined {
  return imported.find((w) => w.source === 'examples/critical-case-isolation.json');
}

/** The response action workflow holds request nodes (disabled) for the editor to open. */
interface RequestNode {
  source: string;
  node: string;
  version: number;
  type: string;
  /** The target fields this type shows; the others must not. */
  targets: string[];
  /** Version 3 adds n8n's Simplify toggle. */
  simplify: boolean;
  /** Version 4 puts optional fields in a collection: these labels show inside it. */
  collected?: string[];
}
const V2_REQUEST: RequestNode = {
  source: 'e2e/response-action.json',
  node: 'Request Isolation (v2 fields)',
  version: 2,
  type: 'isolate_device',
  targets: ['Target Device'],
  simplify: false,
};
const V3_REQUEST: RequestNode = {
  source: 'e2e/response-action.json',
  node: 'Request IOC (v3 fields)',
  version: 3,
  type: 'add_ioc',
  targets: ['IOC Type', 'IOC Value'],
  simplify: true,
};

const V4_REQUEST: RequestNode = {
  source: 'e2e/response-action.json',
  node: 'Request User Disable (v4 fields)',
  version: 4,
  type: 'disable_user',
  targets: ['Target User'],
  simplify: true,
  // A long label in a collection is shortened in a narrow panel ("Approval Expires After (Secon…").
  collected: ['Options', 'Approval Expires After'],
};

/** Labels of the target fields of each action type, as the node renders them. */
const TARGET_LABELS = ['Target Device', 'Target User', 'IOC Type', 'IOC Value'];

async function signIn(page: Page, n8n: RunningN8n, owner: N8nOwner): Promise<void> {
  await page.goto(`${n8n.url}/signin`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('input[type="email"]').fill(owner.email, { timeout: 30_000 });
  await page.locator('input[type="password"]').fill(owner.password);
  await page.locator('[data-test-id="form-submit-button"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

/**
 * Opens a Request Response Action node in the editor: n8n itself evaluates the displayOptions,
 * so only the target fields of its action type may show, and version 3's Simplify toggle
 * (a switch labelled Simplify in the panel's DOM) must.
 */
async function requestFieldsCheck(
  ctx: E2eContext,
  n8n: RunningN8n,
  owner: N8nOwner,
  request: RequestNode,
): Promise<void> {
  const holder = ctx.imported.find((w) => w.source === request.source);
  const wanted = `${request.targets.join(', ')}${request.simplify ? ' and Simplify' : ''}`;
  await ctx.checks.check(
    `the n8n editor shows Request Response Action (v${request.version}, ${request.type}) with ${wanted} only`,
    async () => {
      expect(holder, `${request.source} was not imported`);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await signIn(page, n8n, owner);
        await page.goto(`${n8n.url}/workflow/${holder.workflow.id}`, {
          waitUntil: 'domcontentloaded',
          timeout: 60_000,
        });
        const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: request.node });
        await node.first().waitFor({ timeout: 60_000 });
        await page.keyboard.press('Escape');
        await node.first().dblclick();
        const panel = page.locator('[data-test-id="ndv"]');
        await panel
          .getByText('Justification', { exact: true })
          .first()
          .waitFor({ timeout: 30_000 });
        // The Options collection renders its items after the fields above it: wait for each
        // (a label that never shows is reported below, not thrown here).
        for (const label of request.collected ?? []) {
          await panel
            .getByText(label)
            .first()
            .waitFor({ timeout: 15_000 })
            .catch(() => undefined);
        }
        const text = await panel.innerText();
        const shown = TARGET_LABELS.filter((label) => text.includes(label));
        // The toggle itself, not just the word: the parameter's switch in the panel.
        const simplify = await panel
          .locator(
            '[data-test-id="parameter-input-simplify"], [data-test-id="parameter-item"]:has-text("Simplify") .el-switch',
          )
          .count()
          .then((n) => n > 0);
        const missing = (request.collected ?? []).filter((label) => !text.includes(label));
        const ok =
          shown.join() === request.targets.join() &&
          simplify === request.simplify &&
          missing.length === 0;
        if (!ok) {
          await page.screenshot({
            path: logFile(`n8n-editor-v${request.version}-fields`).replace(/log$/, 'png'),
          });
        }
        expect(
          ok,
          `target fields shown: ${shown.join(', ')}; Simplify toggle ${simplify ? 'shown' : 'absent'}; not shown: ${missing.join(', ') || 'none'}`,
        );
        const hidden = TARGET_LABELS.filter((label) => !shown.includes(label));
        const collected = request.collected ? `; ${request.collected.join(' > ')} shown` : '';
        return `${request.node}: ${shown.join(', ')} shown; ${hidden.join(', ')} hidden; Simplify toggle ${simplify ? 'shown' : 'absent'}${collected}`;
      } finally {
        await browser.close();
      }
    },
  );
}

export async function editorScreenshotCheck(
  ctx: E2eContext,
  n8n: RunningN8n,
  owner: N8nOwner,
): Promise<void> {
  await requestFieldsCheck(ctx, n8n, owner, V2_REQUEST);
  await requestFieldsCheck(ctx, n8n, owner, V3_REQUEST);
  await requestFieldsCheck(ctx, n8n, owner, V4_REQUEST);
  const flagship = flagshipWorkflow(ctx.imported);
  await ctx.checks.check(
    `Chromium signs in to the n8n editor and shows ${flagship?.source ?? 'the flagship workflow'}`,
    async () => {
      expect(flagship, 'no workflow to show');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await signIn(page, n8n, owner);
        await page.goto(`${n8n.url}/workflow/${flagship.workflow.id}`, {
          waitUntil: 'domcontentloaded',
          timeout: 60_000,
        });
        const nodes = page.locator('[data-test-id="canvas-node"]');
        await nodes.first().waitFor({ timeout: 60_000 });
        const expected = flagship.workflow.nodes.filter(
          (n) => !n.type.endsWith('stickyNote'),
        ).length;
        // A string, evaluated in the page (this file is type-checked without the DOM library).
        await page.waitForFunction(
          `document.querySelectorAll('[data-test-id="canvas-node"]').length >= ${expected}`,
          undefined,
          { timeout: 30_000 },
        );
        // Let the canvas finish fitting the view and drop any toasts before the picture.
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1500);
        const shown = await nodes.count();
        const text = await page.locator('body').innerText();
        const named = flagship.workflow.nodes.filter((n) => !n.type.endsWith('stickyNote'));
        const missing = named.filter((n) => !text.includes(n.name)).map((n) => n.name);
        if (missing.length > 0)
          await page.screenshot({ path: logFile('n8n-editor-failed').replace(/log$/, 'png') });
        expect(missing.length === 0, `not on the canvas: ${missing.join(', ')}`);
        await page.screenshot({ path: FLAGSHIP_PNG });
        return `${shown} nodes; ${FLAGSHIP_PNG.replace(`${repoRoot}/`, '')} ${statSync(FLAGSHIP_PNG).size} bytes`;
      } finally {
        await browser.close();
      }
    },
  );
}
