/**
 * Sources are scraped from the web: every byte of them is untrusted. These tests feed
 * hostile articles (Markdown and HTML injection, `command:` and `javascript:` links,
 * terminal escape sequences, hostile file names and configuration files) through the
 * real core and check every surface that shows their text: hover Markdown (parsed with
 * a real CommonMark + GFM parser, and rendered with the marked release VS Code bundles,
 * configured as VS Code configures it for hovers), tree data, messages, notes, the
 * command line, and path resolution; and that every surface stays small, whatever the
 * size of what it quotes.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked, type Tokens } from 'marked';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { main } from '../../src/cli/main';
import { applyEdits, referenceFor } from '../../src/core/citationEdits';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { codeSpan, commandLink, escapeMarkdown, fitBlocks, lineLink, MAX_HOVER } from '../../src/core/features/markdown';
import { conflictsTree, uniqueIds } from '../../src/core/features/views';
import type { FileSystem } from '../../src/core/fileSystem';
import { LanguageService } from '../../src/core/languageService';
import { HOVER_COMMANDS } from '../../src/core/protocol';
import { LineIndex } from '../../src/core/lineIndex';
import { citationKeyProblem, keyFromFileName } from '../../src/core/source';
import type { TextEdit } from '../../src/core/types';
import { clip, clipLine, inertText, jsonText, LIMITS, oneLine, quoteName, shortName, stripControls, terminalText } from '../../src/core/untrusted';
import { Workspace } from '../../src/core/workspace';
import { hoverCommandAllowList, trustHover } from '../../src/extension/hoverTrust';
import { NodeFileSystem } from '../../src/node/fileSystem';
import { check, codesByLine, corpusOf } from '../support/helpers';

// ---------------------------------------------------------------------------
// What a Markdown renderer would make of hover Markdown.

type Md = { type: string; url?: string; value?: string; children?: Md[] };
const markdown = unified().use(remarkParse).use(remarkGfm);

function nodes(tree: Md): Md[] {
  const out: Md[] = [];
  const stack = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    stack.push(...(node.children ?? []));
  }
  return out;
}

/** The text a reader sees in a node: text and inline code, in order. */
function textOf(node: Md): string {
  return node.type === 'text' || node.type === 'inlineCode' ? node.value! : (node.children ?? []).map(textOf).join('');
}

/** The text a reader sees in rendered Markdown. */
function rendered(md: string): string {
  return textOf(markdown.parse(md) as Md);
}

// A scheme a link could run, `www.` hosts (anywhere: marked links the `www.` of "Loginwww.x")
// and e-mail addresses: what renderers linkify in text.
const LINKABLE_TEXT = /(?<![A-Za-z0-9+.-])(?:javascript|vbscript|command|vscode|data|file|https?|ftp|mailto|xmpp):|www\.|[\w.+-]+@[\w.-]+/i;
const SHOW_MENTIONS = `command:${HOVER_COMMANDS.showMentions}?`;
// Control characters, bidirectional overrides and marks, and zero-width characters.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;
const COMMAND_LABELS: Record<string, string> = { [HOVER_COMMANDS.showConflicts]: 'Show in Conflicts view', [HOVER_COMMANDS.showMentions]: 'Show all mentions' };

/** Documents a hover may link to: sources (file links) and documents (references peeks). */
interface Known {
  readonly sources: ReadonlySet<string>;
  readonly documents: ReadonlySet<string>;
}

/**
 * What is wrong with a link in hover Markdown, if anything: Sourced links only to known source
 * passages (`file:`), to the Conflicts view, and to Show All Mentions of a known document with a
 * position. `label` is checked when given.
 */
function linkProblem(url: string, known: Known, label?: string): string | undefined {
  const fileTarget = /^file:/.test(url) ? url.replace(/#L\d+(?:,\d+)?$/, '') : undefined;
  if (fileTarget !== undefined) {
    return [...known.sources].some((s) => decodeURI(s) === decodeURI(fileTarget)) ? undefined : `file link to an unknown document: ${url}`;
  }
  if (url === `command:${HOVER_COMMANDS.showConflicts}` || url.startsWith(`command:${HOVER_COMMANDS.showConflicts}?`)) {
    // The one argument, when there is one, is a conflict's id: a hash the engine made, never source text.
    const query = url.slice(`command:${HOVER_COMMANDS.showConflicts}?`.length);
    if (url.includes('?')) {
      let args: unknown;
      try {
        args = JSON.parse(decodeURIComponent(query));
      } catch {
        return `malformed show-conflicts link: ${url}`;
      }
      if (!Array.isArray(args) || args.length !== 1 || typeof args[0] !== 'string' || !/^[\w~-]{1,40}$/.test(args[0])) return `malformed show-conflicts link: ${url}`;
    }
    return label === undefined || label === COMMAND_LABELS[HOVER_COMMANDS.showConflicts] ? undefined : `command link with a label Sourced did not write: ${label}`;
  }
  if (url.startsWith(SHOW_MENTIONS)) {
    let args: unknown[];
    try {
      args = JSON.parse(decodeURIComponent(url.slice(SHOW_MENTIONS.length))) as unknown[];
    } catch {
      return `malformed show-mentions link: ${url}`;
    }
    const [uri, position, ...rest] = args as [string, { line: number; character: number }];
    const wellFormed = rest.length === 0 && known.documents.has(uri) && !!position && Object.keys(position).sort().join() === 'character,line' && Number.isInteger(position.line) && Number.isInteger(position.character);
    return wellFormed && (label === undefined || label === COMMAND_LABELS[HOVER_COMMANDS.showMentions]) ? undefined : `malformed show-mentions link: ${url}`;
  }
  return `link: ${url}`;
}

// ---------------------------------------------------------------------------
// What VS Code makes of hover Markdown. VS Code 1.139 (the release `npm run test:vscode` runs;
// its ThirdPartyNotices name "marked 14.0.0") renders hovers with its bundled marked:
// `new Marked()` and `parse(value, { renderer, async: false })`, so GFM on and line breaks off,
// after cutting the value at 100,000 characters (`value.substr(0, 100_000) + '…'`). Its renderer
// makes `<a href>` of every link token and drops raw HTML unless it is a `<span>` in a trusted
// string; here raw HTML is marked instead, so that a test sees it.

const VSCODE_HOVER_CUT = 100_000;
const vscodeMarked = new Marked({
  renderer: {
    link({ href, tokens }: Tokens.Link): string {
      return `<a href="${href.replace(/"/g, '&quot;')}">${this.parser.parseInline(tokens)}</a>`;
    },
    image({ href }: Tokens.Image): string {
      return `<img src="${href.replace(/"/g, '&quot;')}">`;
    },
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return `<raw-html>${text.replace(/</g, '&lt;')}</raw-html>`;
    },
  },
});

/** The HTML VS Code renders from hover Markdown (with its cut), as far as links, images and HTML go. */
function vscodeHoverHtml(md: string): string {
  const value = md.length > VSCODE_HOVER_CUT ? `${md.substring(0, VSCODE_HOVER_CUT)}…` : md;
  return vscodeMarked.parse(value, { async: false }) as string;
}

/**
 * What VS Code would render from hover Markdown that Sourced did not mean: any `<a>` other than
 * Sourced's own `file:` and allow-listed `command:` links, images, and raw HTML.
 */
function vscodeProblems(md: string, known: Known): string[] {
  const html = vscodeHoverHtml(md);
  const out: string[] = [];
  for (const m of html.matchAll(/<a href="([^"]*)">/g)) {
    const problem = linkProblem(m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'), known);
    if (problem) out.push(`marked: ${problem}`);
  }
  for (const m of html.matchAll(/<img src="([^"]*)">|<raw-html>(.*?)<\/raw-html>/g)) out.push(`marked: ${m[0]}`);
  return out;
}

/**
 * Everything in hover Markdown that Sourced did not put there on purpose: HTML, images,
 * reference links and definitions, any link other than a `file:` link to a known source
 * passage or a `command:` link to a hover command with well-formed arguments, and text
 * outside code that a renderer could linkify, as remark (CommonMark + GFM) parses it; and
 * the links, images and HTML that VS Code's marked renders. Empty when the Markdown is inert.
 */
function problems(md: string, known: Known): string[] {
  const out: string[] = vscodeProblems(md, known);
  for (const node of nodes(markdown.parse(md) as Md)) {
    const label = textOf(node);
    switch (node.type) {
      case 'html':
      case 'image':
      case 'imageReference':
      case 'linkReference':
      case 'definition':
      case 'footnoteReference':
      case 'footnoteDefinition':
        out.push(`${node.type}: ${JSON.stringify(node.url ?? node.value ?? '')}`);
        break;
      case 'link': {
        const problem = linkProblem(node.url ?? '', known, label);
        if (problem) out.push(problem);
        break;
      }
      case 'text':
        if (LINKABLE_TEXT.test(node.value!)) out.push(`linkable text: ${JSON.stringify(node.value)}`);
        break;
      default:
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// A workspace of hostile sources, in memory.

const NO_FILES: FileSystem = { readFile: async () => new Uint8Array(), size: async () => undefined, listFiles: async () => [], isDirectory: async () => false, toUri: (p) => pathToFileURL(p).href };

/** The file name of the third source: brackets, parentheses, a fragment and a percent sign. */
const HOSTILE_FILE = 'x) [y](command:workbench.action.terminal.new) #%zz.txt';

interface HostileWorkspace {
  readonly service: LanguageService;
  readonly workspace: Workspace;
  readonly documents: ReadonlyArray<{ uri: string; text: string }>;
  readonly known: Known;
}

/**
 * Three sources that quote `payload` in their text and front matter (title, author,
 * publisher, url, key) and disagree about a figure, a clean one, and a note that cites two.
 */
function hostileWorkspace(payload: string, hoverMaxPassages = 3): HostileWorkspace {
  const field = oneLine(payload).replace(/^\s*-/, '');
  const files = {
    'sources/one.txt': `---\ntitle: Deal ${field}\nauthor: ${field}\npublisher: ${field}\nurl: ${field}\n---\nMicrosoft invested $10 billion in OpenAI in 2023, the company said ${payload} on Monday.\n`,
    'sources/two.md': `---\nkey: ${field}\n---\n# OpenAI ${payload}\n\nMicrosoft invested $10 billion in OpenAI in early 2024, ${payload} according to the filing.\n`,
    [`sources/${HOSTILE_FILE}`]: `---\nkey: hostilefile\n---\nOpenAI had 100 million weekly users in 2023 ${payload} and Microsoft agreed.\n`,
    // A clean article, so that the entities exist whatever the payload does to the others.
    'sources/clean.txt': 'Microsoft and OpenAI signed a partnership. Microsoft later deepened its ties with OpenAI.\n',
  };
  const workspace = new Workspace('/ws', NO_FILES);
  const documents: Array<{ uri: string; text: string }> = [];
  for (const [path, text] of Object.entries(files)) {
    const uri = pathToFileURL(`/ws/${path}`).href;
    workspace.setSourceText(uri, path, text);
    documents.push({ uri, text });
  }
  const sources = new Set(documents.map((d) => d.uri));
  const note = { uri: pathToFileURL('/ws/notes/note.md').href, text: '# Notes on Microsoft\n\nMicrosoft invested $10 billion in OpenAI in 2023 [^1].\n\nOpenAI had 100 million weekly users [^3].\n\n[^1]: one\n[^3]: hostilefile\n' };
  documents.unshift(note);
  return { service: new LanguageService(workspace, { hoverMaxPassages }), workspace, documents, known: { sources, documents: new Set(documents.map((d) => d.uri)) } };
}

/** Every distinct hover card at the start of every word, figure and marker of the note and the sources. */
function allHovers(ws: HostileWorkspace): string[] {
  const cards = new Set<string>();
  for (const doc of ws.documents) {
    doc.text.split('\n').forEach((line, l) => {
      for (let c = 0; c < line.length; c++) {
        if (/\s/.test(line[c]!) || /[\p{L}\p{N}]/u.test(line[c - 1] ?? ' ')) continue;
        const hover = ws.service.hover(doc, { line: l, character: c });
        if (hover) cards.add(hover.markdown);
      }
    });
  }
  return [...cards];
}

// Hostile text as scraped articles carry it, with a fragment a reader must still see.
const PAYLOADS: Array<{ name: string; payload: string; shows: string }> = [
  { name: 'a Markdown link to a command', payload: '[click me](command:workbench.action.terminal.new)', shows: 'command:workbench.action.terminal.new' },
  { name: 'a command link with a title', payload: '[open](command:workbench.action.terminal.new "Open")', shows: 'workbench.action.terminal.new' },
  { name: 'a javascript: link', payload: '[tap](javascript:alert(document.domain))', shows: 'javascript:alert(document.domain' },
  { name: 'an image', payload: '![pixel](https://evil.example/p.png)', shows: 'https://evil.example/p.png' },
  { name: 'a data: image', payload: '![x](data:image/svg+xml;base64,PHN2Zz4=)', shows: 'data:image/svg+xml;base64,PHN2Zz4=' },
  { name: 'an autolink to a command', payload: '<command:workbench.action.terminal.new>', shows: 'command:workbench.action.terminal.new' },
  { name: 'an autolink to a web page', payload: '<https://evil.example/login>', shows: 'https://evil.example/login' },
  { name: 'a bare command: URI', payload: 'command:workbench.action.terminal.new', shows: 'command:workbench.action.terminal.new' },
  { name: 'a bare javascript: URI', payload: 'javascript:alert(1)', shows: 'javascript:alert(1' },
  { name: 'a bare data: URI', payload: 'data:text/html,<script>alert(1)</script>', shows: 'data:text/html,<script>alert(1)</script>' },
  { name: 'a bare vscode: URI', payload: 'vscode://ms-vscode.remote-server/evil', shows: 'vscode://ms-vscode.remote-server/evil' },
  { name: 'a bare URL, a www. host and an e-mail address', payload: 'https://evil.example www.evil.example phish@evil.example', shows: 'www.evil.example' },
  { name: 'a scheme with a space after it', payload: 'javascript: alert(1)', shows: 'javascript:' },
  { name: 'an HTML anchor', payload: '<a href="command:workbench.action.terminal.new">open</a>', shows: '<a href="command:workbench.action.terminal.new">open</a>' },
  { name: 'an image with onerror', payload: '<img src=x onerror="alert(1)">', shows: 'onerror="alert(1)"' },
  { name: 'a script', payload: '<script>alert(1)</script>', shows: '<script>alert(1)</script>' },
  { name: 'an iframe', payload: '<iframe src="https://evil.example"></iframe>', shows: '<iframe src=' },
  { name: 'HTML entities that spell a link', payload: '&lt;script&gt; &#91;x&#93;&#40;command&#58;evil&#41; &#x6A;avascript&#58;alert(1)', shows: '&#91;x&#93;&#40;command&#58;evil&#41;' },
  { name: 'backticks that close a code span', payload: '`` ` `` [x](command:evil) ``` `` ```', shows: '[x](command:evil)' },
  { name: 'a link reference definition and its use', payload: '[click][evil]\n\n[evil]: command:workbench.action.terminal.new', shows: '[click][evil]' },
  { name: 'GFM footnotes, strikethrough and tables', payload: '[^1] ~~gone~~ | a | b |', shows: '~~gone~~ | a | b |' },
  { name: 'backslashes before a link', payload: '\\[x](command:evil) \\\\[y](command:evil)', shows: '\\[x](command:evil)' },
  { name: 'nested links', payload: '[[x](command:a)](command:b)', shows: '[[x](command:a)](command:b)' },
  { name: 'a mailto autolink', payload: '<mailto:a@evil.example>', shows: 'mailto:a@evil.example' },
  { name: 'terminal escape sequences', payload: '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[2J \u009b31m', shows: 'click' },
  { name: 'bidirectional overrides', payload: 'safe \u202eexe.txt\u202c name', shows: 'exe.txt' },
  { name: 'bidirectional and zero-width marks', payload: 'safe \u200fexe\u200e.txt \u061cname\u200b \u200c\u200dzw\u2060j\ufeffk', shows: 'exe.txt name zwjk' },
  { name: 'a www. host right after a letter, which marked links', payload: 'Loginwww.paypal-secure.example to verify', shows: 'www.paypal-secure.example' },
  { name: 'a www. host right after a digit or a non-ASCII letter', payload: 'step1www.evil.example émailwww.evil.example', shows: 'www.evil.example' },
  { name: 'a www. host hidden by a zero-width space', payload: 'Login\u200bwww.evil.example', shows: 'www.evil.example' },
  { name: 'a www. host in capitals', payload: 'see WWW.EVIL.EXAMPLE now', shows: 'WWW.EVIL.EXAMPLE' },
  { name: 'a URL right after a word', payload: 'Go tohttps://evil.example/login or toftp://evil.example/f', shows: 'https://evil.example/login' },
  { name: 'e-mail addresses after punctuation', payload: "write #a@evil.example or x'b@evil.example or xmpp:c@evil.example", shows: 'a@evil.example' },
  { name: 'link-like text inside emphasis and strikethrough', payload: '**www.evil.example** _https://evil.example_ ~~a@evil.example~~', shows: 'www.evil.example' },
  { name: 'blank lines and a heading', payload: 'x\n\n[x](command:evil)\n\n# Heading', shows: '[x](command:evil)' },
];

describe('hostile sources: hover cards', () => {
  it('the checker flags every link-making payload when it is not escaped', () => {
    const known: Known = { sources: new Set(), documents: new Set() };
    const unflagged = PAYLOADS.filter((p) => problems(p.payload, known).length === 0).map((p) => p.name);
    // These make no link, image or HTML unescaped: the control-character and text checks cover them.
    assert.deepEqual(unflagged, ['GFM footnotes, strikethrough and tables', 'bidirectional overrides', 'bidirectional and zero-width marks']);
  });

  for (const { name, payload, shows } of PAYLOADS) {
    it(`quotes ${name} as inert text`, () => {
      const ws = hostileWorkspace(payload);
      const cards = allHovers(ws);
      assert.ok(cards.length >= 5, `hover cards: ${cards.length}`);
      for (const card of cards) assert.deepEqual(problems(card, ws.known), [], card);
      // Not vacuous: the hostile text reached the cards, and Sourced's own links are there.
      assert.ok(cards.some((c) => rendered(c).includes(shows)), `no card shows ${JSON.stringify(shows)}:\n${cards.join('\n-----\n')}`);
      assert.ok(cards.some((c) => c.includes('](file:')), 'a passage link');
      assert.ok(cards.some((c) => c.includes(`](${SHOW_MENTIONS}`)), 'a show-mentions link');
      // Blank lines split the sentences that disagree: then there is no conflict to link to.
      if (!/\n\s*\n/.test(payload)) assert.ok(cards.some((c) => c.includes(`](command:${HOVER_COMMANDS.showConflicts}`)), 'a Conflicts view link');
      for (const card of cards) assert.doesNotMatch(card, INVISIBLE, 'no control, bidirectional or zero-width characters');
    });
  }

  it('links a hostile file name only through an encoded file: URI', () => {
    const ws = hostileWorkspace('plain text');
    const card = allHovers(ws).find((c) => rendered(c).includes(`Open sources/${HOSTILE_FILE}`));
    assert.ok(card, 'the citation card of the hostile file');
    const links = nodes(markdown.parse(card) as Md).filter((n) => n.type === 'link');
    const uri = pathToFileURL(`/ws/sources/${HOSTILE_FILE}`).href;
    assert.ok(links.some((l) => decodeURI(l.url!) === `${decodeURI(uri)}#L1`), JSON.stringify({ uri, links: links.map((l) => l.url) }));
  });
});

describe('hostile sources: Markdown helpers', () => {
  // A deterministic generator (mulberry32) over the characters that open Markdown constructs.
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const PIECES = ['[', ']', '(', ')', '<', '>', '`', '*', '_', '\\', '!', '&', '#', ';', ':', '/', '@', '.', ' ', '\n', '\t', '-', '=', '+', '|', '~', '$', '{', '}', '"', "'", '^', '%', 'a', '1', '2.', '&amp;', '&#58;', '\u001b', 'www', 'www.', 'http', 'https://', 'command', 'javascript', 'data:', 'mailto', 'a@b.co', '//', 'Login', 'WWW.', 'ftp://', '\u200b', '\u200e', '\ufeff'];

  it('escapeMarkdown renders any text literally, on one line, with nothing linkable', () => {
    const next = random(7);
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let k = 1 + Math.floor(next() * 16); k > 0; k--) text += PIECES[Math.floor(next() * PIECES.length)];
      const md = escapeMarkdown(text);
      const tree = markdown.parse(md) as Md;
      const kinds = new Set(nodes(tree).map((n) => n.type));
      assert.ok([...kinds].every((k) => ['root', 'paragraph', 'text', 'inlineCode'].includes(k)), `${JSON.stringify(text)} → ${JSON.stringify(md)}: ${[...kinds].join(', ')}`);
      assert.equal(rendered(md), oneLine(text).trim(), `${JSON.stringify(text)} → ${JSON.stringify(md)}`);
      assert.deepEqual(problems(md, { sources: new Set(), documents: new Set() }), [], `${JSON.stringify(text)} → ${JSON.stringify(md)}`);
    }
  });

  const spans: string[] = ['`', '``', 'a`b', '`a`', ' a ', '   ', 'x\n\n<b>y</b>', '[x](command:y)', '``` ` ``'];
  for (const text of spans) {
    it(`codeSpan keeps ${JSON.stringify(text)} as one inline code span`, () => {
      const tree = markdown.parse(`x ${codeSpan(text)} y`) as Md;
      const code = nodes(tree).filter((n) => n.type === 'inlineCode');
      assert.equal(code.length, 1);
      assert.equal(code[0]!.value, oneLine(text));
      assert.deepEqual(problems(`x ${codeSpan(text)} y`, { sources: new Set(), documents: new Set() }), []);
    });
  }

  const links: Array<{ name: string; uri: string; url: RegExp | null }> = [
    { name: 'a file URI with parentheses and spaces', uri: 'file:///ws/a (b) c.txt', url: /^file:\/\/\/ws\/a%20%28b%29%20c\.txt#L3,2$/ },
    { name: 'a file URI with a malformed escape', uri: 'file:///ws/100%.txt', url: /^file:\/\/\/ws\/100%25\.txt#L3,2$/ },
    { name: 'a command URI', uri: 'command:workbench.action.terminal.new', url: null },
    { name: 'a javascript URI', uri: 'javascript:alert(1)', url: null },
    { name: 'an https URI', uri: 'https://evil.example/x', url: null },
  ];
  for (const { name, uri, url } of links) {
    it(`lineLink on ${name} ${url ? 'links the encoded file' : 'is plain text'}`, () => {
      const md = lineLink('Title [x](command:y)', uri, 2, 1);
      const found = nodes(markdown.parse(md) as Md).filter((n) => n.type === 'link');
      if (url) {
        assert.equal(found.length, 1, md);
        assert.match(found[0]!.url!, url);
      } else assert.equal(found.length, 0, md);
      assert.equal(rendered(md), 'Title [x](command:y)');
    });
  }

  it('commandLink JSON- and URI-encodes hostile arguments into one link', () => {
    const args = ['file:///ws/a) [b](command:evil) "c".md', { line: 3, character: 4 }];
    const md = commandLink('Show all mentions', HOVER_COMMANDS.showMentions, args);
    const found = nodes(markdown.parse(md) as Md).filter((n) => n.type === 'link');
    assert.equal(found.length, 1, md);
    assert.ok(found[0]!.url!.startsWith(SHOW_MENTIONS));
    assert.deepEqual(JSON.parse(decodeURIComponent(found[0]!.url!.slice(SHOW_MENTIONS.length))), args);
  });
});

describe('hostile sources: hover trust in the client', () => {
  const markdownString = (): { value: string; isTrusted?: unknown; supportHtml?: boolean; supportThemeIcons?: boolean; appendMarkdown(): void } => ({ value: '', isTrusted: true, supportHtml: true, supportThemeIcons: true, appendMarkdown() {} });

  it('trusts only the registered commands that hover cards link to', () => {
    const registered = ['sourced.rebuildIndex', 'sourced.insertCitation', HOVER_COMMANDS.showConflicts, HOVER_COMMANDS.showMentions, 'sourced.openSourceAtPassage'];
    assert.deepEqual(hoverCommandAllowList(registered), [HOVER_COMMANDS.showConflicts, HOVER_COMMANDS.showMentions].sort());
    // A command the registry lacks is never trusted, even if a card links to it.
    assert.deepEqual(hoverCommandAllowList(['sourced.rebuildIndex', HOVER_COMMANDS.showConflicts]), [HOVER_COMMANDS.showConflicts]);
  });

  it('sets an allow-list, never true, and turns HTML and theme icons off', () => {
    const content = markdownString();
    const hover = trustHover({ contents: [content as never, 'plain' as never] }, [HOVER_COMMANDS.showConflicts]);
    const md = hover.contents[0] as unknown as ReturnType<typeof markdownString>;
    assert.deepEqual(md.isTrusted, { enabledCommands: [HOVER_COMMANDS.showConflicts] });
    assert.equal(md.supportHtml, false);
    assert.equal(md.supportThemeIcons, false);
    assert.equal(hover.contents[1], 'plain');
  });

  it('every hover command is contributed in package.json', () => {
    const manifest = require('../../package.json') as { contributes: { commands: Array<{ command: string }> } };
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const id of Object.values(HOVER_COMMANDS)) assert.ok(contributed.has(id), id);
  });

  it('package.json declares limited support for untrusted workspaces and none for virtual ones', () => {
    const manifest = require('../../package.json') as { capabilities: { untrustedWorkspaces: { supported: unknown; description: string }; virtualWorkspaces: { supported: unknown } } };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description, /Restricted Mode/);
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, false);
  });
});

describe('hostile sources: views, messages and notes', () => {
  const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('tree data is one line of text without control characters', () => {
    const ws = hostileWorkspace('\u001b]0;title\u0007 [x](command:evil)\n\nnext \u202eline');
    const strings: string[] = [];
    const collect = (value: unknown, key = ''): void => {
      if (typeof value === 'string' && key !== 'uri') strings.push(value);
      else if (Array.isArray(value)) value.forEach((v) => collect(v));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
    };
    collect(ws.service.sourcesTree());
    collect(ws.service.conflictsTree());
    assert.ok(strings.some((s) => s.includes('[x](command:evil)')), 'the hostile text reached the trees');
    for (const s of strings) assert.doesNotMatch(s, CONTROL, JSON.stringify(s));
  });

  // VS Code notifications turn `[label](https://…|command:…|file:…)` into links (parseLinkedText).
  const LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

  const messages = ['[x](command:workbench.action.terminal.new)', '[x] (command:y)', '$(alert) spoof', '\u001b[31mred\u001b[0m [a](file:///etc/passwd)'];
  for (const text of messages) {
    it(`inertText breaks link and icon syntax in ${JSON.stringify(text)}`, () => {
      const inert = inertText(text);
      assert.doesNotMatch(inert, LINKED_TEXT);
      assert.doesNotMatch(inert, /(?<!\\)\$\(/);
      assert.doesNotMatch(inert, CONTROL);
    });
  }

  it('a document link tooltip cannot add a link to the trusted hover VS Code builds from it', () => {
    const workspace = new Workspace('/ws', NO_FILES);
    workspace.setSourceText('file:///ws/sources/one.txt', 'sources/one.txt', '---\ntitle: <command:workbench.action.terminal.new> [x](command:y) ![i](https://e/p.png) <img src=x onerror=alert(1)> &#60;b&#62;\nkey: one\n---\nText.\n');
    const links = new LanguageService(workspace).documentLinks({ uri: 'file:///ws/n.md', text: 'Text [@one].\n' });
    assert.equal(links.length, 1);
    // What VS Code does with a link tooltip: new MarkdownString('', true).appendLink(url, tooltip).
    const hover = `[${links[0]!.tooltip.replace(/\]/g, '\\]')}](${links[0]!.target})`;
    const found = nodes(markdown.parse(hover) as Md).filter((n) => n.type !== 'root' && n.type !== 'paragraph' && n.type !== 'text');
    assert.deepEqual(found.map((n) => `${n.type} ${n.url ?? ''}`), ['link file:///ws/sources/one.txt']);
    assert.match(links[0]!.tooltip, /^Open command:workbench\.action\.terminal\.new x \(command:y\)/);
  });

  it('a source title inserted into a note by a citation stays text', () => {
    const title = '[x](command:evil) <img src=x onerror=alert(1)> `code`\nline https://evil.example www.evil.example a@evil.example';
    const definition = `[^k]: ${referenceFor({ key: 'k', title }, { style: 'footnote', footnoteLabel: 'key', footnoteFormat: 'key' }, corpusOf({}))}`;
    const tree = markdown.parse(`Claim.[^k]\n\n${definition}\n`) as Md;
    const kinds = nodes(tree).map((n) => n.type);
    assert.ok(!kinds.some((k) => ['link', 'html', 'image'].includes(k)), kinds.join(', '));
    // Only link-like tokens are code (which no preview links); the rest is escaped text.
    assert.deepEqual(nodes(tree).filter((n) => n.type === 'inlineCode').map((n) => n.value).reverse(), ['command:evil', 'https://evil.example', 'www.evil.example', 'a@evil.example']);
    assert.equal(definition.split('\n').length, 1);
  });
});

// ---------------------------------------------------------------------------
// Sizes. VS Code cuts hover Markdown at 100,000 characters, and a cut inside Sourced's escaping
// (an unclosed code span, a half escape) can turn quoted text into a live link: every surface is
// built from pieces cut to `LIMITS` before they are escaped, and a hover card stays under
// `MAX_HOVER` as a whole.

/** Text of about 130 KB that is hostile throughout: link syntax, hosts marked links, a command link. */
const HUGE = `${'Loginwww.paypal-secure.example '.repeat(4000)}[x](command:workbench.action.terminal.new) x:[Open](command:${HOVER_COMMANDS.showMentions}?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D)y ${'a@evil.example https://evil.example/dl '.repeat(200)}`;

/** Every string in a value, but URIs (which are ours, or name files). */
function stringsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return key === 'uri' || key === 'target' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => stringsIn(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, k));
  return [];
}

describe('hostile sources: sizes of what is shown', () => {
  it('a title that VS Code cuts at 100,000 characters leaves no live command link', () => {
    const args = encodeURIComponent(JSON.stringify(['file:///etc/passwd', { line: 0, character: 0 }]));
    const token = `x:[Open](command:${HOVER_COMMANDS.showMentions}?${args})y`;
    const note = { uri: 'file:///ws/notes/n.md', text: 'Microsoft invested $10 billion in OpenAI in 2023 [^1].\n\n[^1]: one\n' };
    const known: Known = { sources: new Set(['file:///ws/sources/one.txt']), documents: new Set([note.uri]) };
    const card = (filler: number): string => {
      const workspace = new Workspace('/ws', NO_FILES);
      const words = 'word '.repeat(Math.ceil(filler / 5)).slice(0, filler);
      workspace.setSourceText('file:///ws/sources/one.txt', 'sources/one.txt', `---\ntitle: ${words}x ${token}\n---\nMicrosoft invested $10 billion in OpenAI in 2023.\n`);
      return new LanguageService(workspace).hover(note, { line: 0, character: note.text.indexOf('[^1]') })!.markdown;
    };
    // As the attack did: pad the title until the code span that quotes the link ends right at the cut.
    let filler = 99_000;
    let markdown = card(filler);
    for (let i = 0; i < 3; i++) {
      const end = markdown.indexOf(`${args})y`);
      if (end < 0) break;
      filler += VSCODE_HOVER_CUT - (end + `${args})y`.length);
      markdown = card(filler);
    }
    assert.deepEqual(problems(markdown, known), []);
    assert.ok(markdown.length <= MAX_HOVER, `a card of ${markdown.length} characters`);
  });

  it(`every hover card stays under ${MAX_HOVER} characters with ${20} passages and 130 KB of hostile text in every field`, () => {
    const ws = hostileWorkspace(HUGE, 20);
    const cards = allHovers(ws);
    assert.ok(cards.length >= 5, `hover cards: ${cards.length}`);
    for (const card of cards) {
      assert.ok(card.length <= MAX_HOVER, `a card of ${card.length} characters`);
      assert.deepEqual(problems(card, ws.known), [], card.slice(0, 2000));
    }
    assert.ok(cards.some((c) => c.includes('](file:')), 'a passage link');
  });

  it('fitBlocks drops whole blocks from the end, never cutting inside one', () => {
    const blocks = ['`a`', '\\[b\\]', 'x'.repeat(50), '`c`'];
    assert.equal(fitBlocks(blocks, '\n\n', 1000), blocks.join('\n\n'));
    assert.equal(fitBlocks(blocks, '\n\n', 40), '`a`\n\n\\[b\\]\n\n…');
    assert.equal(fitBlocks(['x'.repeat(50)], '\n\n', 40), '…');
    for (let max = 1; max < 80; max++) assert.ok(fitBlocks(blocks, '\n\n', max).length <= max, `max ${max}`);
  });

  it('trees, document links, diagnostics, completions, code actions and claim reports stay short', () => {
    const ws = hostileWorkspace(HUGE, 20);
    const [note, ...sources] = ws.documents;
    const withMarker = { uri: note!.uri, text: `${note!.text}\nMicrosoft invested $10 billion in OpenAI in 2023 [^` };
    const end = { line: withMarker.text.split('\n').length - 1, character: withMarker.text.split('\n').at(-1)!.length };
    const surfaces: Record<string, unknown> = {
      sourcesTree: ws.service.sourcesTree(),
      sourceEntities: sources.map((s) => ws.service.sourceEntities(s.uri)),
      conflictsTree: ws.service.conflictsTree(),
      documentLinks: ws.service.documentLinks(note!),
      noteDiagnostics: ws.service.diagnostics(note!),
      sourceDiagnostics: sources.map((s) => ws.service.diagnostics(s)),
      completions: ws.service.completion(withMarker, end),
      codeActions: ws.service.codeActions(note!, ws.service.diagnostics(note!)),
      verify: ws.service.verifyClaim(note!, { line: 2, character: 3 }),
      search: ws.service.searchPassages('Microsoft OpenAI'),
    };
    for (const [surface, value] of Object.entries(surfaces)) {
      const strings = stringsIn(value);
      assert.ok(strings.length > 0, `${surface} is empty`);
      const longest = strings.reduce((a, b) => (b.length > a.length ? b : a), '');
      assert.ok(longest.length <= LIMITS.message + 100, `${surface}: a string of ${longest.length} characters`);
    }
    assert.ok(stringsIn(surfaces.completions).some((t) => t.includes('Loginwww')), 'the hostile title reached the completions');
    for (const link of ws.service.documentLinks(note!)) assert.ok(link.tooltip.length <= LIMITS.title + 10, link.tooltip);
  });

  it('notifications and quick picks get text cut to a bound', () => {
    assert.ok(inertText(HUGE).length <= LIMITS.message + 10);
    assert.ok(shortName(HUGE).length <= 90);
    assert.ok(quoteName(HUGE).length <= 90);
    assert.doesNotMatch(inertText(HUGE), /\]\(command:/);
  });

  const clips: Array<[text: string, max: number, expected: string]> = [
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['a longer text', 8, 'a longe…'],
    ['ab😀cd', 4, 'ab…'],
    ['ab😀cd', 5, 'ab😀…'],
    ['😀😀😀', 2, '…'],
    ['anything', 0, ''],
  ];
  for (const [text, max, expected] of clips) {
    it(`clip(${JSON.stringify(text)}, ${max}) is ${JSON.stringify(expected)}: at most max characters, never half a surrogate pair`, () => {
      const cut = clip(text, max);
      assert.equal(cut, expected);
      assert.ok(cut.length <= max);
      assert.doesNotMatch(cut, /[\ud800-\udbff](?![\udc00-\udfff])/);
    });
  }

  it('clipLine makes one line and keeps the cut visible when it only reads the start of a huge text', () => {
    assert.equal(clipLine('  a\n\tb\u202e  c  ', 10), 'a b c');
    assert.equal(clipLine(`a${' '.repeat(100_000)}b`, 10), 'a …');
    assert.equal(clipLine(`${'x'.repeat(100_000)}`, 10), 'xxxxxxxxx…');
  });

  describe('the command line', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'sourced-huge-'));
      mkdirSync(join(dir, 'sources'));
      mkdirSync(join(dir, 'notes'));
      const field = HUGE.replace(/\n/g, ' ');
      writeFileSync(join(dir, 'sources', 'one.txt'), `---\ntitle: ${field}\nkey: ${field}\n---\nMicrosoft invested $10 billion in OpenAI in 2023, the company said ${HUGE}.\n`);
      writeFileSync(join(dir, 'sources', 'two.txt'), `---\nkey: ${field}x\n---\nMicrosoft invested $10 billion in OpenAI in early 2024, ${HUGE} according to the filing.\n`);
      writeFileSync(join(dir, 'notes', 'note.md'), 'Microsoft invested $10 billion in OpenAI in 2023.\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const command of ['check', 'conflicts', 'entities', 'index']) {
      it(`${command}: no text output line is longer than 2,000 characters`, async () => {
        let out = '';
        await main([command, '--root', dir, '--no-color'], (s) => (out += s), () => undefined);
        assert.ok(out.length > 0);
        const longest = out.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '');
        assert.ok(longest.length <= 2000, `a line of ${longest.length} characters: ${longest.slice(0, 300)}`);
      });
    }
  });
});

// ---------------------------------------------------------------------------
// Links that marked, as VS Code configures it for hovers, would make of quoted text.

describe('hostile sources: links in the renderer VS Code uses', () => {
  // Checked in each field a card shows by the payloads above; here each is checked on its own,
  // at the start of a line, after text and inside a link label, as the cards place them.
  const HOSTILE: string[] = [
    'Loginwww.paypal-secure.example',
    'step1www.evil.example',
    'émailwww.evil.example',
    'WWW.EVIL.EXAMPLE/login',
    'x_www.evil.example',
    'a-www.evil.example',
    'Go tohttps://evil.example/login',
    'toftp://evil.example/f',
    'https://evil.example/a_(b)_c.',
    '(www.evil.example)',
    '"https://evil.example"',
    '#a@evil.example',
    "x'b@evil.example",
    'a.b+c@evil-host.example.',
    'xmpp:a@evil.example',
    'mailto:a@evil.example',
    '//evil.example/x',
    'foo//evil.example/x',
    'Login\u200bwww.evil.example',
    'Log\u200ein\u2060www.evil.example',
    '**www.evil.example**',
    '~~https://evil.example~~',
    '_a@evil.example_',
    '<www.evil.example>',
    '[x](www.evil.example)',
    'x:[Open](command:sourced.showMentions?%5B%5D)y',
  ];
  const known: Known = { sources: new Set(['file:///ws/a.txt']), documents: new Set() };
  for (const text of HOSTILE) {
    it(`${JSON.stringify(text)} renders as text in marked 14 and remark`, () => {
      const md = [escapeMarkdown(text), `Title ${escapeMarkdown(text)} more`, lineLink(`${text}, line 3`, 'file:///ws/a.txt', 2)];
      for (const m of md) assert.deepEqual(problems(m, known), [], m);
      assert.equal(rendered(md[0]!), oneLine(text).trim());
      // Not vacuous: unescaped, most of these are links in marked or remark.
    });
  }

  it('the checker sees the links marked makes of these strings unescaped', () => {
    const linked = HOSTILE.filter((text) => problems(text, known).length > 0);
    assert.ok(linked.length >= HOSTILE.length - 4, `only ${linked.length} of ${HOSTILE.length} flagged: ${HOSTILE.filter((t) => !linked.includes(t)).join(' | ')}`);
    assert.ok(vscodeProblems('Loginwww.paypal-secure.example', known).length > 0, 'marked 14 links a www. right after a letter');
  });
});

// ---------------------------------------------------------------------------
// What Sourced writes into the user's note: keys and titles come from sources.

describe('hostile sources: what is written into a note', () => {
  const BIG_TITLE = 'Report [x](https://evil.example/t) www.evil.example <img src=x> '.repeat(2100).slice(0, 128_357);
  const HOSTILE_KEYS = ['x} [Get the data](https://evil.example/dl) {y', 'k](command:workbench.action.terminal.new)'];
  function workspace(): { service: LanguageService; workspace: Workspace } {
    const ws = new Workspace('/ws', NO_FILES);
    const files: Record<string, string> = {
      'sources/linky.md': `---\ntitle: Deal report https://evil.example/dl a@evil.example\nkey: ${HOSTILE_KEYS[0]}\n---\nMicrosoft invested $10 billion in OpenAI in 2023, the company said.\n`,
      'sources/cmd.md': `---\ntitle: ${BIG_TITLE}\nkey: ${HOSTILE_KEYS[1]}\n---\nMicrosoft invested $10 billion in OpenAI in 2023, according to the filing. OpenAI had 100 million weekly users in 2023.\n`,
      'sources/early.md': '---\ntitle: Early report\nkey: early\n---\nMicrosoft invested $10 billion in OpenAI in early 2024, a report said.\n',
    };
    for (const [path, text] of Object.entries(files)) ws.setSourceText(pathToFileURL(`/ws/${path}`).href, path, text);
    return { service: new LanguageService(ws), workspace: ws };
  }
  const NOTE = { uri: 'file:///ws/notes/n.md', text: '# Notes\n\nMicrosoft invested $10 billion in OpenAI in 2023.\n\nOpenAI had 100 million weekly users in 2023.\n' };

  /** Applies edits to the note's text. */
  function apply(text: string, edits: readonly TextEdit[]): string {
    const index = new LineIndex(text);
    return applyEdits(text, edits, (p) => index.offsetAt(p));
  }

  /**
   * What is wrong with an edited note: anything its Markdown makes other than text, code, footnote
   * references and definitions (parsed with remark and GFM, autolink literals included), text a
   * preview could linkify, an inserted piece of more than 1,000 characters, or a footnote that does
   * not resolve to a source.
   */
  function noteProblems(service: LanguageService, before: string, after: string): string[] {
    const out: string[] = [];
    for (const node of nodes(markdown.parse(after) as Md)) {
      if (['link', 'linkReference', 'definition', 'image', 'imageReference', 'html'].includes(node.type)) out.push(`${node.type}: ${JSON.stringify(node.url ?? node.value ?? textOf(node))}`);
      if (node.type === 'text' && LINKABLE_TEXT.test(node.value!)) out.push(`linkable text: ${JSON.stringify(node.value)}`);
    }
    if (after.length - before.length > 1000) out.push(`${after.length - before.length} characters inserted`);
    const unknown = service.diagnostics({ uri: NOTE.uri, text: after }).filter((d) => d.code === 'unknown-citation');
    for (const d of unknown) out.push(`unresolved: ${d.message.slice(0, 200)}`);
    return out;
  }

  it('a key that is not a valid citation key is replaced by one from the file name, and the Sources view says why', () => {
    const { service, workspace: ws } = workspace();
    const keys = ws.corpus.sources.map((s) => s.meta.key).sort();
    assert.deepEqual(keys, ['cmd', 'early', 'linky']);
    const tree = service.sourcesTree().sources;
    for (const node of tree.filter((n) => n.key !== 'early')) assert.match(node.keyProblem ?? '', /front-matter key “.*” is not a valid citation key/);
    assert.equal(tree.find((n) => n.key === 'early')!.keyProblem, undefined);
  });

  const keyCases: Array<[key: string, problem: RegExp | undefined]> = [
    ['smith2020', undefined],
    ['doe:2020/a.b', undefined],
    ['Weird-Key_1', undefined],
    ['Müller2021', undefined],
    ['a b', /characters a citation key cannot/],
    ['x} [Get the data](https://evil.example/dl) {y', /characters a citation key cannot/],
    ['k](command:workbench.action.terminal.new)', /characters a citation key cannot/],
    ['-leading', /characters a citation key cannot/],
    ['../../etc/passwd', /characters a citation key cannot/],
    ['a<b>c', /HTML/],
    ['a&b', /HTML/],
    ['https://evil.example/dl', /link/],
    ['evil.www.example', /link/],
    ['command:workbench.action.terminal.new', /link/],
    ['x'.repeat(101), /longer than 100/],
    ['', /empty/],
  ];
  for (const [key, problem] of keyCases) {
    it(`citationKeyProblem(${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}…` : key)}) ${problem ? `says ${problem.source}` : 'accepts it'}`, () => {
      const found = citationKeyProblem(key);
      if (problem) assert.match(found ?? '', problem);
      else assert.equal(found, undefined);
    });
  }

  const fileNames: Array<[path: string, key: RegExp]> = [
    ['sources/plain-name.md', /^plain-name$/],
    ['sources/Weird Key.txt', /^Weird-Key$/],
    ['sources/x) [y](command:workbench.action.terminal.new) #%zz.txt', /^x-y-command-workbench-action-terminal-new-zz$/],
    ['sources/www.evil.example.md', /^www-evil-example$/],
    ['sources/!!!.txt', /^source-[0-9a-f]{8}$/],
    [`sources/${'long name '.repeat(30)}.txt`, /^long-name-[a-z-]+-[0-9a-f]{8}$/],
  ];
  for (const [path, key] of fileNames) {
    it(`the file name ${JSON.stringify(path.slice(8, 48))} gives a valid key`, () => {
      const found = keyFromFileName(path).key;
      assert.match(found, key);
      assert.equal(citationKeyProblem(found), undefined);
    });
  }

  it('long file names cut to the same start keep distinct keys', () => {
    const a = keyFromFileName(`sources/${'x'.repeat(120)}a.txt`).key;
    const b = keyFromFileName(`sources/${'x'.repeat(120)}b.txt`).key;
    assert.notEqual(a, b);
    assert.ok(a.length <= 100 && b.length <= 100);
  });

  it('completion after [^ and [@ writes only valid keys and a short, escaped title', () => {
    const { service } = workspace();
    for (const opener of ['[^', '[@']) {
      const text = `${NOTE.text}\nMicrosoft invested $10 billion in OpenAI in 2023 ${opener}`;
      const position = { line: text.split('\n').length - 1, character: text.split('\n').at(-1)!.length };
      const items = service.completion({ uri: NOTE.uri, text }, position);
      assert.equal(items.length, 3, opener);
      for (const item of items) {
        assert.equal(citationKeyProblem(item.label), undefined, item.label);
        assert.ok(item.detail.length <= LIMITS.title && item.documentation.length <= LIMITS.message, 'short details');
        const after = apply(text, [item.edit, ...item.additionalEdits]);
        assert.deepEqual(noteProblems(service, text, after), [], after.slice(text.length - 60));
      }
    }
  });

  it('"Cite …", cite-all and the discrepancy footnote write only valid keys and inert, short titles', () => {
    const { service } = workspace();
    const diagnostics = service.diagnostics(NOTE);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['sources-disagree', 'uncited-claim']);
    const actions = service.codeActions(NOTE, diagnostics);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Cite “Report')), titles.join(' | '));
    assert.ok(titles.includes('Insert a footnote noting the discrepancy'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('Cite supporting sources for all')), titles.join(' | '));
    for (const action of actions) {
      assert.ok(action.title.length <= 200, action.title);
      const after = apply(NOTE.text, action.edits);
      assert.notEqual(after, NOTE.text, action.title);
      assert.deepEqual(noteProblems(service, NOTE.text, after), [], `${action.title}: ${after}`);
    }
  });

  it('Insert Citation writes only valid keys and a short, escaped title', () => {
    const { service, workspace: ws } = workspace();
    for (const source of ws.corpus.sources) {
      const edits = service.citationEditsAt(NOTE, { line: 2, character: 5 }, [source.meta.key]);
      assert.ok(edits.length > 0, source.meta.key);
      const after = apply(NOTE.text, edits);
      assert.deepEqual(noteProblems(service, NOTE.text, after), [], after);
      // The new footnote names the source it was made for.
      const claim = service.checked({ uri: NOTE.uri, text: after }).check.claims.find((c) => c.claim.text.startsWith('Microsoft'))!;
      assert.ok(claim.citedKeys.includes(source.meta.key), `${source.meta.key}: ${claim.citedKeys.join(', ')}`);
    }
  });
});

// ---------------------------------------------------------------------------
// Conflict ids: a hash of the subject and values, which crafted names can make collide.

describe('hostile sources: conflict ids', () => {
  /** The sources of two conflicts, one per entity name, and the corpus of them. */
  const filesFor = (names: readonly string[]): Record<string, string> =>
    Object.fromEntries(names.flatMap((name, i) => [
      [`a${i}.txt`, `${name} invested $10 billion in OpenAI in 2023, the company said.\n`],
      [`b${i}.txt`, `${name} invested $10 billion in OpenAI in early 2024, according to the filing.\n`],
    ]));

  /** FNV-1a, 32 bits: how conflict ids are made from a conflict's subject and values. */
  function fnv1a(text: string): string {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0).toString(16).padStart(8, '0');
  }

  /** Two entity names whose conflicts get the same id: a birthday search over generated names. */
  function collidingNames(): [string, string] {
    const placeholder = 'Zplaceholder Qorp';
    const [conflict] = corpusOf(filesFor([placeholder])).conflicts;
    assert.ok(conflict, 'a conflict for the placeholder name');
    const text = (name: string): string => `${conflict.subject.replace(placeholder, name)}|${conflict.variants.map((v) => v.normalized).join('|')}`;
    assert.equal(fnv1a(text(placeholder)), conflict.id, 'the id is the hash this search collides');
    let seed = 12345;
    const next = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const word = (): string => Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
    const seen = new Map<string, string>();
    for (let i = 0; i < 2_000_000; i++) {
      const name = `Z${word()} Q${word()}`;
      const id = fnv1a(text(name));
      const other = seen.get(id);
      if (other !== undefined && other !== name) return [other, name];
      seen.set(id, name);
    }
    throw new Error('no collision found');
  }

  it('two conflicts whose ids collide get distinct, stable tree ids', () => {
    const names = collidingNames();
    const corpus = corpusOf(filesFor(names));
    const ids = corpus.conflicts.map((c) => c.id);
    assert.equal(ids.length, 2, `conflicts: ${corpus.conflicts.map((c) => c.subject).join(' | ')}`);
    assert.equal(ids[0], ids[1], `the names ${names.join(' and ')} collide`);
    const tree = conflictsTree(corpus).map((c) => c.id);
    assert.equal(new Set(tree).size, 2, tree.join(', '));
    // The same sources added in the other order get the same ids, so the view keeps what was expanded.
    const reversed = corpusOf(Object.fromEntries(Object.entries(filesFor(names)).reverse()));
    const again = new Map(conflictsTree(reversed).map((c) => [c.subject, c.id]));
    for (const c of conflictsTree(corpus)) assert.equal(again.get(c.subject), c.id, c.subject);
  });

  const uniques: Array<[ids: string[], tieBreak: string[], expected: string[]]> = [
    [['a', 'b'], [], ['a', 'b']],
    [['a', 'a', 'a'], [], ['a', 'a~2', 'a~3']],
    [['a', 'a'], ['z', 'y'], ['a~2', 'a']],
    [['a', 'a', 'a~2'], [], ['a', 'a~3', 'a~2']],
  ];
  for (const [ids, tieBreak, expected] of uniques) {
    it(`uniqueIds(${JSON.stringify(ids)}, ${JSON.stringify(tieBreak)}) is ${JSON.stringify(expected)}`, () => {
      const out = uniqueIds(ids, tieBreak);
      assert.deepEqual(out, expected);
      assert.equal(new Set(out).size, out.length);
    });
  }
});

// ---------------------------------------------------------------------------
// Invisible characters: bidirectional marks and zero-width characters are removed like overrides.

describe('hostile sources: invisible characters', () => {
  const marks = ['\u200e', '\u200f', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
  for (const mark of marks) {
    const name = `U+${mark.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    it(`${name} is removed from quoted text and escaped in JSON output`, () => {
      assert.equal(stripControls(`a${mark}b`), 'ab');
      assert.equal(oneLine(`a${mark}b`), 'ab');
      assert.equal(rendered(escapeMarkdown(`Login${mark}www.evil.example`)), 'Loginwww.evil.example');
      assert.equal(jsonText(JSON.stringify(`a${mark}b`)), `"a\\u${mark.charCodeAt(0).toString(16).padStart(4, '0')}b"`);
    });
  }

  it('inertText removes zero-width spaces first, then inserts its own to break link syntax', () => {
    // A hidden zero-width space would otherwise sit where inertText puts its own and be taken for it.
    assert.equal(inertText('[x]\u200b(command:evil)'), '[x]\u200b(command:evil)');
    assert.equal(inertText('[x]\u200b\u200b(command:evil)'), '[x]\u200b(command:evil)');
    assert.equal(inertText(inertText('[x](command:evil)')), '[x]\u200b(command:evil)');
  });
});

describe('hostile sources: the command line', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourced-hostile-'));
    mkdirSync(join(dir, 'sources'));
    mkdirSync(join(dir, 'notes'));
    const evil = '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u001b[8m \u009b31m \u202eexe.txt';
    writeFileSync(join(dir, 'sources', 'one.txt'), `---\ntitle: Deal ${evil}\n---\nMicrosoft invested $10 billion in OpenAI in 2023, the company said ${evil} on Monday.\n`);
    writeFileSync(join(dir, 'sources', `two ${'\u001b'}]0;pwned${'\u0007'}.txt`), `Microsoft invested $10 billion in OpenAI in early 2024, ${evil} according to the filing.\n`);
    writeFileSync(join(dir, 'notes', 'note.md'), 'Microsoft invested $10 billion in OpenAI in 2025 [@nothing].\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main([...args, '--root', dir, '--no-color'], (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  }

  for (const command of ['check', 'conflicts', 'entities', 'index']) {
    it(`${command}: text output carries no escape sequence from the sources`, async () => {
      const { out, err } = await run([command]);
      assert.ok(out.length > 0);
      assert.doesNotMatch(out + err, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(out));
      if (command === 'conflicts') assert.match(out, /link/, 'the quoted sentence is still shown');
    });

    it(`${command}: JSON output escapes control characters and keeps the data`, async () => {
      const { out } = await run([command, '--format', 'json']);
      assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      JSON.parse(out);
    });
  }

  it('JSON output keeps the exact text of a conflict sentence', async () => {
    const { out } = await run(['conflicts', '--format', 'json']);
    const data = JSON.parse(out) as { conflicts: Array<{ variants: Array<{ text: string }> }> };
    assert.ok(data.conflicts.flatMap((c) => c.variants).some((v) => v.text.includes('\u009b31m')), out);
  });

  const terminal: Array<[string, string]> = [
    ['\u001b[31mred\u001b[0m', '\u001b[31mred\u001b[0m'],
    ['\u001b]8;;https://x\u0007a', ']8;;https://xa'],
    ['a\u009b2Jb\rc', 'a2Jbc'],
    ['tab\tand\nline', 'tab\tand\nline'],
  ];
  for (const [input, output] of terminal) {
    it(`terminalText keeps colour codes and line breaks only: ${JSON.stringify(input)}`, () => assert.equal(terminalText(input), output));
  }

  it('jsonText escapes what JSON.stringify leaves raw', () => {
    const json = JSON.stringify({ s: 'a\u009bb\u202ec\u2028d' });
    assert.equal(jsonText(json), '{"s":"a\\u009bb\\u202ec\\u2028d"}');
    assert.equal((JSON.parse(jsonText(json)) as { s: string }).s, 'a\u009bb\u202ec\u2028d');
  });
});

describe('hostile configuration: data only', () => {
  it('a "__proto__" key is rejected as an unknown setting and pollutes nothing', () => {
    assert.throws(() => parseConfig('{"__proto__": {"polluted": 1}}'), (e: unknown) => e instanceof ConfigError && /unknown setting "__proto__"/.test(e.message));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('"__proto__" inside sections stays plain data', () => {
    const config = parseConfig('{"sources": {"__proto__": {"include": ["evil/**"]}}, "aliases": {"__proto__": ["x"], "constructor": ["y"]}}');
    assert.deepEqual(config.sources.include, DEFAULT_CONFIG.sources.include);
    assert.equal(Object.getPrototypeOf(config.aliases), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(config.aliases, '__proto__')?.value, ['x']);
    assert.deepEqual(config.aliases.constructor, ['y']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'include'), false);
  });

  it('JavaScript is not valid configuration', () => {
    const marker = join(tmpdir(), `sourced-pwned-${process.pid}`);
    assert.throws(() => parseConfig(`module.exports = { sources: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }`), (e: unknown) => e instanceof ConfigError && /not valid JSON/.test(e.message));
    assert.equal(existsSync(marker), false);
  });

  it('code in a string is just a glob', () => {
    const marker = join(tmpdir(), `sourced-pwned-${process.pid}`);
    const glob = `\${require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')}`;
    const config = parseConfig(JSON.stringify({ sources: { include: glob } }));
    assert.deepEqual(config.sources.include, [glob]);
    assert.equal(existsSync(marker), false);
  });

  const outside: string[] = ['../../etc', '../../etc/*', 'sources/../../x/*.txt', '/etc/**', 'C:/Windows/*', '\\\\server\\share\\*', '{..,sources}/*.txt', 'sources/..\\..\\x'];
  for (const glob of outside) {
    it(`rejects the glob ${JSON.stringify(glob)} that reaches outside the workspace folder`, () => {
      for (const key of ['sources.include', 'sources.exclude', 'notes.include', 'notes.exclude']) {
        const [area, name] = key.split('.') as [string, string];
        assert.throws(() => parseConfig(JSON.stringify({ [area]: { [name]: glob } })), (e: unknown) => e instanceof ConfigError && e.message.includes(key) && /outside the workspace folder/.test(e.message));
      }
    });
  }

  it('keeps globs with dots that are not ".." segments', () => {
    assert.deepEqual(parseConfig('{"sources": {"include": ["sources/..hidden/*.txt", "a..b/**"]}}').sources.include, ['sources/..hidden/*.txt', 'a..b/**']);
  });

  it('a hostile key is quoted inertly in the error message', () => {
    assert.throws(
      () => parseConfig('{"[x](command:workbench.action.terminal.new)\\u001b[2J": 1}'),
      (e: unknown) => e instanceof ConfigError && !/\]\(command:/.test(e.message) && !/\u001b/.test(e.message) && e.message.includes('workbench.action.terminal.new'),
    );
  });

  it('the command line reports an escaping glob and reads nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sourced-config-'));
    try {
      writeFileSync(join(dir, 'sourced.config.json'), '{"sources": {"include": "../../etc/*"}}');
      let out = '';
      let err = '';
      const code = await main(['index', '--root', dir, '--no-color'], (s) => (out += s), (s) => (err += s));
      assert.equal(code, 2);
      assert.match(err, /sources\.include: "\.\.\/\.\.\/etc\/\*" reaches outside the workspace folder/);
      assert.equal(out, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile paths: nothing resolves outside the workspace', () => {
  const corpus = corpusOf({
    'one.txt': '---\nurl: file:///etc/passwd\n---\nMicrosoft invested $10 billion in OpenAI in 2023.\n',
    'two.txt': '---\nurl: ../../etc/passwd\n---\nMicrosoft invested $10 billion in OpenAI in 2023.\n',
  });

  const notes: Array<{ name: string; note: string; codes: string[] }> = [
    { name: 'a braced Pandoc key that is a path', note: 'Microsoft invested $10 billion in OpenAI [@{../../etc/passwd}].', codes: ['1:unknown-citation'] },
    { name: 'a footnote that names a path', note: 'Microsoft invested $10 billion in OpenAI.[^p]\n\n[^p]: ../../etc/passwd', codes: ['1:unknown-citation'] },
    { name: 'a footnote that names a file: URL', note: 'Microsoft invested $10 billion in OpenAI.[^p]\n\n[^p]: file:///etc/passwd', codes: ['1:unknown-citation'] },
    { name: 'a footnote that names an absolute path', note: 'Microsoft invested $10 billion in OpenAI.[^p]\n\n[^p]: /etc/passwd', codes: ['1:unknown-citation'] },
  ];
  for (const { name, note, codes } of notes) {
    it(`${name} resolves to no source and is reported`, () => {
      const result = check(corpus, note);
      assert.deepEqual(codesByLine(result).filter((c) => c.endsWith('unknown-citation')), codes);
    });
  }

  it('"[@../../etc/passwd]" is not a Pandoc citation (keys start with a letter, digit or _), so nothing resolves', () => {
    const result = check(corpus, 'Microsoft invested $10 billion in OpenAI [@../../etc/passwd].');
    assert.deepEqual(result.note.citations, []);
    assert.ok(result.claims.every((c) => c.citedKeys.length === 0));
  });

  it('front matter paths and file: URLs are never followed or linked', () => {
    const workspace = new Workspace('/ws', NO_FILES);
    const text = '---\nurl: file:///etc/passwd\nkey: ../../etc/passwd\n---\nMicrosoft invested $10 billion in OpenAI in 2023.\n';
    workspace.setSourceText('file:///ws/sources/one.txt', 'sources/one.txt', text);
    const service = new LanguageService(workspace);
    // A path is not a citation key: the source's key comes from its file name, and says why.
    assert.equal(workspace.corpus.sources[0]!.meta.key, 'one');
    assert.match(workspace.corpus.sources[0]!.meta.keyProblem ?? '', /front-matter key “\.\.\/\.\.\/etc\/passwd” is not a valid citation key/);
    const byPath = { uri: 'file:///ws/notes/n.md', text: 'Microsoft invested $10 billion in OpenAI.[^p]\n\n[^p]: ../../etc/passwd\n' };
    assert.deepEqual(service.documentLinks(byPath), []);
    assert.deepEqual(service.diagnostics(byPath).map((d) => d.code), ['unknown-citation']);
    // Cited by its key, the source resolves to itself: never to the file its url or old key spells.
    const note = { uri: 'file:///ws/notes/n.md', text: 'Microsoft invested $10 billion in OpenAI.[^p]\n\n[^p]: one\n' };
    const links = service.documentLinks(note);
    assert.deepEqual(links.map((l) => l.target), ['file:///ws/sources/one.txt']);
    const hover = service.hover(note, { line: 0, character: 42 })!;
    assert.ok(hover, 'the citation hover');
    assert.ok(rendered(hover.markdown).includes('file:///etc/passwd'), 'the url is shown');
    const urls = nodes(markdown.parse(hover.markdown) as Md).filter((n) => n.type === 'link').map((n) => n.url);
    assert.ok(urls.every((u) => u!.startsWith('file:///ws/sources/one.txt#')), JSON.stringify(urls));
  });

  describe('symbolic links', () => {
    let root: string;
    let outsideFile: string;
    before(() => {
      const base = mkdtempSync(join(tmpdir(), 'sourced-links-'));
      root = join(base, 'ws');
      mkdirSync(join(root, 'sources'), { recursive: true });
      mkdirSync(join(base, 'secret'));
      outsideFile = join(base, 'secret', 'passwd.txt');
      writeFileSync(outsideFile, 'Secret Corp earned $5 billion in 2020.\n');
      writeFileSync(join(root, 'sources', 'real.txt'), 'Microsoft invested $10 billion in OpenAI in 2023.\n');
      symlinkSync(outsideFile, join(root, 'sources', 'leak.txt'));
      symlinkSync(join(base, 'secret'), join(root, 'sources', 'secretdir'));
      symlinkSync(join(root, 'sources', 'real.txt'), join(root, 'sources', 'alias.txt'));
    });
    after(() => rmSync(join(root, '..'), { recursive: true, force: true }));

    it('discovery never follows symbolic links', async () => {
      const workspace = new Workspace(root, new NodeFileSystem({ root }), { ...DEFAULT_CONFIG, sources: { ...DEFAULT_CONFIG.sources, include: ['**'] } });
      const found = await workspace.discover(workspace.defaultSourceSpecs());
      assert.deepEqual(found.map((f) => f.slice(root.length + 1)), ['sources/real.txt']);
    });

    const reads: Array<{ name: string; path: () => string; outside: boolean }> = [
      { name: 'a file linked from outside', path: () => join(root, 'sources', 'leak.txt'), outside: true },
      { name: 'a file in a folder linked from outside', path: () => join(root, 'sources', 'secretdir', 'passwd.txt'), outside: true },
      { name: 'a path that climbs out with ".."', path: () => join(root, 'sources', '..', '..', 'secret', 'passwd.txt'), outside: true },
      { name: 'a link inside the folder', path: () => join(root, 'sources', 'alias.txt'), outside: false },
    ];
    for (const { name, path, outside } of reads) {
      it(`with a root, reading ${name} is ${outside ? 'refused and reported' : 'allowed'}`, async () => {
        const workspace = new Workspace(root, new NodeFileSystem({ root }));
        await workspace.loadSource(path());
        const skipped = workspace.corpus.skipped.map((s) => s.reason.message);
        if (outside) {
          assert.equal(workspace.corpus.sources.length, 0);
          assert.match(skipped.join(), /outside the workspace folder/);
        } else {
          assert.deepEqual(skipped, []);
          assert.equal(workspace.corpus.sources.length, 1);
        }
      });
    }
  });
});
