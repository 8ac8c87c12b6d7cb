// The language server in a web worker (vscode.dev, github.dev). The glossary
// is bundled into the worker (see scripts/build.mjs); there is no workspace
// file system here, so configuration comes from settings only.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './serverCore';

/** The worker's global scope: the port to the extension. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)));
