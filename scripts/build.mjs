// Bundles the CLI (and, as they land, the language server and the VS Code client) with esbuild.
// `--release` minifies; development builds carry source maps.
import { build } from 'esbuild';

const release = process.argv.includes('--release');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // esbuild rewrites every /\p{…}/u literal as `new RegExp(…)` for node20, which builds the pattern
  // again on each call (about five times the cost of a literal); Node 20 has property escapes.
  supported: { 'regexp-unicode-property-escapes': true },
  format: 'cjs',
  sourcemap: release ? false : 'linked',
  minify: release,
  logLevel: 'warning',
  external: ['vscode'],
  // linkedom's CSS parser is reached only through a <style> element's `sheet`, which nothing reads.
  alias: { 'cssomnom/parse': './scripts/stubs/cssomnom-parse.mjs' },
};

await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' });
await build({ ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' });
// The worker thread that reads PDF sources (src/node/pdfInWorker.ts starts it from beside the calling bundle);
// the PDF reader (unpdf, about 1.6 MB minified) is only in this bundle.
await build({ ...common, entryPoints: ['src/node/pdfWorker.ts'], outfile: 'dist/pdfWorker.js' });
// The banner and footer note when the bundle starts and ends loading, so that activation time includes loading it.
await build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', banner: { js: 'globalThis.__sourcedLoadStart = performance.now();' }, footer: { js: 'globalThis.__sourcedLoadEnd = performance.now();' } });
// The language client (vscode-languageclient, nearly all of the client's code), which the extension
// loads right after activation returns, so that activating costs the editor little.
await build({ ...common, entryPoints: ['src/extension/client.ts'], outfile: 'dist/client.js' });

// The benchmark (`npm run bench` builds it and runs each measurement in it), so that it measures the
// code as the bundles ship it: tsx compiles each file on its own with a transform that differs
// (it rewrites every /\p{…}/u literal as `new RegExp`, which analysing pays for on every call).
if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.js', external: ['vscode', 'esbuild', 'tsx'] });
}

// The extension-host integration tests, for `npm run test:electron` and the offline runner.
if (process.argv.includes('--tests')) {
  await build({ ...common, sourcemap: 'inline', minify: false, entryPoints: ['test/vscode/index.ts', 'test/vscode/extensionHost.itest.ts'], outdir: 'out/test/vscode', external: ['vscode', 'mocha'] });
}
