/**
 * Words a page broke across lines with a hyphen ("inter-\nnational"): scraped articles keep such
 * breaks. Quoting keeps the source's text unless the writer chooses to join them; this module has
 * no other dependency, so the editor client can ask before quoting.
 */

/** Words broken by a hyphen at a line end, with a lower-case letter after: a line break of the page, not a hyphenated word. */
const HYPHENATED_LINE_END = /(\p{L})-[ \t]*\r?\n[ \t]*(\p{Ll})/gu;

/** Whether a passage has words hyphenated at a line end (the command then asks whether to join them). */
export function hasHyphenatedLineEnds(passage: string): boolean {
  HYPHENATED_LINE_END.lastIndex = 0;
  return HYPHENATED_LINE_END.test(passage);
}

/** A passage with its words hyphenated at line ends joined. */
export function joinHyphenation(passage: string): string {
  return passage.replace(HYPHENATED_LINE_END, '$1$2');
}
