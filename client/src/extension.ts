// Desktop VS Code: the language server runs as a Node process over IPC.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../server/src/launch';
import { activateWith } from './activate';
import type { PsylintApi } from './activate';

export { deactivate, type PsylintApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<PsylintApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  return activateWith(context, (options) => new LanguageClient('psylint', 'Psylint', serverOptions, options));
}
