/**
 * Smoke test of the packaged extension, as a user gets it. `npm run test:vscode -- --installed
 * sourced.vsix` (scripts/vscode/run.mjs) installs the .vsix into code-server with
 * `--install-extension` and opens the workbench without a development path, so what runs here is
 * the .vsix's release bundles: the extension page shows its icon and the user README, and opening
 * the sample note brings Sourced's diagnostics and its views. Every step waits for a DOM state and
 * saves a screenshot (installed-*.png).
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useWorkbench, waitFor } from './workbench';

describe('Sourced installed from the .vsix, as a user gets it', function () {
  this.timeout(180_000);
  const session = useWorkbench({ prefix: 'installed-' });
  let page: Page;
  beforeEach(() => (page = session.page()));

  it('opens the sample note and underlines what its sources dispute', async () => {
    await (await waitFor('the notes folder in the explorer', page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes' }))).click();
    await (await waitFor('microsoft-openai.md in the explorer', page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'microsoft-openai.md' }))).click();
    await waitFor('the note in the editor', page.locator('.monaco-editor .view-line', { hasText: 'Microsoft first invested' }));
    await waitFor('a warning squiggle from Sourced', page.locator('.monaco-editor .squiggly-warning'), 90_000);
    await page.keyboard.press('Control+Shift+M');
    const row = await waitFor('the sources-disagree row in Problems', page.locator('.markers-panel .monaco-list-row', { hasText: 'Sources disagree on early 2024' }));
    assert.match(await row.innerText(), /sources-disagree/);
  });

  it('shows the Sources and Conflicts views in the Sourced side bar', async () => {
    await (await waitFor('the Sourced activity bar icon', page.locator('.activitybar .action-item [aria-label^="Sourced"]'))).click();
    await waitFor('a sample source in the Sources view', page.locator('.pane .monaco-list-row', { hasText: '000_340ddf6c8ccf0039' }));
    await waitFor('the $10 billion conflict in the Conflicts view', page.locator('.pane .monaco-list-row', { hasText: '$10 billion funding deal' }));
  });

  it('lists Sourced among the installed extensions, with its icon, and its page shows the user README', async () => {
    await page.keyboard.press('Control+Shift+X');
    const item = await waitFor('Sourced in the installed extensions', page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Sourced' }));
    await item.click();
    const editor = await waitFor('the extension page', page.locator('.extension-editor'));
    assert.equal((await editor.locator('.header .name').first().innerText()).trim(), 'Sourced');
    // The icon the package names, loaded (a missing one falls back to VS Code's generic icon).
    const icon = editor.locator('.header .icon-container img.icon').first();
    await page.waitForFunction(
      new Function('img', 'return img.complete && img.naturalWidth >= 128 && /sourced\\.png/.test(img.currentSrc || img.src);') as (img: unknown) => boolean,
      await icon.elementHandle(),
      { timeout: 30_000 },
    );
    // The page offers the changelog the package ships.
    assert.match(await editor.locator('.navbar').first().innerText(), /changelog/i);
    // The README is rendered in a webview (an iframe over the editor, holding the active frame).
    const readme = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    await waitFor('the user README’s Getting started', readme.locator('h2', { hasText: 'Getting started' }));
    const text = await readme.locator('body').innerText();
    assert.match(text, /Sourced checks research notes/);
    assert.doesNotMatch(text, /npm (ci|test)/, 'not the developers’ README');
  });
});
