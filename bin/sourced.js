#!/usr/bin/env node
'use strict';
// Runs the bundled CLI; `npm ci` builds it (the "prepare" script), `npm run build` rebuilds it.
// A closed pipe ("sourced entities | head") ends the output quietly.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(process.exitCode || 0);
  throw error;
});
// `sourced lsp --stdio` runs the language server for any LSP client.
if (process.argv[2] === 'lsp') {
  if (!process.argv.slice(3).some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) process.argv.push('--stdio');
  require('../dist/server.js');
  return;
}
let cli;
try {
  cli = require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('sourced: the CLI is not built yet; run "npm run build" (npm ci does it for you)\n');
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`sourced: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
