// The language server as a Node process (the VS Code desktop client starts it over IPC; tests use stdio).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeDraftPool } from './lsp/nodePool';
import { startServer } from './serverCore';

const connection = createConnection(ProposedFeatures.all);
// Last line of defence: an error nothing caught is logged; it must not end the server and every open document's diagnostics.
process.on('unhandledRejection', (error) => connection.console.error(`unhandled: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
startServer(connection, { pool: nodeDraftPool() });
