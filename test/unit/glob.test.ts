import * as assert from 'node:assert/strict';
import { escapesFolder, GlobError, globProblem, isIgnoredPath, MAX_GLOB_LENGTH, matchesAny, matchesGlob } from '../../src/core/glob';

describe('globs', () => {
  const cases: Array<[glob: string, path: string, matches: boolean]> = [
    ['sources/**/*.{md,markdown,txt}', 'sources/a.txt', true],
    ['sources/**/*.{md,markdown,txt}', 'sources/x/y/a.md', true],
    ['sources/**/*.{md,markdown,txt}', 'sources/a.pdf', false],
    ['sources/**/*.{md,markdown,txt}', 'notes/a.md', false],
    ['**/*.{md,markdown}', 'a.md', true],
    ['**/*.{md,markdown}', 'x/a.markdown', true],
    ['*.txt', 'a.txt', true],
    ['*.txt', 'x/a.txt', false],
    ['sources/**', 'sources/a/b', true],
    ['**', 'any/depth/at/all', true],
    ['**/x', 'x', true],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[ab]x', 'bx', true],
    ['[!ab]x', 'cx', true],
    ['[!ab]x', 'ax', false],
    ['[z-a]', 'q', false],
    ['[abc', '[abc', true],
    ['{a,b{c,d}}/x', 'bd/x', true],
    ['{a,b{c,d}}/x', 'b/x', false],
    ['{a,b', 'b', true],
    ['a,b', 'a,b', true],
    ['a}b', 'a}b', true],
    ['a.b+(c)|$^', 'a.b+(c)|$^', true],
    ['a.b', 'axb', false],
  ];
  for (const [glob, path, matches] of cases) {
    it(`${JSON.stringify(glob)} ${matches ? 'matches' : 'does not match'} ${JSON.stringify(path)}`, () => assert.equal(matchesGlob(path, glob), matches));
  }

  it('matchesAny is true when one glob matches', () => {
    assert.equal(matchesAny('sources/a.txt', ['*.md', 'sources/*.txt']), true);
    assert.equal(matchesAny('sources/a.txt', []), false);
  });

  // A backtracking regular expression takes exponential time on these; globs come from the workspace.
  const slow: Array<[glob: string, path: string]> = [
    [`${'*a'.repeat(30)}*b`, 'a'.repeat(255)],
    [`${'**/'.repeat(20)}x`, `${'a/'.repeat(100)}y`],
    [`${'{a,a}'.repeat(40)}b`, 'a'.repeat(80)],
  ];
  for (const [glob, path] of slow) {
    it(`matches ${glob.slice(0, 24)}… in linear time`, () => {
      const start = process.hrtime.bigint();
      assert.equal(matchesGlob(path, glob), false);
      assert.ok(process.hrtime.bigint() - start < 1_000_000_000n, 'under a second');
    });
  }

  // Globs come from the workspace: out-of-bounds ones are refused with a reason before they are compiled.
  const outOfBounds: Array<[what: string, glob: string, problem: RegExp]> = [
    ['20,000 "**/"', `${'**/'.repeat(20_000)}x`, /is 60,001 characters long; a glob may have at most 256/],
    ['20,000 nested braces', `${'{'.repeat(20_000)}a${'}'.repeat(20_000)}`, /is 40,001 characters long/],
    ['nine nested braces', `${'{a,'.repeat(9)}b${'}'.repeat(9)}`, /nests braces more than 8 deep/],
  ];
  for (const [what, glob, problem] of outOfBounds) {
    it(`refuses a glob of ${what} with a reason, without overflowing the stack`, () => {
      assert.match(globProblem(glob)!, problem);
      assert.throws(() => matchesGlob('sources/a.txt', glob), (e: unknown) => e instanceof GlobError && problem.test(e.message));
    });
  }

  it('accepts globs within the bounds, braces inside a bracket expression not counting as nesting', () => {
    for (const glob of ['sources/**/*.{md,markdown,txt}', `${'{a,'.repeat(8)}b${'}'.repeat(8)}`, `[${'{'.repeat(20)}]x`, 'a'.repeat(MAX_GLOB_LENGTH)]) assert.equal(globProblem(glob), undefined, glob);
  });

  it('repeated "**/" and "*" match as one', () => {
    const globs = [`${'**/'.repeat(80)}x.md`, '**/x.md'];
    for (const path of ['x.md', 'a/x.md', 'a/b/c/x.md', 'a/y.md', 'x.mdx']) assert.equal(matchesGlob(path, globs[0]!), matchesGlob(path, globs[1]!), path);
    assert.equal(matchesGlob('ab/c', 'a***b/c'), true);
    assert.equal(matchesGlob('a/b', 'a**'), true);
    assert.equal(matchesGlob('a/b', 'a**b'), true);
    assert.equal(matchesGlob('a/b', 'a*b'), false);
  });

  const escaping: Array<[glob: string, escapes: boolean]> = [
    ['../x/*', true],
    ['sources/../../etc', true],
    ['/etc/passwd', true],
    ['C:/Windows', true],
    ['\\\\server\\share', true],
    ['{..,x}/*', true],
    ['sources/**/*.txt', false],
    ['..hidden/*', false],
    ['a..b', false],
  ];
  for (const [glob, escapes] of escaping) {
    it(`escapesFolder(${JSON.stringify(glob)}) is ${escapes}`, () => assert.equal(escapesFolder(glob), escapes));
  }

  it('ignores node_modules and dot folders', () => {
    assert.equal(isIgnoredPath('node_modules/a/b.md'), true);
    assert.equal(isIgnoredPath('.git/x.md'), true);
    assert.equal(isIgnoredPath('sources/.x.md'), false);
  });
});
