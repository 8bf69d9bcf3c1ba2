/**
 * A small glob matcher for include and exclude settings: `**`, `*`, `?`,
 * `{a,b}` and `[abc]`, on forward-slash paths relative to the workspace.
 *
 * Globs come from the workspace (the project file, workspace settings), so they
 * are untrusted: a glob is compiled to a Thompson automaton and matched by
 * following every state at once, in time linear in the path for a given glob.
 * A backtracking regular expression would take exponential time on globs such
 * as `*a*a*a*a*a*a*b`.
 */

type CharTest = (code: number) => boolean;

/**
 * Bounds on a glob, which comes from the workspace. Matching costs about the glob's length for
 * each character of a path and is paid for every file found and every edit, so a glob of
 * thousands of characters slows everything; braces are parsed recursively, so deep nesting
 * would overflow the stack. Real globs are a few dozen characters with a level or two of braces.
 */
export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_NESTING = 8;
/** How many globs one list (`sources.include`, …) may hold. */
export const MAX_GLOBS = 64;

/** What is wrong with a glob, or undefined when it is within the bounds. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length.toLocaleString('en-US')} characters long; a glob may have at most ${MAX_GLOB_LENGTH}`;
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '[') {
      // A bracket expression is one character test: braces inside it do not nest.
      const close = glob.indexOf(']', i + 1);
      if (close !== -1) i = close;
    } else if (c === '{' && ++depth > MAX_GLOB_NESTING) return `nests braces more than ${MAX_GLOB_NESTING} deep`;
    else if (c === '}' && depth > 0) depth--;
  }
  return undefined;
}

/** A glob outside the bounds of {@link globProblem}: it is never compiled. */
export class GlobError extends Error {}

type Node =
  | { readonly t: 'char'; readonly test: CharTest }
  | { readonly t: 'star'; readonly test: CharTest }
  | { readonly t: 'globstar' }
  | { readonly t: 'seq'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly options: readonly Node[] };

const SLASH = 0x2f;
const ANY: CharTest = () => true;
const NOT_SLASH: CharTest = (c) => c !== SLASH;

function literal(ch: string): Node {
  const code = ch.charCodeAt(0);
  return { t: 'char', test: (c) => c === code };
}

/** A bracket expression (`[abc]`, `[a-z]`, `[!abc]`) as a test on one character. */
function bracket(content: string): CharTest {
  let re: RegExp;
  try {
    re = new RegExp(`^[${content.replace(/^!/, '^').replace(/\\/g, '\\\\')}]$`);
  } catch {
    // An invalid range such as `[z-a]` matches nothing.
    return () => false;
  }
  return (c) => re.test(String.fromCharCode(c));
}

/** True when a node is a star with the given test (a star after it would add nothing). */
function isStar(node: Node | undefined, test: CharTest): boolean {
  return node?.t === 'star' && node.test === test;
}

function parse(glob: string): Node {
  const problem = globProblem(glob);
  if (problem) throw new GlobError(`the glob ${JSON.stringify(glob.slice(0, 40))}${glob.length > 40 ? '…' : ''} ${problem}`);
  let i = 0;
  const sequence = (depth: number): Node => {
    const items: Node[] = [];
    while (i < glob.length) {
      const c = glob[i]!;
      if (depth > 0 && (c === '}' || c === ',')) break;
      i++;
      if (c === '*') {
        if (glob[i] === '*') {
          i++;
          if (glob[i] === '/') {
            i++;
            // `**/**/` matches what `**/` matches: one loop instead of many keeps matching linear in the path.
            if (items[items.length - 1]?.t !== 'globstar') items.push({ t: 'globstar' });
          } else if (!isStar(items[items.length - 1], ANY)) items.push({ t: 'star', test: ANY });
        } else if (!isStar(items[items.length - 1], NOT_SLASH) && !isStar(items[items.length - 1], ANY)) items.push({ t: 'star', test: NOT_SLASH });
      } else if (c === '?') items.push({ t: 'char', test: NOT_SLASH });
      else if (c === '{') {
        const options = [sequence(depth + 1)];
        while (glob[i] === ',') {
          i++;
          options.push(sequence(depth + 1));
        }
        // An unclosed brace closes at the end of the glob.
        if (glob[i] === '}') i++;
        items.push({ t: 'alt', options });
      } else if (c === '[') {
        const close = glob.indexOf(']', i);
        if (close === -1) items.push(literal(c));
        else {
          items.push({ t: 'char', test: bracket(glob.slice(i, close)) });
          i = close + 1;
        }
      } else items.push(literal(c));
    }
    return { t: 'seq', items };
  };
  return sequence(0);
}

/** A compiled glob: states that consume one character (`test`, then `out`), split states (`out` and `alt`) and one final state. */
class Automaton {
  private readonly tests: Array<CharTest | undefined> = [];
  private readonly out: number[] = [];
  private readonly alt: number[] = [];
  private readonly start: number;
  private readonly final: number;
  private marks: Int32Array = new Int32Array(0);
  private generation = 0;

  constructor(glob: string) {
    this.final = this.state(undefined, -1, -1);
    this.start = this.build(parse(glob), this.final);
    this.marks = new Int32Array(this.tests.length);
  }

  private state(test: CharTest | undefined, out: number, alt: number): number {
    this.tests.push(test);
    this.out.push(out);
    this.alt.push(alt);
    return this.tests.length - 1;
  }

  /** Builds the states of a node followed by `next`; returns the node's first state. */
  private build(node: Node, next: number): number {
    switch (node.t) {
      case 'char':
        return this.state(node.test, next, -1);
      case 'star': {
        const loop = this.state(undefined, -1, next);
        this.out[loop] = this.state(node.test, loop, -1);
        return loop;
      }
      case 'globstar': {
        // (?:[^/]*/)*: any number of whole segments, each ending with a slash.
        const loop = this.state(undefined, -1, next);
        const slash = this.state((c) => c === SLASH, loop, -1);
        const inSegment = this.state(undefined, -1, slash);
        this.out[inSegment] = this.state(NOT_SLASH, inSegment, -1);
        this.out[loop] = inSegment;
        return loop;
      }
      case 'seq': {
        let first = next;
        for (let k = node.items.length - 1; k >= 0; k--) first = this.build(node.items[k]!, first);
        return first;
      }
      case 'alt': {
        let first = this.build(node.options[node.options.length - 1]!, next);
        for (let k = node.options.length - 2; k >= 0; k--) first = this.state(undefined, this.build(node.options[k]!, next), first);
        return first;
      }
    }
  }

  /** Adds a state and every state reachable from it without consuming a character. */
  private add(list: number[], s: number): void {
    const stack = [s];
    while (stack.length) {
      const x = stack.pop()!;
      if (x < 0 || this.marks[x] === this.generation) continue;
      this.marks[x] = this.generation;
      if (this.tests[x] || x === this.final) list.push(x);
      else stack.push(this.alt[x]!, this.out[x]!);
    }
  }

  /** Starts a new set of states: marks from older sets no longer count. */
  private bump(): void {
    if (++this.generation > 0x3fffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
  }

  /** True when the whole path matches. */
  matches(path: string): boolean {
    this.bump();
    let current: number[] = [];
    this.add(current, this.start);
    for (let i = 0; i < path.length && current.length; i++) {
      const c = path.charCodeAt(i);
      this.bump();
      const next: number[] = [];
      for (const s of current) if (this.tests[s]?.(c)) this.add(next, this.out[s]!);
      current = next;
    }
    return current.includes(this.final);
  }
}

const cache = new Map<string, Automaton>();

/** True when a relative path matches the glob. */
export function matchesGlob(path: string, glob: string): boolean {
  let automaton = cache.get(glob);
  if (!automaton) cache.set(glob, (automaton = new Automaton(glob)));
  return automaton.matches(path);
}

/** True when a relative path matches any of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}

/**
 * True when a glob names files outside the folder it is relative to: an absolute path
 * (`/etc/*`, `C:/…`, `\\server\…`) or a `..` segment, also inside braces (`{..,x}/*`).
 * Such globs are rejected rather than matched: they could never match a listed file,
 * and a configuration that asks for them is a mistake or an attack to report.
 */
export function escapesFolder(glob: string): boolean {
  return /^(?:[\\/]|[A-Za-z]:)/.test(glob) || glob.split(/[\\/{},]/).some((part) => part === '..');
}

/** True for paths under `node_modules` or a dot folder, which are never indexed. */
export function isIgnoredPath(path: string): boolean {
  return path.split('/').some((part, i, all) => part === 'node_modules' || (part.startsWith('.') && part !== '.' && part !== '..' && i < all.length - 1));
}
