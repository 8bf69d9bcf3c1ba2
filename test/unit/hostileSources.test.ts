/**
 * Sources are scraped from the web: every byte of them is untrusted. These tests feed
 * hostile articles (Markdown and HTML injection, `command:` and `javascript:` links,
 * terminal escape sequences, hostile file names and configuration files) through the
 * real core and check every surface that shows their text: hover Markdown (parsed with
 * a real CommonMark + GFM parser, and rendered with the marked release VS Code bundles,
 * configured as VS Code configures it for hovers), tree data, messages, notes, the
 * command line, and path resolution.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked, type Tokens } from 'marked14';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { main } from '../../src/cli/main';
import { footnoteDefinition } from '../../src/core/citationEdits';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { codeSpan, commandLink, escapeMarkdown, lineLink } from '../../src/core/features/markdown';
import { conflictsTree, uniqueIds } from '../../src/core/features/views';
import type { FileSystem } from '../../src/core/fileSystem';
import { LanguageService } from '../../src/core/languageService';
import { NodeFileSystem } from '../../src/core/nodeFileSystem';
import { HOVER_COMMANDS } from '../../src/core/protocol';
import { inertText, jsonText, oneLine, stripControls, terminalText } from '../../src/core/untrusted';
import { Workspace } from '../../src/core/workspace';
import { hoverCommandAllowList, trustHover } from '../../src/extension/hoverTrust';
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
  if (url === `command:${HOVER_COMMANDS.showConflicts}`) {
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
function hostileWorkspace(payload: string): HostileWorkspace {
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
  return { service: new LanguageService(workspace), workspace, documents, known: { sources, documents: new Set(documents.map((d) => d.uri)) } };
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
      if (!/\n\s*\n/.test(payload)) assert.ok(cards.some((c) => c.includes(`](command:${HOVER_COMMANDS.showConflicts})`)), 'a Conflicts view link');
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
    const definition = footnoteDefinition('k', 'k', '[x](command:evil) <img src=x onerror=alert(1)> `code`\nline');
    const tree = markdown.parse(`Claim.[^k]\n\n${definition}\n`) as Md;
    const kinds = nodes(tree).map((n) => n.type);
    assert.ok(!kinds.some((k) => ['link', 'html', 'image', 'inlineCode'].includes(k)), kinds.join(', '));
    assert.equal(definition.split('\n').length, 1);
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
    const note = { uri: 'file:///ws/notes/n.md', text: 'Microsoft invested $10 billion in OpenAI.[^p]\n\n[^p]: ../../etc/passwd\n' };
    // The source's own key resolves to the source itself, by key: never to the file it spells.
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
