// The language server as a Node process (the VS Code desktop client starts it over IPC; tests use stdio).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './serverCore';

startServer(createConnection(ProposedFeatures.all));
