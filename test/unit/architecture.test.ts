/**
 * The shape of src/: no import cycle anywhere, and a core (src/core) that depends on neither the
 * editor nor Node, only on itself and plain libraries. ESLint refuses the core's forbidden imports
 * as they are typed (eslint.config.mjs); this test also finds cycles, which no lint rule here does,
 * and names every file on each. Imports are read with TypeScript's own scanner, so that `import`,
 * `import type`, `export … from`, `import('…')` and `require('…')` all count and comments do not.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import * as ts from 'typescript';

const SRC = join(__dirname, '..', '..', 'src');

/**
 * Cycles that are known and being removed, each as the sorted files of one strongly connected
 * group (paths relative to src/). Only files another change is rewriting belong here, each with a
 * comment saying which change; the test fails for any other cycle, and for an entry that no
 * longer is one, so that the list only ever shrinks. Empty: src/ has no cycle.
 */
const KNOWN_CYCLES_IN_PROGRESS: ReadonlyArray<readonly string[]> = [];

/** Every TypeScript file under src/, relative to it, with forward slashes. */
function sourceFiles(dir = ''): string[] {
  return readdirSync(join(SRC, dir))
    .sort()
    .flatMap((name) => {
      const rel = dir ? `${dir}/${name}` : name;
      if (statSync(join(SRC, rel)).isDirectory()) return sourceFiles(rel);
      return rel.endsWith('.ts') ? [rel] : [];
    });
}

/** The module names a file imports, in any form. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The src/ file a relative import names (`./x` is x.ts or x/index.ts), or undefined for anything else. */
function resolveImport(from: string, name: string): string | undefined {
  if (!name.startsWith('./') && !name.startsWith('../')) return undefined;
  const target = posix.normalize(posix.join(posix.dirname(from), name));
  return [`${target}.ts`, `${target}/index.ts`, target].find((candidate) => candidate.endsWith('.ts') && existsSync(join(SRC, candidate)));
}

/** Each file's imports of other src/ files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    graph.set(file, [...new Set(importsOf(file).flatMap((name) => resolveImport(file, name) ?? []))].sort());
  }
  return graph;
}

/** The groups of files that import one another, directly or not (Tarjan's strongly connected components of two or more files, or one that imports itself). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file)?.includes(file)) groups.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One import path around a group, `a.ts → b.ts → a.ts`, found breadth first so that it is short. */
function cyclePath(graph: ReadonlyMap<string, readonly string[]>, group: readonly string[]): string {
  const members = new Set(group);
  const start = group[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.shift()!;
    for (const next of graph.get(file) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const between: string[] = [];
        for (let at: string | undefined = file; at !== undefined && at !== start; at = previous.get(at)) between.unshift(at);
        return [start, ...between, start].join(' → ');
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return group.join(', ');
}

/** Why an import is not allowed in src/core, or undefined when it is. */
function coreImportProblem(file: string, name: string): string | undefined {
  if (name.startsWith('node:') || builtinModules.includes(name)) return 'a Node built-in (Node adapters live in src/node)';
  if (name.startsWith('vscode')) return 'an editor library';
  if ((name.startsWith('./') || name.startsWith('../')) && !posix.normalize(posix.join(posix.dirname(file), name)).startsWith('core/')) return 'outside src/core';
  return undefined;
}

describe('architecture', () => {
  const graph = importGraph();

  it('reads the imports of every file under src/', () => {
    // A guard against a test that passes because it read nothing.
    assert.ok(graph.size > 50, `only ${graph.size} files found under ${SRC}`);
    assert.ok(graph.get('cli/main.ts')?.includes('core/workspace.ts'), 'cli/main.ts imports core/workspace.ts');
    assert.ok(graph.get('core/workspace.ts')?.includes('core/persist/index.ts'), 'a folder import resolves to its index.ts');
    assert.ok(graph.get('core/persist/store.ts')?.includes('core/fileSystem.ts'), '`import type` counts');
  });

  it('has no import cycle in src/ (beyond the known ones being removed)', () => {
    const found = cycles(graph);
    const key = (group: readonly string[]): string => [...group].sort().join(' ');
    const known = new Set(KNOWN_CYCLES_IN_PROGRESS.map(key));
    const unexpected = found.filter((group) => !known.has(key(group)));
    assert.deepEqual(
      unexpected.map((group) => cyclePath(graph, group)),
      [],
      `import cycles in src/:\n${unexpected.map((group) => `  ${cyclePath(graph, group)}\n    (files: ${group.join(', ')})`).join('\n')}`,
    );
    const gone = KNOWN_CYCLES_IN_PROGRESS.filter((group) => !found.some((f) => key(f) === key(group)));
    assert.deepEqual(gone, [], 'KNOWN_CYCLES_IN_PROGRESS lists cycles that are gone: remove them from the list');
  });

  it('keeps src/core free of Node, the editor and everything outside it', () => {
    const problems = [...graph.keys()]
      .filter((file) => file.startsWith('core/'))
      .flatMap((file) => importsOf(file).flatMap((name) => {
        const problem = coreImportProblem(file, name);
        return problem ? [`src/${file} imports ${name}: ${problem}`] : [];
      }));
    assert.deepEqual(problems, []);
  });

  it('finds a cycle and a Node import when there is one', () => {
    const sample = new Map([
      ['a.ts', ['b.ts', 'd.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    assert.deepEqual(cycles(sample), [['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
    assert.equal(cyclePath(sample, ['a.ts', 'b.ts', 'c.ts']), 'a.ts → b.ts → c.ts → a.ts');
    assert.equal(cyclePath(sample, ['e.ts']), 'e.ts → e.ts');
    for (const name of ['node:fs', 'fs', 'fs/promises', 'path', 'crypto', 'zlib']) assert.match(coreImportProblem('core/x.ts', name)!, /Node built-in/, name);
    assert.match(coreImportProblem('core/x.ts', 'vscode-languageserver/node')!, /editor/);
    assert.match(coreImportProblem('core/x.ts', '../node/fileSystem')!, /outside src\/core/);
    assert.equal(coreImportProblem('core/persist/x.ts', '../source'), undefined);
    assert.equal(coreImportProblem('core/x.ts', 'unified'), undefined);
  });
});
