/**
 * Fetches a web page for Add Source from URL, within limits: only http(s), at most a few
 * redirects (each checked again), a time budget and a size budget, and only HTML or text. Never
 * throws: a failure is a sentence for the user.
 */
import { TextDecoder } from 'node:util';

/** Limits of a fetch. */
export interface FetchLimits {
  readonly maxRedirects?: number;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

const DEFAULTS = { maxRedirects: 5, timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024 } as const;

/** What a fetch brought: the page's text and its final URL, or why not. */
export type FetchedPage = { readonly ok: true; readonly url: string; readonly html?: string; readonly text?: string } | { readonly ok: false; readonly failure: string };

/** Whether a URL is one Sourced may fetch: http or https, nothing else (no file:, data:, javascript:). */
export function fetchableUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A decoder for the charset a server declares; UTF-8 when it declares none, or one Node does not know. */
function decoderFor(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** Fetches a page (see the module's comment). */
export async function fetchPage(address: string, limits: FetchLimits = {}): Promise<FetchedPage> {
  const { maxRedirects, timeoutMs, maxBytes } = { ...DEFAULTS, ...limits };
  let url = fetchableUrl(address);
  if (!url) return { ok: false, failure: `${JSON.stringify(address.slice(0, 200))} is not an http or https address` };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { redirect: 'manual', signal: controller.signal, headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9' } });
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        if (!location) return { ok: false, failure: `${url.host} answered a redirect without a location` };
        if (redirects >= maxRedirects) return { ok: false, failure: `${address} redirects more than ${maxRedirects} times` };
        const next = fetchableUrl(new URL(location, url).toString());
        if (!next) return { ok: false, failure: `${url.host} redirects to an address that is not http or https` };
        url = next;
        continue;
      }
      if (!response.ok) return { ok: false, failure: `${url.host} answered ${response.status} ${response.statusText}`.trim() };
      const type = (response.headers.get('content-type') ?? '').toLowerCase();
      if (type && !/text\/html|application\/xhtml|text\/plain/.test(type)) return { ok: false, failure: `${url.toString()} is ${type.split(';')[0]}, not a web page` };
      const declared = Number(response.headers.get('content-length'));
      const tooLarge = `the page is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`;
      if (declared > maxBytes) return { ok: false, failure: tooLarge };
      // Read with a running count: a server may send more than it declared, or declare nothing.
      const reader = response.body?.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = reader ? await reader.read() : { done: true, value: undefined };
        if (done || !value) break;
        size += value.length;
        if (size > maxBytes) {
          await reader?.cancel();
          return { ok: false, failure: tooLarge };
        }
        chunks.push(value);
      }
      const body = decoderFor(/charset=([\w-]+)/.exec(type)?.[1]).decode(Buffer.concat(chunks));
      return type.includes('text/plain') ? { ok: true, url: url.toString(), text: body } : { ok: true, url: url.toString(), html: body };
    }
  } catch (error) {
    return { ok: false, failure: controller.signal.aborted ? `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} s` : `${url.host} could not be reached (${(error as Error).message})` };
  } finally {
    clearTimeout(timer);
  }
}
