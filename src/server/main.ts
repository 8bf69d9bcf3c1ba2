/**
 * Entry point of the language server bundle (dist/server.js). The transport is
 * chosen from the command line as usual for LSP servers: `--stdio`, `--node-ipc`
 * or `--socket=<port>`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
