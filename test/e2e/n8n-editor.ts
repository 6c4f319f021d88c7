/**
 * The n8n editor in a real browser: sign in as the owner through the sign-in form, open the
 * flagship workflow, and keep a screenshot of its canvas in docs/ for the README.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/n8n/lib/host';
import type { N8nOwner } from '../../scripts/n8n/lib/n8n-api';
import type { RunningN8n } from '../../scripts/n8n/lib/n8n-server';
import { launchChromium } from './browser';
import { logFile, type E2eContext, type ImportedWorkflow } from './context';
import { expect } from './report';

export const FLAGSHIP_PNG = join(repoRoot, 'docs', 'n8n-flagship-workflow.png');

/** The example the README shows: critical case → AI summary → isolation with approval. */
export function flagshipWorkflow(imported: ImportedWorkflow[]): ImportedWorkflow | undefined {
  return imported.find((w) => w.source === 'examples/critical-case-isolation.json');
}

export async function editorScreenshotCheck(
  ctx: E2eContext,
  n8n: RunningN8n,
  owner: N8nOwner,
): Promise<void> {
  const flagship = flagshipWorkflow(ctx.imported);
  await ctx.checks.check(
    `Chromium signs in to the n8n editor and shows ${flagship?.source ?? 'the flagship workflow'}`,
    async () => {
      expect(flagship, 'no workflow to show');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await page.goto(`${n8n.url}/signin`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
        await page.locator('input[type="email"]').fill(owner.email, { timeout: 30_000 });
        await page.locator('input[type="password"]').fill(owner.password);
        await page.locator('[data-test-id="form-submit-button"]').click();
        await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
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
