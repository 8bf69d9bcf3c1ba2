/**
 * Entry point of the language server bundle (dist/server.js). The transport is
 * chosen from the command line as usual for LSP servers: `--stdio`, `--node-ipc`
 * or `--socket=<port>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isAnalysisWorker } from '../node/analysisWorker';
import { guardProcess } from './failures';
import { startServer } from './server';

// This bundle is also what the analysis workers load (src/node/analysisPool.ts): there it serves
// analyses, and no connection is made.
if (!isAnalysisWorker()) {
  const connection = createConnection(ProposedFeatures.all);
  guardProcess(process, connection.console, (message) => {
    // Written synchronously: the process exits right after, before an asynchronous log message could be sent.
    process.stderr.write(`${message}\n`);
    process.exit(1);
  });
  startServer(connection);
}
