/**
 * Test PDFs written byte by byte, so that they are the same on every run and need no binary
 * fixture: a two-page, two-column article (metadata in the Info dictionary, a running header, a
 * page number, hyphenated line ends, its first page drawn in an order that is not the reading
 * order), a scanned-like page (an image and no text), an encrypted file (RC4, a user password), a
 * damaged one and a long one for speed. `scripts/pdf-fixtures.ts` writes them to a folder.
 */
import { createHash } from 'node:crypto';

/** A body line of a page: where its baseline starts, its size, and its text (or pieces drawn with a kern between them, as TJ). */
interface Line {
  x: number;
  y: number;
  size: number;
  text: string | string[];
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const escape = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`);

/** The content stream that draws the lines, in the order given, in Helvetica. */
function contentStream(lines: readonly Line[], extra = ''): string {
  const ops = lines.map((l) => {
    const show = typeof l.text === 'string' ? `(${escape(l.text)}) Tj` : `[${l.text.map((t) => `(${escape(t)})`).join(' -30 ')}] TJ`;
    return `BT /F1 ${l.size} Tf 1 0 0 1 ${l.x} ${l.y} Tm ${show} ET`;
  });
  return extra + ops.join('\n');
}

/** RC4, for the standard security handler. */
function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}
const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const PADDING = Uint8Array.from([0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a]);
const padded = (password: string): Uint8Array => {
  const out = new Uint8Array(32);
  const p = latin1(password).subarray(0, 32);
  out.set(p);
  out.set(PADDING.subarray(0, 32 - p.length), p.length);
  return out;
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface PageSpec {
  content: string;
  /** An image XObject drawn as /Im1. */
  image?: boolean;
}

interface DocumentSpec {
  pages: PageSpec[];
  info?: Record<string, string>;
  /** Encrypts with RC4 40-bit (revision 2) under this user password. */
  userPassword?: string;
}

/** A whole PDF file: catalog, page tree, pages, Helvetica, an optional image, the Info dictionary, a cross-reference table. */
export function writePdf(spec: DocumentSpec): Uint8Array {
  const objects: Array<(encrypt: (num: number, data: Uint8Array) => Uint8Array) => Uint8Array> = [];
  const add = (make: (encrypt: (num: number, data: Uint8Array) => Uint8Array, num: number) => Uint8Array): number => {
    const num = objects.length + 1;
    objects.push((encrypt) => make(encrypt, num));
    return num;
  };
  const dict = (s: string) => () => latin1(s);
  const stream = (head: string, body: Uint8Array) => (encrypt: (num: number, data: Uint8Array) => Uint8Array, num: number) => {
    const data = encrypt(num, body);
    return concat([latin1(`<< ${head} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream')]);
  };

  const catalog = add(dict('<< /Type /Catalog /Pages 2 0 R >>'));
  const pagesNum = add(() => latin1(`<< /Type /Pages /Kids [${pageNums.map((n) => `${n} 0 R`).join(' ')}] /Count ${pageNums.length} >>`));
  const font = add(dict('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'));
  const needsImage = spec.pages.some((p) => p.image);
  const image = needsImage ? add(stream('/Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8', Uint8Array.from({ length: 256 }, (_, i) => ((i * 37) ^ (i >> 4)) & 0xff))) : 0;
  const pageNums: number[] = [];
  for (const page of spec.pages) {
    const content = add(stream('', latin1(page.content)));
    const resources = `/Resources << /Font << /F1 ${font} 0 R >>${page.image ? ` /XObject << /Im1 ${image} 0 R >>` : ''} >>`;
    pageNums.push(add(dict(`<< /Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 612 792] ${resources} /Contents ${content} 0 R >>`)));
  }
  const info = spec.info ? add(dict(`<< ${Object.entries(spec.info).map(([k, v]) => `/${k} (${escape(v)})`).join(' ')} >>`)) : 0;

  // The file identifier and, when encrypted, the standard security handler's keys (PDF 1.7, algorithms 3.2–3.4).
  const id = md5(latin1(JSON.stringify(spec.info ?? {})), latin1(String(spec.pages.length)));
  let encrypt = (_num: number, data: Uint8Array): Uint8Array => data;
  let encryptNum = 0;
  if (spec.userPassword !== undefined) {
    const permissions = -44; // print and copy not allowed; only the low 32 bits matter
    const p = new Uint8Array(4);
    new DataView(p.buffer).setInt32(0, permissions, true);
    const owner = rc4(md5(padded('owner')).subarray(0, 5), padded(spec.userPassword));
    const key = md5(padded(spec.userPassword), owner, p, id).subarray(0, 5);
    const user = rc4(key, PADDING);
    encrypt = (num, data) => rc4(md5(key, Uint8Array.of(num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0)).subarray(0, 10), data);
    encryptNum = add(dict(`<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${permissions} >>`));
  }

  const chunks: Uint8Array[] = [latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let length = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((make, i) => {
    offsets.push(length);
    // Neither the Info dictionary's strings nor the Encrypt dictionary are encrypted here: the encrypted fixture has no Info.
    const body = make(i + 1 === encryptNum ? (_n, d) => d : encrypt);
    const chunk = concat([latin1(`${i + 1} 0 obj\n`), body, latin1('\nendobj\n')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''}${encryptNum ? ` /Encrypt ${encryptNum} 0 R` : ''} /ID [<${hex(id)}> <${hex(id)}>] >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(latin1(xref + trailer));
  return concat(chunks);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const ARTICLE_TITLE = 'Tides and Trade in the Northern Ports';
export const RUNNING_HEADER = 'Journal of Harbour Studies, Vol. 12';

/** Lines set in a column from the top down, 13 points apart; an empty string leaves a paragraph gap. */
function column(x: number, top: number, texts: ReadonlyArray<string | string[]>): Line[] {
  const lines: Line[] = [];
  let y = top;
  for (const text of texts) {
    if (text === '') {
      y -= 9;
      continue;
    }
    lines.push({ x, y, size: 10, text });
    y -= 13;
  }
  return lines;
}

/**
 * The article's columns, line by line as a page would set them. Line ends break "inter-national",
 * "sea-going" (a lower-case letter after: joined) and "post-War" (a capital after: kept); one line is
 * drawn in two pieces with a kern inside "harbour", which must not split the word.
 */
export const ARTICLE = {
  page1Left: ['The northern ports handled more cargo', 'in 2021 than in any year before. The', ['har', 'bour authority reported an inter-'], 'national increase of 12 per cent, led', 'by grain and timber.', '', 'Dock workers said the new cranes had', 'doubled the speed of unloading.'],
  page1Right: ['Smaller ports did not share in the', 'growth. Their sea-', 'going fleets shrank for the third year,', 'and two yards closed in the post-', 'War district of Eastmouth.', '', 'The council has asked for a review.'],
  page2Left: ['Freight rates fell in the spring but', 'rose again by the autumn, when the', 'harbour opened its second basin.', '', 'Fishing, once the main trade, now', 'employs fewer than 800 people.'],
  page2Right: ['The authority expects the growth to', 'continue until 2025, when the lease of', 'the eastern quay ends.'],
};

/** The two-page article. Page 1 is drawn footer first, then the columns line by line across (left, right, left…): not in reading order. */
export function articlePdf(): Uint8Array {
  const header = (): Line => ({ x: 72, y: 760, size: 8, text: RUNNING_HEADER });
  const folio = (n: number): Line => ({ x: 300, y: 40, size: 9, text: String(n) });
  const left1 = column(72, 640, ARTICLE.page1Left);
  const right1 = column(320, 640, ARTICLE.page1Right);
  const across: Line[] = [];
  for (let i = 0; i < Math.max(left1.length, right1.length); i++) across.push(...(left1[i] ? [left1[i]] : []), ...(right1[i] ? [right1[i]] : []));
  const page1 = [folio(1), header(), { x: 72, y: 710, size: 18, text: ARTICLE_TITLE }, { x: 72, y: 688, size: 11, text: 'By Maria Okafor' }, ...across];
  const page2 = [header(), ...column(72, 720, ARTICLE.page2Left), ...column(320, 720, ARTICLE.page2Right), folio(2)];
  return writePdf({
    pages: [{ content: contentStream(page1) }, { content: contentStream(page2) }],
    info: { Title: ARTICLE_TITLE, Author: 'Maria Okafor', CreationDate: "D:20240305093000+01'00'", Producer: 'Sourced test fixtures' },
  });
}

/** A page that is only a picture: what a scan without OCR looks like. */
export function scannedPdf(): Uint8Array {
  return writePdf({ pages: [{ content: 'q 400 0 0 400 100 200 cm /Im1 Do Q', image: true }, { content: 'q 400 0 0 400 100 200 cm /Im1 Do Q', image: true }], info: { Title: 'Scanned letter' } });
}

/** The article's first page, encrypted under the user password `secret`. */
export function encryptedPdf(): Uint8Array {
  return writePdf({ pages: [{ content: contentStream(column(72, 700, ARTICLE.page1Left)) }], userPassword: 'secret' });
}

/** The article cut short at a fraction of its bytes. */
export function truncatedPdf(fraction = 0.4): Uint8Array {
  const bytes = articlePdf();
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

/** A long single-column document: each page 48 lines of made-up prose, a running header and a page number. */
export function longPdf(pages = 200): Uint8Array {
  const words = 'the port trade harbour grain timber freight rate cargo fleet quay basin council review authority growth lease autumn spring ship crane dock worker yard district'.split(' ');
  let seed = 42;
  const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const specs: PageSpec[] = [];
  for (let p = 1; p <= pages; p++) {
    const lines: Line[] = [{ x: 72, y: 760, size: 8, text: 'A Long Report on Harbours' }];
    for (let l = 0; l < 48; l++) {
      const n = 8 + (next() % 4);
      lines.push({ x: 72, y: 730 - l * 14, size: 10, text: Array.from({ length: n }, () => words[next() % words.length]).join(' ') + (l % 6 === 5 ? '.' : '') });
    }
    lines.push({ x: 300, y: 40, size: 9, text: String(p) });
    specs.push({ content: contentStream(lines) });
  }
  return writePdf({ pages: specs, info: { Title: 'A Long Report on Harbours', Author: 'Test Fixtures' } });
}

/** A line drawn by {@link pageContent}, for scripts that lay out their own pages (scripts/samplePdf.ts). */
export type PdfLine = Line;

/** A page's content stream that draws the lines, in the order given, in Helvetica: the body of a `writePdf` page. */
export function pageContent(lines: readonly PdfLine[]): string {
  return contentStream(lines);
}
