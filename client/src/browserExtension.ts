// VS Code for the Web (vscode.dev): the language server runs in a web worker.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './activate';
import type { PsylintApi } from './activate';

export { deactivate, type PsylintApi } from './activate';

export async function activate(context: vscode.ExtensionContext): Promise<PsylintApi> {
  const serverMain = await workerScript(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js'));
  return activateWith(context, (options) => new LanguageClient('psylint', 'Psylint', new Worker(serverMain), options));
}

/**
 * A URL a worker can start from. The web worker extension host refuses workers
 * from vscode-remote URIs (an extension installed on the remote, as in
 * code-server or a remote window): start those from the script's text.
 */
async function workerScript(uri: vscode.Uri): Promise<string> {
  if (uri.scheme !== 'vscode-remote') return uri.toString(true);
  const script = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
}
