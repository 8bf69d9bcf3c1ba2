import * as assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/citationEdits';
import { quickFixes } from '../../src/core/features/codeActions';
import { backlinksOf } from '../../src/core/features/backlinks';
import { claimsOverview } from '../../src/core/features/claims';
import { quoteInsertion } from '../../src/core/features/quoteSelection';
import { hasHyphenatedLineEnds } from '../../src/core/hyphenation';
import { LanguageService } from '../../src/core/languageService';
import { parseNote } from '../../src/core/note';
import { Workspace } from '../../src/core/workspace';
import { check, corpusOf } from '../support/helpers';
import { HARBOR_BRIDGE } from '../support/harborBridge';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const corpus = corpusOf(HARBOR_BRIDGE);
const DEFS = '\n\n[^h]: herald\n[^g]: gazette\n';

describe('quotations: found in the sources, and judged', () => {
  const cases: Array<{ name: string; note: string; codes: string[]; message?: RegExp }> = [
    { name: 'a verbatim block quote of the cited source', note: `> Mayor Lucia Ferraz said the project would create 2,100 jobs.\n>\n> — [^h]${DEFS}`, codes: [] },
    { name: 'an inline quotation, line breaks and curly quotes aside', note: `The mayor said “the project would create 2,100 jobs”.[^h]${DEFS}`, codes: [] },
    { name: 'a word changed: misquote', note: `> Mayor Lucia Ferraz said the project would bring 2,100 jobs.\n>\n> — [^h]${DEFS}`, codes: ['misquote'], message: /differs from “Harbor Bridge gets green light” \(2024\), which reads “Mayor Lucia Ferraz said the project would create 2,100 jobs”\.$/ },
    { name: 'the words of another source: quote-not-in-cited-source', note: `> Officials said about 2,100 jobs would be created.\n>\n> — [^h]${DEFS}`, codes: ['quote-not-in-cited-source'], message: /not in the cited source “Harbor Bridge gets green light” \(2024\): it is in “Harbor Bridge: what we know”/ },
    { name: 'words no source has, with a citation: quote-not-found', note: `> The council voted nine to two after a long night of debate in the old town hall.\n>\n> — [^h]${DEFS}`, codes: ['quote-not-found'] },
    { name: 'words no source has, without a citation: nothing to say', note: '> The council voted nine to two after a long night of debate in the old town hall.\n', codes: [] },
    { name: 'an uncited quotation found in a source: uncited, with its source', note: '> Officials said about 2,100 jobs would be created.\n', codes: ['uncited-claim'], message: /^Uncited quotation: its words are in “Harbor Bridge: what we know”\.$/ },
    { name: 'an elision: the parts are in order in the cited source', note: `> Meridian Construction will build the 1.8 km span […] The Harbor Bridge is due to open in late 2027.\n>\n> — [^h]${DEFS}`, codes: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = check(corpus, c.note);
      const codes = result.diagnostics.map((d) => d.code).filter((code) => ['misquote', 'quote-not-in-cited-source', 'quote-not-found', 'uncited-claim'].includes(code));
      // Claims inside quotations are checked too; only the quotation's own findings are compared.
      const own = result.diagnostics.filter((d) => codes.includes(d.code) && (d.code !== 'uncited-claim' || /quotation/.test(d.message)));
      assert.deepEqual(own.map((d) => d.code), c.codes, result.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
      if (c.message) assert.match(own[0]!.message, c.message);
    });
  }

  it('each quotation fix leaves no finding on the quotation', () => {
    for (const text of [`> Mayor Lucia Ferraz said the project would bring 2,100 jobs.\n>\n> — [^h]${DEFS}`, `> Officials said about 2,100 jobs would be created.\n>\n> — [^h]${DEFS}`, '> Officials said about 2,100 jobs would be created.\n']) {
      const before = check(corpus, text);
      const d = before.diagnostics.find((x) => ['misquote', 'quote-not-in-cited-source', 'uncited-claim'].includes(x.code))!;
      const fix = quickFixes(before.note, corpus, [d], 'footnote')[0]!;
      assert.ok(fix, d.code);
      const after = applyEdits(text, fix.edits, (p) => before.note.lineIndex.offsetAt(p));
      const left = check(corpus, after).diagnostics.filter((x) => ['misquote', 'quote-not-in-cited-source', 'quote-not-found', 'unknown-citation'].includes(x.code) || (x.code === 'uncited-claim' && /quotation/.test(x.message)));
      assert.deepEqual(left.map((x) => `${x.code}: ${x.message}`), [], `${fix.title}:\n${after}`);
    }
  });

  it('the Claims view lists quotations, an orphan as such', () => {
    const note = parseNote('file:///n.md', `> The council voted nine to two after a long night of debate in the old town hall.\n>\n> — [^h]${DEFS}`);
    const result = check(corpus, note.text);
    const overview = claimsOverview(note, result, corpus);
    assert.deepEqual(overview.claims.filter((c) => c.kind === 'quotation').map((c) => c.state), ['orphan']);
  });
});

describe('quotation hover cards', () => {
  async function service(): Promise<LanguageService> {
    const fs = new MemoryFileSystem();
    for (const [name, text] of Object.entries(HARBOR_BRIDGE)) fs.write(`/ws/sources/${name}`, text);
    const ws = new Workspace('/ws', fs);
    await ws.indexSources();
    return new LanguageService(ws);
  }
  it('verbatim: says so, quotes the passage in its context, links to it', async () => {
    const doc = { uri: 'file:///ws/n.md', text: `> Mayor Lucia Ferraz said the project would create 2,100 jobs.\n>\n> — [^h]${DEFS}` };
    // On "said": a word of the quotation that is no name and no figure.
    const markdown = (await service()).hover(doc, { line: 0, character: doc.text.indexOf('said') + 1 })?.markdown ?? '';
    assert.match(markdown, /^✓ Quoted verbatim from “Harbor Bridge gets green light” \\\(2024\\\)\./);
    assert.match(markdown, /late 2027\. \*\*Mayor Lucia Ferraz said the project would create 2,100 jobs\.?\*\*/);
    assert.match(markdown, /\[line \d+\]\(file:\/\/\/ws\/sources\/herald\.md#L\d+(?:,\d+)?\)/);
  });
  it('misquoted: the words that differ, the source’s in bold and the note’s struck through', async () => {
    const doc = { uri: 'file:///ws/n.md', text: `> Mayor Lucia Ferraz said the project would bring 2,100 jobs.\n>\n> — [^h]${DEFS}` };
    const markdown = (await service()).hover(doc, { line: 0, character: doc.text.indexOf('said') + 1 })?.markdown ?? '';
    assert.match(markdown, /^≠ Differs from/);
    assert.match(markdown, /~~bring~~/);
    assert.match(markdown, /\*\*create\*\*/);
  });
});

describe('quoting a selection into a note', () => {
  const source = corpus.sources.find((s) => s.meta.key === 'herald')!;
  const line = source.text.split('\n').findIndex((l) => l.startsWith('Mayor'));
  const selection = { start: { line, character: 0 }, end: { line, character: 'Mayor Lucia Ferraz said the project would create 2,100 jobs.'.length } };
  const quote = (text: string | undefined, style: 'footnote' | 'pandoc'): string => {
    const note = text === undefined ? undefined : parseNote('file:///n.md', text);
    const { edits } = quoteInsertion(note, corpus, source, selection, style);
    const base = text ?? '';
    const index = parseNote('file:///n.md', base).lineIndex;
    return applyEdits(base, edits, (p) => index.offsetAt(p));
  };
  it('into a note with a footnote for the source: the quote, attributed with it and the line, before the definitions', () => {
    const after = quote('# Notes\n\nIt costs €640 million.[^h]\n\n[^h]: herald\n', 'footnote');
    assert.equal(after, `# Notes\n\nIt costs €640 million.[^h]\n\n> Mayor Lucia Ferraz said the project would create 2,100 jobs.\n>\n> — [^h], line ${line + 1}\n\n[^h]: herald\n`);
    assert.deepEqual(check(corpus, after).quotes.map((q) => q.verdict), ['verbatim'], 'the quotation it wrote anchors to the passage');
  });
  it('into an empty note, in Pandoc style', () => {
    assert.equal(quote('', 'pandoc'), `> Mayor Lucia Ferraz said the project would create 2,100 jobs.\n>\n> — [@herald, line ${line + 1}]\n\n`);
  });
  it('into a note without a footnote for the source: a readable label and its reference', () => {
    const after = quote('# Notes\n', 'footnote');
    assert.match(after, /> — \[\^harbor-bridge-gets-2024\], line \d+\n\n\[\^harbor-bridge-gets-2024\]: “Harbor Bridge gets green light,” 2 March 2024\.\n$/);
    assert.deepEqual(check(corpus, after).quotes.map((q) => q.verdict), ['verbatim']);
  });
});

describe('backlinks of a source', () => {
  it('the passages notes quote or cite, each with the notes’ places', () => {
    const herald = corpus.sources.find((s) => s.meta.key === 'herald')!;
    const quoting = check(corpus, `> Mayor Lucia Ferraz said the project would create 2,100 jobs.\n>\n> — [^h]${DEFS}`);
    const citing = check(corpus, `The Harbor Bridge will cost €640 million.[^h]${DEFS}`);
    const passages = backlinksOf(herald, [
      { note: { ...quoting.note, uri: 'file:///a.md' }, check: quoting },
      { note: { ...citing.note, uri: 'file:///b.md' }, check: citing },
    ]);
    const summary = passages.map((p) => `${p.range.start.line}: ${p.links.map((l) => `${l.uri} ${l.kind}`).join(', ')}`);
    assert.ok(summary.some((s) => /file:\/\/\/a\.md quote/.test(s)), summary.join('\n'));
    assert.ok(summary.some((s) => /file:\/\/\/b\.md citation/.test(s)), summary.join('\n'));
  });
});

describe('quoting a passage broken across lines', () => {
  const broken = corpusOf({ 'scan.txt': 'A scanned report\n\nThe committee found that the inter-\nnational agreement had been ignored.\n' });
  const source = broken.sources[0]!;
  const selection = { start: { line: 2, character: 0 }, end: { line: 3, character: 'national agreement had been ignored.'.length } };
  const cases: Array<[boolean, string]> = [
    [false, '> The committee found that the inter-\n> national agreement had been ignored.'],
    [true, '> The committee found that the international agreement had been ignored.'],
  ];
  for (const [join, expected] of cases) {
    it(join ? 'joins the hyphenated words when the writer chooses to' : 'keeps the source’s line break by default', () => {
      const { edits } = quoteInsertion(undefined, broken, source, selection, 'pandoc', { joinHyphenation: join });
      const text = applyEdits('', edits, (p) => parseNote('file:///n.md', '').lineIndex.offsetAt(p));
      assert.ok(text.startsWith(expected), text);
      // Either way, the quotation anchors to the passage.
      assert.deepEqual(check(broken, text).quotes.map((q) => q.verdict), ['verbatim'], text);
    });
  }
  it('tells a line-end hyphen from a hyphenated word', () => {
    assert.equal(hasHyphenatedLineEnds('the inter-\nnational'), true);
    assert.equal(hasHyphenatedLineEnds('a well-known fact'), false);
    assert.equal(hasHyphenatedLineEnds('the North-\nEast'), false, 'a capital after the break: a hyphenated name');
  });
});

describe('quoting a passage that crosses page furniture', () => {
  const scraped = corpusOf({ 'page.txt': 'Bridge approved\n\nThe council approved the bridge on Monday.\nAdvertisement\nIt will open in 2027, the mayor said.\n' });
  const source = scraped.sources[0]!;
  const selection = { start: { line: 2, character: 0 }, end: { line: 4, character: 'It will open in 2027, the mayor said.'.length } };
  it('says how many furniture lines the passage crosses, keeps them by default, and leaves them out when asked', () => {
    const kept = quoteInsertion(undefined, scraped, source, selection, 'pandoc');
    const dropped = quoteInsertion(undefined, scraped, source, selection, 'pandoc', { dropFurniture: true });
    const text = (q: typeof kept): string => applyEdits('', q.edits, (p) => parseNote('file:///n.md', '').lineIndex.offsetAt(p));
    assert.ok(kept.furnitureLines >= 1, `furniture lines: ${kept.furnitureLines}`);
    assert.match(text(kept), /> Advertisement\n/);
    assert.equal(dropped.furnitureLines, 0);
    assert.doesNotMatch(text(dropped), /Advertisement/);
    assert.match(text(dropped), /> The council approved the bridge on Monday\. \\?\[…\\?\] It will open in 2027, the mayor said\./);
    // The furniture left out is an elision: the quotation still anchors, verbatim.
    assert.deepEqual(check(scraped, text(dropped)).quotes.map((q) => q.verdict), ['verbatim']);
  });
});
