// Diagnostics for Markdown cells of notebooks (Jupyter and others).
//
// The server uses pull diagnostics, and the language client pulls them only
// for documents shown in tabs, or for notebook cells when the server syncs
// whole notebooks (notebookDocumentSync). Psylint lints each Markdown cell as
// a text document of its own (the document selector has
// `{ notebook: '*', language: 'markdown' }`), so cells are never in a tab:
// this module pulls their diagnostics itself, right after the client has sent
// the cell's didOpen or didChange, and keeps them in a collection of its own.
// Hovers and quick fixes need nothing extra: they are requests on the cell's URI.

import * as vscode from 'vscode';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  type BaseLanguageClient,
} from 'vscode-languageclient';

const CELL_SCHEME = 'vscode-notebook-cell';

export function pullNotebookCellDiagnostics(client: BaseLanguageClient): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('psylint-notebook-cells');
  const pending = new Map<string, vscode.CancellationTokenSource>();
  const isCell = (document: vscode.TextDocument) => document.uri.scheme === CELL_SCHEME;

  const pull = async (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    pending.get(key)?.cancel();
    const cancel = new vscode.CancellationTokenSource();
    pending.set(key, cancel);
    try {
      const report = await client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } }, cancel.token);
      if (cancel.token.isCancellationRequested || document.isClosed) return;
      if (report.kind === DocumentDiagnosticReportKind.Full) collection.set(document.uri, await client.protocol2CodeConverter.asDiagnostics(report.items));
    } catch {
      // Cancelled by a newer edit, or the server is restarting: the next edit or open pulls again.
    } finally {
      if (pending.get(key) === cancel) pending.delete(key);
      cancel.dispose();
    }
  };

  const subscriptions = [
    collection,
    client.getFeature(DidOpenTextDocumentNotification.method).onNotificationSent((e) => isCell(e.textDocument) && void pull(e.textDocument)),
    client.getFeature(DidChangeTextDocumentNotification.method).onNotificationSent((e) => isCell(e.textDocument) && void pull(e.textDocument)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (!isCell(document)) return;
      pending.get(document.uri.toString())?.cancel();
      collection.delete(document.uri);
    }),
    // Settings change what is found: pull every open cell again.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('psylint')) return;
      for (const document of vscode.workspace.textDocuments) if (isCell(document) && collection.has(document.uri)) void pull(document);
    }),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
