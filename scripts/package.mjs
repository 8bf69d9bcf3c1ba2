// `npm run package`: builds the release bundles and packs sourced.vsix with vsce, offline.
// What the extension page shows comes from files meant for users: media/marketplace/README.md (the
// README.md at the root is the developers'), CHANGELOG.md, and the icon media/sourced.png (drawn by
// scripts/icon.ts). .vscodeignore, an allowlist, says what else ships; the screenshots stay out.
//
//   node scripts/package.mjs [--out <file>] [--no-build]
//
// --out     where to write the .vsix (default: sourced.vsix in the repository)
// --no-build  pack the bundles already in dist/ as they are (test/packaging.test.ts packs the
//             development build this way, so that running the tests does not replace it)
//
// After a release build the .vsix must stay under MAX_VSIX_BYTES: it once weighed 982 KB, 600 KB of
// it screenshots.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const USER_README = 'media/marketplace/README.md';
const CHANGELOG = 'CHANGELOG.md';
/**
 * The release .vsix weighs about 1,110 KB, nearly all of it three bundles: the server carries the
 * BibTeX parser (about 125 KB of it, compressed) and Readability over linkedom for web pages (about
 * 120 KB, with linkedom's CSS parser left out: see scripts/build.mjs); the PDF worker is PDF.js
 * (unpdf's build, about 500 KB compressed), loaded only when a PDF source is read.
 */
const MAX_VSIX_BYTES = 1200 * 1024;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, 'sourced.vsix'));
const build = !args.includes('--no-build');

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (build) run(process.execPath, [join(root, 'scripts/build.mjs'), '--release']);
run(join(root, 'node_modules/.bin/vsce'), [
  'package',
  // The bundles carry every dependency: nothing from node_modules ships.
  '--no-dependencies',
  // There is no public repository yet, so no relative link could be rewritten to one; the user
  // README has none (test/packaging.test.ts checks it).
  '--allow-missing-repository',
  '--no-rewrite-relative-links',
  '--readme-path',
  USER_README,
  '--changelog-path',
  CHANGELOG,
  '--out',
  out,
]);
const bytes = statSync(out).size;
console.log(`${out}: ${(bytes / 1024).toFixed(1)} KB`);
if (build && bytes > MAX_VSIX_BYTES) {
  console.error(`the .vsix weighs ${(bytes / 1024).toFixed(1)} KB, over the ${MAX_VSIX_BYTES / 1024} KB allowed (MAX_VSIX_BYTES in scripts/package.mjs): what grew? (unzip -l ${out})`);
  process.exit(1);
}
