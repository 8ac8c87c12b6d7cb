// Desktop VS Code: the language server runs as a Node process over IPC.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './activate';
import type { PsylintApi } from './activate';

export { deactivate, type PsylintApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<PsylintApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // No Node options: V8's own heap settings measured fastest (bench/RESULTS.md, server).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  return activateWith(context, (options) => new LanguageClient('psylint', 'Psylint', serverOptions, options));
}
