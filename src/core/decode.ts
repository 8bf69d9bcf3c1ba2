/**
 * Source stage: decode (bytes → text).
 *
 * Turns a source file's bytes into text, or explains why it cannot. Sources are
 * scraped from the web, so every check here is about not trusting them.
 */

/** Why a file was not indexed. */
export interface SkipReason {
  readonly code:
    | 'empty'
    | 'binary'
    | 'undecodable'
    | 'too-large'
    | 'unreadable'
    | 'not-a-file'
    | 'read-timeout'
    | 'outside-workspace'
    | 'memory-limit'
    // PDFs (see pdfText.ts): no text to read, a password, a broken file, too slow to read.
    | 'no-text-layer'
    | 'encrypted'
    | 'damaged'
    | 'timeout'
    // Saved web pages (see html.ts): no article on the page, or no HTML in the file.
    | 'no-article'
    | 'not-html'
    // A format this build cannot read.
    | 'unsupported';
  readonly message: string;
}

/** The outcome of decoding a file. */
export type DecodeResult =
  | { readonly ok: true; readonly text: string; /** The WHATWG name of the encoding read: `utf-8`, `utf-16le`, `windows-1252`, … */ readonly encoding: string; readonly hadBom: boolean }
  | { readonly ok: false; readonly reason: SkipReason };

/** Default largest source file indexed, in bytes. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a source file. UTF-8 (with or without a BOM) and UTF-16 with a BOM are
 * accepted; the BOM is dropped, as editors do, so positions match what the user
 * sees. Empty, binary, oversized and invalid UTF-8 files are refused with a reason.
 */
export function decodeSource(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): DecodeResult {
  if (bytes.length > maxBytes) return { ok: false, reason: tooLarge(bytes.length, maxBytes) };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be');
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hadBom ? bytes.subarray(3) : bytes;
  if (isBlank(body)) return skip('empty', 'file is empty');
  const nul = body.indexOf(0);
  if (nul !== -1) return skip('binary', `file looks binary (NUL byte at offset ${nul + (hadBom ? 3 : 0)})`);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    return skip('undecodable', `file is not valid UTF-8 (invalid byte 0x${(body[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at + (hadBom ? 3 : 0)}); re-save it as UTF-8`);
  }
  if (text.trim() === '') return skip('empty', 'file contains only white space');
  return { ok: true, text, encoding: 'utf-8', hadBom };
}

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  if (body.length % 2 !== 0) return skip('undecodable', `file has a ${encoding.toUpperCase()} byte order mark but an odd number of bytes`);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return skip('undecodable', `file has a ${encoding.toUpperCase()} byte order mark but invalid ${encoding.toUpperCase()} data`);
  }
  if (text.trim() === '') return skip('empty', 'file contains only white space');
  if (text.includes('\u0000')) return skip('binary', 'file looks binary (NUL character)');
  return { ok: true, text, encoding, hadBom: true };
}

/** Default largest note read from disk (for references and the command line), in bytes. */
export const DEFAULT_MAX_NOTE_BYTES = 2 * 1024 * 1024;

/** The reason given for a file over the size limit (also checked before reading it); `setting` names the limit. */
export function tooLarge(size: number, maxBytes: number, setting = 'sourced.sources.maxFileSize'): SkipReason {
  return { code: 'too-large', message: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (${setting})` };
}

function skip(code: SkipReason['code'], message: string): DecodeResult {
  return { ok: false, reason: { code, message } };
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.length === 0;
}

/** Offset of the first byte that breaks UTF-8, found by a small validator. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}

/** Formats a byte count for messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Decodes a saved web page as a browser does: a byte order mark wins, then the charset its first
 * kilobytes declare (`<meta charset>`, or `http-equiv="Content-Type"`), then UTF-8 when the bytes
 * are valid UTF-8, and Windows-1252 otherwise (the web's default for pages that declare nothing).
 */
export function decodeHtml(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): DecodeResult {
  if (bytes.length > maxBytes) return { ok: false, reason: tooLarge(bytes.length, maxBytes) };
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? undefined : declaredCharset(bytes);
  if (declared && !/^utf-?8$/i.test(declared)) {
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    try {
      decoder = new TextDecoder(declared);
    } catch {
      decoder = undefined;
    }
    // UTF-16 declared in a page that a byte order mark does not open is a mistake (the declaration itself is ASCII).
    if (decoder && !decoder.encoding.startsWith('utf-16')) {
      const text = decoder.encoding === 'windows-1252' ? windows1252(bytes) : decoder.decode(bytes);
      if (text.trim() === '') return skip('empty', 'file contains only white space');
      return { ok: true, text, encoding: decoder.encoding, hadBom: false };
    }
  }
  const decoded = decodeSource(bytes, maxBytes);
  if (decoded.ok || decoded.reason.code !== 'undecodable' || declared) return decoded;
  return { ok: true, text: windows1252(bytes), encoding: 'windows-1252', hadBom: false };
}

/** What Windows-1252 has at 0x80–0x9F (Node 20's decoder gives C1 controls there instead); 0 where it has nothing. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Decodes Windows-1252, the web's reading of pages that declare Latin-1 or nothing: curly quotes and dashes included. */
function windows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!;
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

/** The charset a page declares in its first 4 KB, or undefined. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) head += String.fromCharCode(bytes[i]!);
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return meta?.[1];
}
