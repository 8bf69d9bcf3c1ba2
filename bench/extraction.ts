/**
 * Extraction throughput for `npm run bench`: how fast each kind of source becomes text, from its
 * bytes in memory (no disk), one file after another. The inputs are the synthetic articles of
 * bench/generate.ts:
 * - text: the generated `.txt` and `.md` files, through `decodeSource`;
 * - HTML: each article in a saved-page template (head with meta tags, JSON-LD, inline style and
 *   scripts, a cookie banner, navigation, share bars, the `<article>`, an aside, a newsletter box,
 *   a footer), decoded as UTF-8 and read by `extractHtml` (Readability over linkedom);
 * - PDF: each article laid out as pages for test/support/pdfFixtures.ts `writePdf` (one column of
 *   up to 48 lines of at most 90 characters, a running header, a page number), read by `extractPdf`
 *   on this thread; by `PdfWorkerReader`, the worker that stays, which the CLI and the server use;
 *   and by `extractPdfInWorker`, which starts a worker thread for each file. Both worker rows run
 *   as shipped: src/node/pdfInWorker.ts and src/node/pdfWorker.ts bundled and minified by esbuild as
 *   `scripts/build.mjs --release` does, into a temporary folder. A worker per file costs the same
 *   for every file, so that row reads only the first `WORKER_FILES` articles.
 * run.ts measures each format in its own process (`--extraction-child`), so memory figures are its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSource } from '../src/core/decode';
import { extractHtml, isHtmlFailure } from '../src/core/html';
import type { PdfExtraction, PdfFailure } from '../src/core/pdfText';
import { writePdf } from '../test/support/pdfFixtures';
import { generateCorpus } from './generate';
import { root } from './root';

export const EXTRACTION_FORMATS = ['text', 'html', 'pdf', 'pdf-worker', 'pdf-worker-each'] as const;
export type ExtractionFormat = (typeof EXTRACTION_FORMATS)[number];

const LABELS: Record<ExtractionFormat, string> = {
  text: 'text (decodeSource)',
  html: 'HTML (extractHtml)',
  pdf: 'PDF, same thread (extractPdf)',
  'pdf-worker': 'PDF in a worker that stays, as indexing reads them (PdfWorkerReader)',
  'pdf-worker-each': 'PDF in a new worker for each file (extractPdfInWorker)',
};

/** How many of the articles the worker-per-file row reads: each file starts a worker, so throughput does not depend on the count. */
export const WORKER_FILES = 40;
const isWorker = (format: ExtractionFormat): boolean => format === 'pdf-worker-each';

/** One generated article: its title, byline, date and paragraphs. */
interface Article {
  title: string;
  author: string;
  date: string;
  paragraphs: string[];
}

/** The generated corpus as articles (the `.md` files' front matter gives title, author and date; the `.txt` files' first line the title). */
function articles(count: number): { files: Array<{ name: string; text: string }>; articles: Article[] } {
  const corpus = generateCorpus(count);
  const list = corpus.files.map((f, i): Article => {
    const fm = /^---\n([\s\S]*?)\n---\n\n/.exec(f.text);
    const field = (name: string): string | undefined => (fm ? new RegExp(`^${name}: "?(.*?)"?$`, 'm').exec(fm[1]!)?.[1] : undefined);
    const body = fm ? f.text.slice(fm[0].length) : f.text;
    const blocks = body.trim().split(/\n\n+/);
    const title = field('title') ?? blocks.shift()!;
    const day = String((i % 28) + 1).padStart(2, '0');
    return { title, author: field('author') ?? 'Staff Reporter', date: field('date') ?? `2024-03-${day}`, paragraphs: blocks };
  });
  return { files: corpus.files, articles: list };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

// The furniture of a saved news page: what a browser's "Save page as… (HTML only)" keeps around an article.
const STYLE = `<style>
:root{--ink:#1a1a1a;--muted:#666;--accent:#c8102e;--rule:#e5e5e5}*{box-sizing:border-box}body{margin:0;font:17px/1.6 Georgia,serif;color:var(--ink)}
.site-header{display:flex;align-items:center;justify-content:space-between;padding:12px 24px;border-bottom:1px solid var(--rule)}.logo{font:700 24px/1 Helvetica,Arial,sans-serif;color:var(--accent);text-decoration:none}
.main-nav ul{display:flex;gap:18px;list-style:none;margin:0;padding:0}.main-nav a{color:var(--ink);text-decoration:none;font:600 14px Helvetica,Arial,sans-serif}
.cookie-consent{position:fixed;bottom:0;left:0;right:0;padding:16px 24px;background:#111;color:#fff;z-index:1000}.cookie-consent button{margin-right:8px}
main{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:40px;max-width:1100px;margin:0 auto;padding:24px}.story h1{font-size:38px;line-height:1.15;margin:0 0 12px}
.byline{color:var(--muted);font:14px Helvetica,Arial,sans-serif}.share-bar{display:flex;gap:10px;margin:16px 0}.share-bar a{padding:6px 10px;border:1px solid var(--rule);border-radius:4px;font-size:13px}
.story-body p{margin:0 0 1.1em}.sidebar h2{font:700 15px Helvetica,Arial,sans-serif;text-transform:uppercase;border-top:3px solid var(--accent);padding-top:8px}
.newsletter{background:#f6f6f6;padding:20px;margin:32px 0}.site-footer{border-top:1px solid var(--rule);padding:24px;color:var(--muted);font-size:13px}
@media (max-width:800px){main{grid-template-columns:1fr}.sidebar{display:none}}
</style>`;
const HEAD_SCRIPT = `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-EXAMPLE1',{anonymize_ip:true});
(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-EXAMPLE');
window.__CONFIG__={"site":"example-media","edition":"intl","ads":{"slots":["top","mpu1","mpu2","sticky"],"lazy":true},"paywall":{"meter":5,"enabled":false}};</script>`;
const NAV = ['World', 'Business', 'Markets', 'Technology', 'Climate', 'Politics', 'Science', 'Opinion', 'Sport', 'Culture'];
const COOKIE = `<div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookie consent">
<p>We and our 142 partners use cookies and similar technologies to store and access information on your device, to personalise ads and content, and to measure their performance. By clicking Accept all you agree to this; you can change your choice at any time under Privacy settings.</p>
<button class="accept">Accept all</button> <button class="reject">Reject all</button> <button class="manage">Manage preferences</button>
</div>`;
const SHARE = `<div class="share-bar social-share"><a class="share-facebook" href="#">Share on Facebook</a> <a class="share-twitter" href="#">Share on X</a> <a class="share-linkedin" href="#">Share on LinkedIn</a> <a class="share-email" href="#">Email this story</a> <button class="copy-link">Copy link</button></div>`;
const FOOTER = `<footer class="site-footer">
<nav><a href="/about">About us</a> | <a href="/contact">Contact</a> | <a href="/careers">Careers</a> | <a href="/advertise">Advertise</a> | <a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie policy</a> | <a href="/terms">Terms of use</a></nav>
<p>&copy; 2025 Example Media Ltd. All rights reserved. Registered in England and Wales No. 01234567.</p>
</footer>
<script src="https://cdn.example-media.test/js/vendor.8f3a1c.js" defer></script>
<script src="https://cdn.example-media.test/js/app.2b9d4e.js" defer></script>
<script>document.querySelectorAll('.cookie-consent button').forEach(function(b){b.addEventListener('click',function(){document.getElementById('cookie-banner').remove()})});</script>`;

/** An article as a saved web page. */
function htmlPage(a: Article, i: number, related: readonly Article[]): string {
  const url = `https://www.example-media.test/business/${slug(a.title)}`;
  const title = escapeHtml(a.title);
  const description = escapeHtml(a.paragraphs[0]!.slice(0, 150));
  const jsonLd = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: a.title, datePublished: `${a.date}T08:00:00Z`, author: { '@type': 'Person', name: a.author }, publisher: { '@type': 'Organization', name: 'Example Media' }, mainEntityOfPage: url });
  const body = a.paragraphs.map((p, n) => (n === 3 ? `<aside class="also-read related-inline"><h4>Also Read</h4><ul><li><a href="/b/${slug(related[0]!.title)}">${escapeHtml(related[0]!.title)}</a></li></ul></aside>\n` : '') + `<p>${escapeHtml(p)}</p>`).join('\n');
  const links = (list: readonly Article[]): string => list.map((r) => `<li><a href="/business/${slug(r.title)}">${escapeHtml(r.title)}</a></li>`).join('');
  return `<!DOCTYPE html>
<!-- saved from url=(${String(url.length).padStart(4, '0')})${url} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | Example Media</title>
<meta name="description" content="${description}">
<meta name="author" content="${escapeHtml(a.author)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:site_name" content="Example Media">
<meta property="og:url" content="${url}">
<meta property="og:image" content="https://cdn.example-media.test/img/${i}.jpg">
<meta property="article:published_time" content="${a.date}T08:00:00Z">
<meta property="article:section" content="Business">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@examplemedia">
<link rel="canonical" href="${url}">
<link rel="stylesheet" href="https://cdn.example-media.test/css/main.4c1e2f.css">
<script type="application/ld+json">${jsonLd}</script>
${STYLE}
${HEAD_SCRIPT}
</head>
<body class="article-page">
${COOKIE}
<header class="site-header"><a href="/" class="logo">Example Media</a>
<nav class="main-nav"><ul>${NAV.map((n) => `<li><a href="/${n.toLowerCase()}">${n}</a></li>`).join('')}</ul></nav>
<a class="subscribe" href="/subscribe">Subscribe</a> <a class="sign-in" href="/login">Sign in</a></header>
<div class="ad-slot ad-top" data-slot="top"><span>Advertisement</span></div>
<main>
<article class="story">
<h1 class="headline">${title}</h1>
<div class="byline">By <a rel="author" href="/staff/${slug(a.author)}">${escapeHtml(a.author)}</a> &middot; <time datetime="${a.date}T08:00:00Z">${a.date}</time></div>
${SHARE}
<figure class="lead-image"><img src="https://cdn.example-media.test/img/${i}.jpg" alt=""><figcaption>File photo. <span class="credit">Photo: Example Media</span></figcaption></figure>
<div class="story-body">
${body}
</div>
${SHARE}
</article>
<aside class="sidebar"><section class="most-read"><h2>Most read</h2><ol>${links(related.slice(1, 6))}</ol></section>
<div class="ad-slot ad-mpu" data-slot="mpu1"><span>Advertisement</span></div></aside>
</main>
<section class="newsletter"><h2>The Morning Briefing</h2><p>The day's top business stories, in your inbox before 7am.</p><form action="/newsletter" method="post"><input type="email" name="email" placeholder="Your email address"><button>Sign up</button></form></section>
<section class="related-articles teasers"><h2>More from Example Media</h2><ul>${links(related.slice(6, 10))}</ul></section>
${FOOTER}
</body>
</html>
`;
}

/** Breaks a paragraph into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A string as WinAnsi bytes (writePdf keeps each character's low byte): the euro sign is 0x80 there. */
const winAnsi = (s: string): string => s.replace(/€/g, '\x80').replace(/[^\x20-\xff]/g, '?');
const pdfString = (s: string): string => `(${winAnsi(s).replace(/[\\()]/g, (c) => `\\${c}`)})`;

const LINES_PER_PAGE = 48;

/** An article laid out as a PDF: a title at the top of page 1, then one column of lines, a running header and a page number on each page. */
function pdfOf(a: Article): { bytes: Uint8Array; pages: number } {
  const rows: Array<string | null> = [];
  for (const p of a.paragraphs) {
    if (rows.length) rows.push(null);
    rows.push(...wrap(p, 90));
  }
  const pages: string[] = [];
  const show = (x: number, y: number, size: number, text: string): string => `BT /F1 ${size} Tf 1 0 0 1 ${x} ${y} Tm ${pdfString(text)} Tj ET`;
  let at = 0;
  for (let n = 1; at < rows.length; n++) {
    const ops = [show(72, 760, 8, 'Example Media Business Reports')];
    let top = 730;
    if (n === 1) {
      ops.push(show(72, 720, 16, a.title), show(72, 700, 10, `By ${a.author}, ${a.date}`));
      top = 672;
    }
    const slots = n === 1 ? LINES_PER_PAGE - 4 : LINES_PER_PAGE;
    for (let l = 0; l < slots && at < rows.length; l++, at++) {
      const row = rows[at];
      if (row === null) {
        if (l === 0) l--; // no blank line at the top of a page
        continue;
      }
      ops.push(show(72, top - l * 14, 10, row));
    }
    ops.push(show(300, 40, 9, String(n)));
    pages.push(ops.join('\n'));
  }
  const [y, m, d] = a.date.split('-');
  return { bytes: writePdf({ pages: pages.map((content) => ({ content })), info: { Title: winAnsi(a.title), Author: winAnsi(a.author), CreationDate: `D:${y}${m}${d}080000Z`, Producer: 'Sourced bench' } }), pages: pages.length };
}

/** The inputs of one format: each file's bytes, and the PDFs' pages. */
function extractionInputs(format: ExtractionFormat, count: number): Array<{ bytes: Uint8Array; pages: number }> {
  const { files, articles: list } = articles(count);
  const encoder = new TextEncoder();
  if (format === 'text') return files.map((f) => ({ bytes: encoder.encode(f.text), pages: 0 }));
  if (format === 'html') return list.map((a, i) => ({ bytes: encoder.encode(htmlPage(a, i, Array.from({ length: 10 }, (_, k) => list[(i + 1 + k * 7) % list.length]!))), pages: 0 }));
  return (isWorker(format) ? list.slice(0, WORKER_FILES) : list).map(pdfOf);
}

/** pdfInWorker.ts as shipped: it and its worker bundled side by side (see the file comment). */
async function bundledPdfInWorker(dir: string): Promise<typeof import('../src/node/pdfInWorker')> {
  const { build } = require('esbuild') as typeof import('esbuild');
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', alias: { 'cssomnom/parse': './scripts/stubs/cssomnom-parse.mjs' }, absWorkingDir: root } as const;
  await build({ ...common, entryPoints: ['src/node/pdfInWorker.ts'], outfile: join(dir, 'pdfInWorker.js'), minify: true });
  await build({ ...common, entryPoints: ['src/node/pdfWorker.ts'], outfile: join(dir, 'pdfWorker.js'), minify: true });
  return require(join(dir, 'pdfInWorker.js')) as typeof import('../src/node/pdfInWorker');
}

export interface ExtractionRow {
  format: ExtractionFormat;
  label: string;
  files: number;
  /** Files that gave no text (a failure): none is expected. */
  failed: number;
  pages: number;
  inputMb: number;
  textMb: number;
  /** The first file, in a fresh process: includes loading the reader. */
  firstMs: number;
  /** The whole corpus, one file after another: the median of `runs` runs, after the first file. */
  ms: number;
  runs: number;
  msPerFile: number;
  inputMbPerS: number;
  textMbPerS: number;
  filesPerS: number;
  pagesPerS: number | null;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Extracts every input of `format`, one file after another, `runs` times; the median run counts. */
export async function measureExtraction(format: ExtractionFormat, count: number, runs = format === 'text' ? 9 : isWorker(format) ? 1 : 3): Promise<ExtractionRow> {
  const inputs = extractionInputs(format, count);
  const tmp = mkdtempSync(join(tmpdir(), 'sourced-bench-extraction-'));
  try {
    const decoder = new TextDecoder();
    let extract: (bytes: Uint8Array) => Promise<string | undefined> | string | undefined;
    if (format === 'text') {
      extract = (bytes) => {
        const r = decodeSource(bytes);
        return r.ok ? r.text : undefined;
      };
    } else if (format === 'html') {
      extract = (bytes) => {
        const r = extractHtml(decoder.decode(bytes));
        return isHtmlFailure(r) ? undefined : r.text;
      };
    } else {
      const pdfText = (r: PdfExtraction | PdfFailure): string | undefined => ('reason' in r ? undefined : r.text);
      if (format === 'pdf') {
        // Loaded only here, so that the other formats' processes do not hold the PDF reader.
        const { extractPdf } = require('../src/node/pdf') as typeof import('../src/node/pdf');
        extract = async (bytes) => pdfText(await extractPdf(bytes));
      } else {
        const shipped = await bundledPdfInWorker(tmp);
        const reader = format === 'pdf-worker' ? new shipped.PdfWorkerReader() : undefined;
        extract = async (bytes) => pdfText(await (reader ? reader.read(bytes) : shipped.extractPdfInWorker(bytes)));
      }
    }
    global.gc?.();
    let peakRss = process.memoryUsage.rss();
    let peakHeap = process.memoryUsage().heapUsed;
    const sample = (): void => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    };
    const sampler = setInterval(sample, 20);
    let t0 = process.hrtime.bigint();
    const first = await extract(inputs[0]!.bytes);
    const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (first === undefined) throw new Error(`${format}: the first input gave no text`);
    const times: number[] = [];
    let textBytes = 0;
    let failed = 0;
    for (let r = 0; r < runs; r++) {
      textBytes = 0;
      failed = 0;
      t0 = process.hrtime.bigint();
      for (const input of inputs) {
        const text = await extract(input.bytes);
        if (text === undefined) failed++;
        else textBytes += Buffer.byteLength(text);
        // HTML runs without yielding, so the sampler's timer would not fire (for text, sampling would cost more than decoding).
        if (format !== 'text') sample();
      }
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    clearInterval(sampler);
    sample();
    const ms = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    const inputBytes = inputs.reduce((n, i) => n + i.bytes.length, 0);
    const pages = inputs.reduce((n, i) => n + i.pages, 0);
    const mb = (bytes: number): number => bytes / 1048576;
    const round = (v: number, digits: number): number => Number(v.toFixed(digits));
    const sig = (v: number): number => Number(v.toPrecision(3));
    return {
      format,
      label: LABELS[format],
      files: inputs.length,
      failed,
      pages,
      inputMb: round(mb(inputBytes), 2),
      textMb: round(mb(textBytes), 2),
      firstMs: Math.round(firstMs),
      ms: round(ms, ms < 10 ? 2 : 0),
      runs,
      msPerFile: sig(ms / inputs.length),
      inputMbPerS: sig(mb(inputBytes) / (ms / 1000)),
      textMbPerS: sig(mb(textBytes) / (ms / 1000)),
      filesPerS: sig(inputs.length / (ms / 1000)),
      pagesPerS: pages ? sig(pages / (ms / 1000)) : null,
      // RSS counts worker threads too; the heap is this thread's only.
      peakRssMb: Math.round(peakRss / 1048576),
      peakHeapMb: Math.round(peakHeap / 1048576),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The Markdown table of the rows, one per format. */
export function extractionTable(rows: readonly ExtractionRow[]): string {
  const head = '| format | files | pages | input MB | text MB | first file ms | corpus ms | ms/file | input MB/s | text MB/s | pages/s | peak RSS MB | peak heap MB |';
  const line = (r: ExtractionRow): string =>
    `| ${r.label} | ${r.files}${r.failed ? ` (${r.failed} failed)` : ''} | ${r.pages || '–'} | ${r.inputMb} | ${r.textMb} | ${r.firstMs} | ${r.ms} | ${r.msPerFile} | ${r.inputMbPerS} | ${r.textMbPerS} | ${r.pagesPerS ?? '–'} | ${r.peakRssMb} | ${r.peakHeapMb} |`;
  return [head, `|${' --- |'.repeat(13)}`, ...rows.map(line)].join('\n');
}
