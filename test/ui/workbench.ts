/**
 * What the UI tests share: a headless chromium on the code-server that scripts/vscode/run.mjs
 * started, waits that say what they waited for, and screenshot names.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Opens the workbench on a folder. With a development path, the extension is loaded from there (as F5 does); without one, VS Code runs the extensions installed in code-server. */
export async function openWorkbench(base: string, folder: string, developmentPath?: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (developmentPath) url += `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${new URL(base).host}${developmentPath}`]]))}`;
  await page.goto(url);
  await waitFor('the workbench', page.locator('.monaco-workbench'));
  return { browser, page };
}

/** Waits for a locator to be visible, failing with a message that says what was awaited. */
export async function waitFor(what: string, locator: Locator, timeout = 60_000): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`waited ${timeout / 1000} s for ${what} (${locator.toString()})`);
  }
  return locator.first();
}

/**
 * Opens a file of the workspace by name with Quick Open (Ctrl+P), as a person who knows its name
 * does, and waits for its editor tab: unlike clicks in the explorer, this does not depend on which
 * folders the tree has expanded, or on a click landing while the tree is still being laid out.
 */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = await waitFor('Quick Open', page.locator('.quick-input-widget input'));
  await input.fill(fileName);
  await (await waitFor(`${fileName} in Quick Open`, page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }))).click();
  await waitFor(`${fileName} open in the editor`, page.locator('.tabs-container .tab.active', { hasText: fileName }));
}

/** The file name of the screenshot taken after a test: its order, its title, and whether it failed. */
export function screenshotName(step: number, title: string, failed: boolean): string {
  return `${String(step).padStart(2, '0')}-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 50)}${failed ? '-FAILED' : ''}.png`;
}

/**
 * The hooks every UI suite needs, registered in the calling `describe`: the workbench opened on
 * SOURCED_UI_WORKSPACE (the suite is skipped without code-server), a screenshot after each test
 * (named with `prefix`), and the browser closed at the end. `page()` is the open page.
 */
export function useWorkbench(options: { prefix?: string; developmentPath?: string } = {}): { page(): Page } {
  const base = process.env.SOURCED_VSCODE_URL ?? '';
  const workspace = process.env.SOURCED_UI_WORKSPACE ?? '';
  const shots = process.env.SOURCED_SHOTS ?? join(process.cwd(), 'test-results', 'vscode');
  let browser: Browser | undefined;
  let page: Page | undefined;
  let step = 0;
  before(async function () {
    if (!base || !workspace) this.skip();
    mkdirSync(shots, { recursive: true });
    ({ browser, page } = await openWorkbench(base, workspace, options.developmentPath));
  });
  afterEach(async function () {
    if (!page) return;
    await page.screenshot({ path: join(shots, `${options.prefix ?? ''}${screenshotName(++step, this.currentTest!.title, this.currentTest!.state === 'failed')}`) });
  });
  after(async () => browser?.close());
  return { page: () => page! };
}
