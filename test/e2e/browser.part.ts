/**
 * A real browser on the sandbox's docs page: the page renders the API reference from the
 * sandbox's own OpenAPI document, and a screenshot of it lands in docs/ for the README.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/n8n/lib/host';
import { launchChromium } from './browser';
import type { E2eContext } from './context';
import { expect } from './report';

export const SANDBOX_DOCS_PNG = join(repoRoot, 'docs', 'sandbox-docs.png');

export async function browserSandboxPart(ctx: E2eContext): Promise<void> {
  const { checks } = ctx;
  const docsUrl = ctx.sandbox!.docsUrl;
  const browser = await checks.must(
    'headless Chromium starts (playwright-core, system Chromium)',
    () => launchChromium(),
  );
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await checks.check(`the sandbox docs page renders the API reference (${docsUrl})`, async () => {
      const response = await page.goto(docsUrl, { waitUntil: 'networkidle', timeout: 60_000 });
      expect(response?.ok(), `GET /docs answered ${response?.status()}`);
      // Swagger UI draws one block per operation once it has read the OpenAPI document.
      await page.waitForSelector('.opblock', { timeout: 30_000 });
      const operations = await page.locator('.opblock').count();
      const text = await page.locator('body').innerText();
      expect(operations >= 20, `only ${operations} operations shown`);
      expect(/cases/i.test(text) && /actions/i.test(text), 'cases and actions are not on the page');
      await page.screenshot({ path: SANDBOX_DOCS_PNG });
      return `${operations} operations; ${SANDBOX_DOCS_PNG.replace(`${repoRoot}/`, '')} ${statSync(SANDBOX_DOCS_PNG).size} bytes`;
    });
  } finally {
    await browser.close();
  }
}
