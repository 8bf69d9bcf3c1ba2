// linkedom parses a <style> element's CSS only when its `sheet` is read, which Sourced never does
// (Readability reads text and structure). Bundling the parser would add about 190 KB to the
// language server; this stands in for it and says so if it is ever reached.
export function parse() {
  throw new Error('CSS parsing is not bundled with Sourced (scripts/stubs/cssomnom-parse.mjs)');
}
