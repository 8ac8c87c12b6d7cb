// The Psylint language server: LSP wiring over the language service
// (lsp/service.ts) and its providers, one module per feature under lsp/,
// for any connection (Node IPC/stdio in server.ts, a web worker in
// browserServer.ts). Diagnostics are pulled (LSP 3.17) when the client
// supports it and pushed otherwise.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { version } from '../../package.json';
import { GlossaryEntriesRequest, LINT_WORKSPACE_COMMAND, StatusNotification, type ParamsOf, type StatusParams } from './protocol';
import { FIX_ALL_KIND, provideCodeActions } from './lsp/codeActions';
import { provideCodeLenses } from './lsp/codeLens';
import { provideCompletion } from './lsp/completion';
import { ConnectionWorkspace } from './lsp/connectionWorkspace';
import { provideDefinition } from './lsp/definition';
import { pullDiagnostics } from './lsp/diagnostics';
import { glossaryEntries } from './lsp/glossaryEntries';
import { provideHover } from './lsp/hover';
import { DiagnosticsPublisher } from './lsp/publisher';
import { PsylintService } from './lsp/service';
import { WorkspaceLinter, type DraftPool } from './lsp/workspaceLint';

export interface ServerOptions {
  /** Lint Workspace's threads (the Node server); without one, it lints on the main thread in slices. */
  pool?: DraftPool;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new ConnectionWorkspace(connection, documents);
  const service = new PsylintService(workspace, connection.console, (problems) => {
    void connection.sendNotification(StatusNotification.method, { problems } satisfies StatusParams);
  });
  let pull = false;
  let canCreateFiles = false;
  const publisher = new DiagnosticsPublisher(service, {
    get pull() {
      return pull;
    },
    send: (params) => connection.sendDiagnostics(params),
    refresh: () => connection.languages.diagnostics.refresh(),
  });
  const workspaceLinter = new WorkspaceLinter(service, (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }), options.pool);
  const onSettings = (uri: string, then: (settings: Awaited<ReturnType<typeof workspace.settings>>) => unknown) =>
    void workspace
      .settings(uri)
      .then(then)
      .catch((error: unknown) => publisher.logError(`linting ${uri} failed`, error));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspace.folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (workspace.folders.length === 0 && params.rootUri) workspace.folders = [URI.parse(params.rootUri).fsPath];
    pull = Boolean(params.capabilities.textDocument?.diagnostic);
    workspace.configurationPull = Boolean(params.capabilities.workspace?.configuration);
    canCreateFiles = Boolean(params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: pull ? { identifier: 'psylint', interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['@'] },
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'psylint', version },
    };
  });

  connection.onInitialized(() => {
    connection.console.info(`Psylint ${version} language server; workspace folders: ${workspace.folders.join(', ') || '(none)'}; diagnostics ${pull ? 'pulled' : 'pushed'}`);
    if (workspace.configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'psylint' });
  });

  connection.onDidChangeConfiguration(() => {
    workspace.forgetSettings();
    publisher.relintAll();
  });
  connection.onDidChangeWatchedFiles(() => publisher.relintAll());

  documents.onDidOpen((e) => {
    // Diagnostics pushed by Lint Workspace give way to the pulled ones of the open document.
    if (pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (service.isGlossaryOrConfig(e.document.uri)) publisher.relintAll();
    else if (!pull) publisher.schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    // A glossary or configuration edit reloads live, before it is saved.
    if (service.isGlossaryOrConfig(e.document.uri)) return publisher.relintAll();
    if (!pull) onSettings(e.document.uri, (s) => s.run === 'onType' && publisher.schedule(e.document));
  });
  documents.onDidSave((e) => {
    if (service.isGlossaryOrConfig(e.document.uri)) return;
    onSettings(e.document.uri, async (s) => {
      if (s.run !== 'onSave') return;
      const current = documents.get(e.document.uri);
      if (current) await service.linter.save(current, s);
      if (pull) void connection.languages.diagnostics.refresh();
      else if (current) publisher.schedule(current, 0);
    });
  });
  documents.onDidClose((e) => {
    publisher.forget(e.document.uri);
    service.linter.close(e.document.uri);
    workspace.forgetSettings(e.document.uri);
    if (service.isGlossaryOrConfig(e.document.uri)) return publisher.relintAll();
    // A draft Lint Workspace reported on keeps its Problems: its findings on disk are published again.
    void workspaceLinter.closed(e.document.uri).then(
      (republished) => {
        if (!republished && !pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      },
      (error: unknown) => publisher.logError(`linting ${e.document.uri} after closing failed`, error),
    );
  });

  connection.languages.diagnostics.on((params, token) => pullDiagnostics(service, params, token));
  connection.onHover((params, token) => provideHover(service, params, token));
  connection.onDefinition((params, token) => provideDefinition(service, params, token));
  connection.onCodeAction((params, token) => provideCodeActions(service, params, token, canCreateFiles));
  connection.onCodeLens((params, token) => provideCodeLenses(service, params, token));
  connection.onCompletion((params) => provideCompletion(service, params));
  connection.onRequest(GlossaryEntriesRequest.method, (params: ParamsOf<typeof GlossaryEntriesRequest>) => glossaryEntries(service, params));
  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== LINT_WORKSPACE_COMMAND) return undefined;
    // Server-initiated work-done progress: a silent stand-in when the client does not support it.
    const progress = await connection.window.createWorkDoneProgress();
    return workspaceLinter.run(progress, token);
  });

  documents.listen(connection);
  connection.listen();
}
