// Runs every test suite that can run here — type check, lint, unit and acceptance tests —
// even when an earlier one fails, then prints one closing line that sums them all:
// "N passed, N failed". Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];

function run(name, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${args.join(' ')}\n`);
  const [command, ...rest] = args[0] === 'node' ? args : [npx, '--no-install', ...args];
  const result = spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

// Checks that pass or fail as a whole count as one test each. The build comes first:
// the protocol tests run the bundled language server.
for (const [name, args] of [
  ['build', ['node', 'scripts/build.mjs']],
  ['typecheck', ['tsc', '--noEmit', '-p', '.']],
  ['lint', ['eslint', 'src', 'test', 'scripts', 'bench', 'eval']],
]) {
  const ok = run(name, args) === 0;
  totals[ok ? 'passed' : 'failed']++;
  rows.push(`${name}: ${ok ? 'passed' : 'FAILED'}`);
}

// Mocha reports its own counts through the summary reporter.
const dir = mkdtempSync(join(tmpdir(), 'sourced-test-'));
const summary = join(dir, 'mocha.json');
const status = run('unit and acceptance tests', ['mocha', ...(process.argv.length > 2 ? process.argv.slice(2) : ['test/**/*.test.ts'])], { SOURCED_TEST_SUMMARY: summary });
if (existsSync(summary)) {
  const counts = JSON.parse(readFileSync(summary, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  rows.push(`mocha: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (status !== 0 && counts.failed === 0) {
    totals.failed++;
    rows.push('mocha: exited with an error outside any test');
  }
} else {
  totals.failed++;
  rows.push('mocha: did not run to the end');
}
rmSync(dir, { recursive: true, force: true });

process.stdout.write(`\n${rows.join('\n')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
