/**
 * UI tests in the real VS Code workbench (code-server), acting as a person: open the
 * sample note from the explorer, hover, peek, read the Problems panel, apply a quick
 * fix and expand the Conflicts view. Every step waits for a DOM state, never for a
 * fixed time, and saves a screenshot; a failure prints what it waited for.
 *
 * Run by `npm run test:vscode` (scripts/vscode/run.mjs), which starts code-server and
 * sets SOURCED_VSCODE_URL, SOURCED_UI_WORKSPACE, SOURCED_REPO and SOURCED_SHOTS.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { quickOpen, useWorkbench, waitFor } from './workbench';

const repo = process.env.SOURCED_REPO ?? '';
const shots = process.env.SOURCED_SHOTS ?? join(process.cwd(), 'test-results', 'vscode');

/**
 * Measures a substring of an editor line in the page. Written as source text because the
 * test runner's transpiler wraps named functions in a helper that the page does not have.
 * The editor renders spaces as no-break spaces and splits a line into many spans.
 */
const MEASURE_TEXT = new Function(
  'el',
  't',
  `const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
   const nodes = []; let full = '';
   for (let n = walker.nextNode(); n; n = walker.nextNode()) {
     const text = (n.textContent || '').replace(/\u00a0/g, ' ');
     nodes.push({ node: n, from: full.length, text }); full += text;
   }
   const start = full.indexOf(t); if (start < 0) return null;
   const end = start + t.length;
   const a = nodes.find((x) => start >= x.from && start <= x.from + x.text.length);
   const b = nodes.find((x) => end >= x.from && end <= x.from + x.text.length);
   const range = document.createRange();
   range.setStart(a.node, start - a.from); range.setEnd(b.node, end - b.from);
   const r = range.getBoundingClientRect();
   return { x: r.x, y: r.y, w: r.width, h: r.height };`,
) as (el: unknown, t: string) => unknown;

/** The text of a visible hover that matches a pattern, checked atomically in the page (hovers re-render while they load). */
const VISIBLE_HOVER_TEXT = new Function(
  'source',
  `const re = new RegExp(source);
   for (const h of document.querySelectorAll('.monaco-hover')) if (h.checkVisibility() && re.test(h.innerText)) return h.innerText;
   return null;`,
) as (source: string) => string | null;
const NO_VISIBLE_HOVER = new Function(`return ![...document.querySelectorAll('.monaco-hover')].some((h) => h.checkVisibility());`) as () => boolean;

describe('Sourced in the VS Code workbench, as a person uses it', function () {
  this.timeout(180_000);
  const session = useWorkbench({ developmentPath: repo });
  let page: Page;
  beforeEach(() => (page = session.page()));

  /** The screen rectangle of `text` inside the first editor line that contains `line`. */
  async function textBox(line: string, text: string): Promise<{ x: number; y: number; w: number; h: number }> {
    const row = await waitFor(`an editor line with “${line}”`, page.locator('.monaco-editor .view-lines .view-line', { hasText: line }));
    const box = (await row.evaluate(MEASURE_TEXT, text)) as { x: number; y: number; w: number; h: number } | null;
    assert.ok(box, `“${text}” is rendered in the line with “${line}”`);
    return box;
  }

  /** Hovers a word until a hover whose text matches `expected` is visible; returns the hover text. */
  async function hover(line: string, word: string, expected: RegExp): Promise<string> {
    for (let attempt = 0; attempt < 8; attempt++) {
      // The layout can still shift while the editor settles: measure before every attempt.
      const box = await textBox(line, word);
      await page.mouse.move(box.x + box.w / 2 + (attempt % 2), box.y + box.h / 2);
      try {
        const handle = await page.waitForFunction(VISIBLE_HOVER_TEXT, expected.source, { timeout: 4_000, polling: 100 });
        return (await handle.jsonValue()) as string;
      } catch {
        await page.mouse.move(5, 5);
        await page.waitForFunction(NO_VISIBLE_HOVER, null, { timeout: 4_000 }).catch(() => undefined);
      }
    }
    throw new Error(`waited for a hover matching ${expected} on “${word}”`);
  }

  /**
   * Opens the quick-fix menu (Ctrl+.) until `item` is in it. The menu lists the fixes known when it
   * opens: on a busy machine the diagnostics may still be on their way, so open it again, a few
   * times, a few seconds apart.
   */
  async function quickFixItem(what: string, item: Locator): Promise<Locator> {
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.keyboard.press('Control+.');
      if (await item.first().waitFor({ state: 'visible', timeout: 8_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
    }
    return waitFor(what, item);
  }

  async function clickOn(line: string, word: string): Promise<void> {
    const box = await textBox(line, word);
    await page.mouse.click(box.x + Math.min(box.w / 2, 8), box.y + box.h / 2);
  }

  it('opens the sample note from the explorer', async () => {
    await (await waitFor('the notes folder in the explorer', page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'notes' }))).click();
    await (await waitFor('microsoft-openai.md in the explorer', page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'microsoft-openai.md' }))).click();
    await waitFor('the note in the editor', page.locator('.monaco-editor .view-line', { hasText: 'Microsoft first invested' }));
    // The extension is active once its diagnostics are drawn.
    await waitFor('a warning squiggle from Sourced', page.locator('.monaco-editor .squiggly-warning'), 90_000);
  });

  it('hovers “Microsoft” and reads the card: source count, a passage, a link', async () => {
    const text = await hover('Microsoft first invested', 'Microsoft', /Mentioned \d+ times in 7 sources/);
    assert.match(text, /Microsoft · organization/);
    assert.match(text, /“/, 'the card quotes a passage');
    const links = await page.locator('.monaco-hover a').count();
    assert.ok(links > 0, 'the card links to the passage');
  });

  it('peeks every passage that mentions “CoreWeave” (Alt+F12)', async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await clickOn('CoreWeave signed', 'CoreWeave');
    // Alt+F12 is Peek Definition; the command palette runs the same command where a browser keeps the key.
    await page.keyboard.press('Alt+F12');
    if (!(await page.locator('.peekview-widget').first().isVisible())) {
      await page.keyboard.press('Control+Shift+P');
      const input = await waitFor('the command palette', page.locator('.quick-input-widget input'));
      await input.fill('>Peek Definition');
      await waitFor('the Peek Definition command', page.locator('.quick-input-list .monaco-list-row', { hasText: 'Peek Definition' }));
      await page.keyboard.press('Enter');
    }
    const peek = await waitFor('the peek view', page.locator('.peekview-widget'));
    await waitFor('a source file in the peek list', peek.locator('.monaco-list-row', { hasText: '000_340ddf6c8ccf0039' }));
    const text = await peek.innerText();
    assert.match(text, /001_6bf75829a100aece/);
  });

  it('finds the sources-disagree warning in the Problems panel', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const row = await waitFor('the sources-disagree row in Problems', page.locator('.markers-panel .monaco-list-row', { hasText: 'Sources disagree on early 2024' }));
    assert.match(await row.innerText(), /sources-disagree/);
  });

  it('applies “Cite …” from the quick-fix menu and reads the inserted footnote', async () => {
    await clickOn("Microsoft's $10 billion investment", 'early 2024');
    // Sources are named as a reader knows them: by title here, since the sample has no publisher.
    const item = await quickFixItem('a “Cite …” item in the quick-fix menu', page.locator('.action-widget .monaco-list-row', { hasText: 'Cite “Rising Tensions”' }));
    await page.screenshot({ path: join(shots, 'quick-fix-menu.png') });
    await item.click();
    await waitFor('the inserted footnote marker', page.locator('.monaco-editor .view-line', { hasText: 'early 2024.[^002]' }));
  });

  it('opens the Conflicts view and expands the $10 billion conflict', async () => {
    await (await waitFor('the Sourced activity bar icon', page.locator('.activitybar .action-item a[aria-label^="Sourced"], .activitybar .action-item [aria-label^="Sourced"]'))).click();
    const conflict = await waitFor('the $10 billion conflict', page.locator('.pane .monaco-list-row', { hasText: '$10 billion funding deal' }));
    // Conflicts open expanded; expand by hand only if the tree shows this one collapsed.
    const variant = page.locator('.pane .monaco-list-row', { hasText: 'early 2024' });
    await page.waitForFunction(
      new Function(`return [...document.querySelectorAll('.pane .monaco-list-row')].some((r) => r.getAttribute('aria-expanded') !== null && r.innerText.includes('$10 billion funding deal'));`) as () => boolean,
      null,
      { timeout: 30_000 },
    );
    if ((await conflict.getAttribute('aria-expanded')) === 'false') await conflict.click();
    await waitFor('the “early 2024” variant', variant);
    await waitFor('the “2023” variant', page.locator('.pane .monaco-list-row', { hasText: /^2023\s*1 source/ }));
  });

  it('reads every claim of the note in the Claims view, with its state and the counts', async () => {
    const claims = await waitFor('the Claims view', page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Claims' }) }));
    const header = claims.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await waitFor('a contradicted claim', claims.locator('.monaco-list-row', { hasText: '✗ CoreWeave signed a $25 billion deal' }));
    await waitFor('an uncited claim', claims.locator('.monaco-list-row', { hasText: '○ ChatGPT had 72 million users' }));
    await waitFor('the counts in the view title', header.locator('.description', { hasText: /1 ✗ · .*⚠/ }));
    await page.screenshot({ path: join(shots, 'claims-view.png') });
  });

  it('resolves the disagreement with “Insert a footnote noting the discrepancy”: the warning becomes an acknowledged finding', async () => {
    await clickOn("Microsoft's $10 billion investment", 'early 2024');
    await (await quickFixItem('the discrepancy fix in the quick-fix menu', page.locator('.action-widget .monaco-list-row', { hasText: 'Insert a footnote noting the discrepancy' }))).click();
    await waitFor('the discrepancy footnote marker', page.locator('.monaco-editor .view-line', { hasText: '[^discrepancy-1]' }));
    // The warning is gone from Problems; the acknowledged finding is listed as information.
    await page.keyboard.press('Control+Shift+M');
    await waitFor('the acknowledged-disagreement row in Problems', page.locator('.markers-panel .monaco-list-row', { hasText: 'Acknowledged: sources disagree on early 2024' }));
    await page.waitForFunction(
      new Function(`return ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => r.innerText.includes('Sources disagree on early 2024'));`) as () => boolean,
      null,
      { timeout: 30_000 },
    );
    // The Claims view follows: the claim reads as disputed and acknowledged.
    await waitFor('the acknowledged claim in the Claims view', page.locator('.pane .monaco-list-row', { hasText: "⚠ Microsoft's $10 billion investment" }));
  });

  it('follows “Show in Conflicts view” from a hover card to the conflict, selected', async () => {
    await page.keyboard.press('Escape');
    await hover("Microsoft's $10 billion investment", 'early 2024', /Show in Conflicts view/);
    await (await waitFor('the card’s Show in Conflicts view link', page.locator('.monaco-hover a', { hasText: 'Show in Conflicts view' }))).click();
    await waitFor('the conflict selected in the Conflicts view', page.locator('.pane .monaco-list-row[aria-selected="true"]', { hasText: '$10 billion funding deal' }));
  });

  it('quotes a passage of a source into the note, sees its backlink in the source, and the orphan once the source changes', async () => {
    await page.keyboard.press('Escape');
    // Open the source and select one paragraph.
    await quickOpen(page, '002_f68e69ac26bba3b9.txt');
    await clickOn('At the core of the dispute', 'At the core');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    // Quote Selection in Note, into the last note.
    await page.keyboard.press('Control+Shift+P');
    const input = await waitFor('the command palette', page.locator('.quick-input-widget input'));
    await input.fill('>Sourced: Quote Selection in Note');
    await (await waitFor('the Quote Selection command', page.locator('.quick-input-list .monaco-list-row', { hasText: 'Quote Selection in Note' }))).click();
    await (await waitFor('the last note first in the list', page.locator('.quick-input-list .monaco-list-row', { hasText: 'last note' }))).click();
    await waitFor('the quotation in the note, attributed', page.locator('.monaco-editor .view-line', { hasText: '> — [^002], line 11' }));
    await page.screenshot({ path: join(shots, 'quote-inserted.png') });
    // Back in the source: the passage is highlighted, with a CodeLens over it.
    await quickOpen(page, '002_f68e69ac26bba3b9.txt');
    // The sample's note quotes line 9 already: a second lens, over line 11, is the new quotation's.
    await page.waitForFunction(
      new Function(`return [...document.querySelectorAll('.monaco-editor .codelens-decoration')].filter((d) => d.textContent.includes('quoted in 1 note')).length >= 2;`) as () => boolean,
      null,
      { timeout: 90_000 },
    );
    // …and highlighted, in the theme's colour for quoted passages.
    await page.waitForFunction(
      new Function(`return [...document.querySelectorAll('.monaco-editor .view-overlays *')].some((e) => getComputedStyle(e).backgroundColor.startsWith('rgba(58, 110, 165'));`) as () => boolean,
      null,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: join(shots, 'backlinks.png') });
    // Change the passage in the source (unsaved): the note reports its quotation lost. A click on
    // the line number selects the whole line, however far the editor has scrolled sideways.
    await (await waitFor('line 11’s number', page.locator('.monaco-editor .line-numbers', { hasText: /^11$/ }))).click();
    await page.keyboard.type('The dispute has since been settled.\n');
    await page.keyboard.press('Control+Shift+M');
    await waitFor('quote-not-found in Problems', page.locator('.markers-panel .monaco-list-row', { hasText: 'The quotation is in no source' }), 90_000);
  });

  it('opens the sample’s PDF from the Sources view as its text, page by page, with Open PDF in the title bar', async () => {
    await page.keyboard.press('Escape');
    // The icon toggles the side bar: a second click opens it when the first closed it.
    const icon = await waitFor('the Sourced activity bar icon', page.locator('.activitybar .action-item a[aria-label^="Sourced"], .activitybar .action-item [aria-label^="Sourced"]'));
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Sources' }) });
    await icon.click();
    if (!(await pane.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) await icon.click();
    const sources = await waitFor('the Sources view', pane);
    const header = sources.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await (await waitFor('the PDF, named by its author and year', sources.locator('.monaco-list-row', { hasText: 'Priya Raman, 2025' }))).click();
    await waitFor('the PDF’s title in its front matter', page.locator('.monaco-editor .view-line', { hasText: 'From Exclusive Partner to One Supplier' }));
    await waitFor('the first page’s marker', page.locator('.monaco-editor .view-line', { hasText: '<!-- page 1 -->' }));
    await waitFor('Open PDF in the editor’s title bar', page.locator('.editor-actions [aria-label="Open PDF"], .editor-actions [title="Open PDF"]'));
    await page.screenshot({ path: join(shots, 'pdf-source.png') });
  });
});
