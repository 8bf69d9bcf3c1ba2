// Writes the sample corpus's PDF source, an analyst briefing on the Microsoft–OpenAI partnership
// (sample/sources/northgate-briefing-microsoft-openai.pdf), byte by byte with the writer of the
// test PDFs (test/support/pdfFixtures.ts), so that it is the same on every run. One column of
// Helvetica on US Letter pages: a running header at the top of each page and "Page n of N" at the
// bottom (furniture to the extractor), a title, a byline, section headings and body paragraphs
// wrapped here by Helvetica's widths, a few long words hyphenated at a line end. A paragraph is
// never split across pages.
//
// The briefing agrees with the seed articles except on one figure, so that a conflict across
// formats is found: ChatGPT's app downloads fell 6.5% in October 2024 (the seed 001_… says about
// 8.1%).
//
//   npx tsx scripts/samplePdf.ts        rewrites sample/sources/northgate-briefing-microsoft-openai.pdf
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageContent, writePdf, type PdfLine } from '../test/support/pdfFixtures';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'sample', 'sources', 'northgate-briefing-microsoft-openai.pdf');

const TITLE = 'Microsoft and OpenAI: From Exclusive Partner to One Supplier Among Several';
const AUTHOR = 'Priya Raman';
const RUNNING_HEADER = 'Northgate Research | Technology Sector Briefing | November 2025';

/** The briefing: a heading, then its paragraphs. ASCII only (the writer's strings are Latin-1). */
const SECTIONS: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }> = [
  {
    heading: 'Summary',
    paragraphs: [
      "The partnership between Microsoft and OpenAI has moved from exclusivity towards a looser arrangement in which Microsoft is one supplier among several. Microsoft keeps a right of first refusal on new capacity and a share of OpenAI's profits, but it no longer decides alone where OpenAI's models are trained and served. We think the change lowers the risk that either company is held back by the other, while raising the cost of coordination between them.",
    ],
  },
  {
    heading: 'Compute',
    paragraphs: [
      'The turning point came in June 2024, when Oracle joined Azure in supplying computing capacity for ChatGPT. Demand grew faster than either supplier had planned for, and OpenAI kept asking both for more. Since then OpenAI has added CoreWeave and Google as suppliers and has begun its own Stargate data centre programme with Oracle and SoftBank.',
      'For Microsoft the loss of exclusivity is less costly than it looks. Azure still runs most of the workloads that OpenAI sells to businesses, and capacity that OpenAI no longer takes can be offered to other customers who are waiting for it.',
    ],
  },
  {
    heading: 'Demand',
    paragraphs: [
      'Growth in consumer use of ChatGPT has cooled. Global downloads of the ChatGPT mobile app declined 6.5% in October 2024 compared with the previous month, and the launch of GPT-5 disappointed many users who had expected a larger step. Business demand, by contrast, is still rising.',
    ],
  },
  {
    heading: 'Money',
    paragraphs: [
      "OpenAI expects to lose money for several more years while it spends heavily on chips, power and buildings. That spending is the main source of strain: Microsoft's finance team has questioned whether it should keep paying for capacity that mostly benefits a partner it increasingly competes with, and OpenAI has looked elsewhere for cheaper or faster supply.",
    ],
  },
  {
    heading: 'Products',
    paragraphs: [
      "Both companies now sell chat assistants and tools for businesses, so their products overlap more each quarter. OpenAI's models still power Microsoft's Copilot, and Azure remains the main channel through which enterprises buy access to them, but Microsoft has started to train its own MAI models and to design its own AI chips.",
    ],
  },
  {
    heading: 'Risks',
    paragraphs: [
      "The relationship could deteriorate if talks over OpenAI's corporate structure fail, or if either side turns to regulators. A sudden break looks unlikely because each company still needs what the other has: OpenAI needs Microsoft's data centres and enterprise customers, and Microsoft needs OpenAI's most capable models until its own catch up.",
    ],
  },
  {
    heading: 'Outlook',
    paragraphs: [
      "We expect a renegotiated contract rather than a rupture. Investors should watch for new capacity agreements between OpenAI and other cloud companies, for Microsoft's own models appearing inside Office and Windows, and for any change to the terms under which Microsoft may keep using OpenAI's technology.",
    ],
  },
  {
    heading: 'About this briefing',
    paragraphs: [
      'This briefing draws on company statements, public filings and press reports available at the date of writing. Northgate Research holds no position in the companies named and was not paid by any of them. Views are the analyst\'s own and may change without notice.',
    ],
  },
];

/** Helvetica's widths (thousandths of the size) of the printable ASCII characters, from its AFM. */
const HELVETICA =
  '278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584'
    .split(' ')
    .map(Number);
const width = (text: string, size: number): number => [...text].reduce((w, c) => w + (HELVETICA[c.charCodeAt(0) - 32] ?? 556), 0) * (size / 1000);

/** Where some long words may be broken at a line end, as a typesetter would (the extractor joins them again). */
const BREAKS: Readonly<Record<string, string>> = {
  coordination: 'coor-dination',
  exclusivity: 'exclu-sivity',
  infrastructure: 'infra-structure',
  increasingly: 'increas-ingly',
  disappointed: 'disap-pointed',
  agreements: 'agree-ments',
  deteriorate: 'dete-riorate',
  renegotiated: 'rene-gotiated',
  enterprise: 'enter-prise',
  enterprises: 'enter-prises',
  available: 'avail-able',
  companies: 'com-panies',
  contrast: 'con-trast',
  capacity: 'capac-ity',
  programme: 'pro-gramme',
};

const LEFT = 72;
const MEASURE = 468; // 612 - 2 * 72
const MAX_CHARS = 84;

/** A paragraph set in lines no wider than the measure (nor longer than MAX_CHARS), breaking a long word at its hyphenation point when that fills the line better. */
function wrap(text: string, size: number): string[] {
  const fits = (line: string): boolean => line.length <= MAX_CHARS && width(line, size) <= MEASURE;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) {
      line = next;
      continue;
    }
    const bare = /^[a-z]+/.exec(word)?.[0] ?? '';
    const hyphenated = BREAKS[bare];
    if (hyphenated && line) {
      const cut = hyphenated.indexOf('-');
      const head = `${line} ${hyphenated.slice(0, cut + 1)}`;
      if (fits(head)) {
        lines.push(head);
        line = word.slice(cut);
        continue;
      }
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A block of lines kept together on a page: its lines' sizes, texts, the leading between them and the space above it. */
interface Block {
  size: number;
  lines: string[];
  leading: number;
  before: number;
}

const blocks: Block[] = [
  { size: 16, lines: wrap(TITLE, 16), leading: 20, before: 0 },
  { size: 10, lines: [`${AUTHOR}, Senior Analyst, Cloud and Software  |  12 November 2025`], leading: 13, before: 14 },
];
for (const section of SECTIONS) {
  blocks.push({ size: 12, lines: [section.heading], leading: 15, before: 20 });
  section.paragraphs.forEach((p, i) => blocks.push({ size: 10, lines: wrap(p, 10), leading: 13, before: i === 0 ? 8 : 9 }));
}

// Pages: blocks from the top down, a block that does not fit starting the next page.
const TOP = 712;
const BOTTOM = 80;
const pages: PdfLine[][] = [[]];
let y = TOP;
for (const block of blocks) {
  let page = pages[pages.length - 1];
  const height = block.before + block.leading * (block.lines.length - 1);
  if (page.length && y - height < BOTTOM) {
    pages.push((page = []));
    y = TOP;
  } else if (page.length) y -= block.before;
  block.lines.forEach((text, i) => {
    if (i > 0) y -= block.leading;
    page.push({ x: LEFT, y, size: block.size, text });
  });
  y -= block.leading;
}

const withFurniture = pages.map((lines, i) => [
  { x: LEFT, y: 756, size: 8, text: RUNNING_HEADER },
  ...lines,
  { x: 281, y: 40, size: 9, text: `Page ${i + 1} of ${pages.length}` },
]);

const bytes = writePdf({
  pages: withFurniture.map((lines) => ({ content: pageContent(lines) })),
  info: { Title: TITLE, Author: AUTHOR, Subject: 'The Microsoft-OpenAI partnership after exclusivity', Creator: 'Northgate Research', Producer: 'Sourced sample (scripts/samplePdf.ts)', CreationDate: "D:20251112090000+00'00'" },
});
writeFileSync(OUT, bytes);
process.stdout.write(`${OUT}: ${pages.length} pages, ${bytes.length} bytes\n`);
