// VS Code for the Web (vscode.dev): the language server runs in a web worker.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './activate';
import type { PsylintApi } from './activate';

export { deactivate, type PsylintApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<PsylintApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  return activateWith(context, (options) => new LanguageClient('psylint', 'Psylint', new Worker(serverMain.toString(true)), options));
}
