// The VS Code side, shared by the desktop (extension.ts: a Node server over
// IPC) and web (browserExtension.ts: a server in a web worker) builds: the
// language client, a language status item, an output channel and commands.

import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { pullNotebookCellDiagnostics } from './notebookCells';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import { GlossaryEntriesRequest, LINT_WORKSPACE_COMMAND, StatusNotification, type LintWorkspaceResult, type ParamsOf, type ResultOf } from '../../server/src/protocol';

const LANGUAGES = ['markdown', 'quarto', 'rmd', 'mdx', 'plaintext'];

let client: BaseLanguageClient | undefined;

export interface PsylintApi {
  /** The running language client (for tests and other extensions). */
  client(): BaseLanguageClient | undefined;
}

/** Activate with a way to create the client for this platform. */
export async function activateWith(context: vscode.ExtensionContext, createClient: (options: LanguageClientOptions) => BaseLanguageClient): Promise<PsylintApi> {
  const output = vscode.window.createOutputChannel('Psylint', { log: true });
  const selector: vscode.DocumentSelector = [
    ...LANGUAGES.flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
      // vscode.dev and github.dev serve documents from virtual file systems; remote windows from vscode-remote.
      { language, scheme: 'vscode-vfs' },
      { language, scheme: 'vscode-remote' },
    ]),
    // Configuration and glossary files: the server reports their errors and reloads them as you type.
    ...['file', 'vscode-remote'].flatMap((scheme) => [
      { scheme, pattern: '**/.psylint.{yaml,yml}' },
      { scheme, pattern: '**/.psylint/glossary.yaml' },
    ]),
  ];

  const status = vscode.languages.createLanguageStatusItem('psylint.status', LANGUAGES);
  status.name = 'Psylint';
  status.text = 'Psylint';
  status.command = { title: 'Show Output', command: 'psylint.showOutput' };
  context.subscriptions.push(status, output);

  const clientOptions: LanguageClientOptions = {
    // Markdown cells of notebooks (Jupyter and others) are documents of their own
    // (scheme vscode-notebook-cell), synced as text documents like any draft.
    documentSelector: [...(selector as LanguageClientOptions['documentSelector'] & unknown[]), { notebook: '*', language: 'markdown' }],
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      configurationSection: 'psylint',
      // Configuration, glossaries and Pandoc bibliographies: a change re-lints open documents.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.psylint.yaml,.psylint.yml,.psylint/glossary.yaml,*.glossary.yaml,*.bib,*.bibtex}'),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };

  let notebookCells: vscode.Disposable | undefined;
  output.info(`Psylint ${String((context.extension?.packageJSON as { version?: string } | undefined)?.version ?? '')} activated`);
  // What the status item shows: configuration and glossary problems first, else the server's state.
  let state = 'starting…';
  let problems: string[] = [];
  const showStatus = () => {
    if (problems.length) {
      status.severity = vscode.LanguageStatusSeverity.Error;
      status.detail = `${problems.length} configuration or glossary problem${problems.length === 1 ? '' : 's'}: ${problems[0]}`;
    } else {
      status.severity = state === 'server running' ? vscode.LanguageStatusSeverity.Information : vscode.LanguageStatusSeverity.Warning;
      status.detail = state;
    }
  };
  const start = async () => {
    client = createClient(clientOptions);
    notebookCells?.dispose();
    notebookCells = pullNotebookCellDiagnostics(client);
    client.onDidChangeState((e) => {
      state = e.newState === State.Running ? 'server running' : e.newState === State.Starting ? 'starting…' : 'server stopped';
      showStatus();
    });
    client.onNotification(StatusNotification.method, (params: ParamsOf<typeof StatusNotification>) => {
      problems = params.problems;
      showStatus();
    });
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('psylint.restartServer', async () => {
      output.info('Restarting the Psylint server');
      if (client) await client.stop().catch(() => undefined);
      await start();
    }),
    vscode.commands.registerCommand('psylint.lintWorkspace', async () => {
      if (!client) return;
      const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: LINT_WORKSPACE_COMMAND, arguments: [] })) as LintWorkspaceResult | undefined;
      if (!result) return;
      output.info(`Lint Workspace: ${result.files} drafts, ${result.findings} findings`);
      for (const problem of result.problems) output.warn(problem);
      const skipped = result.problems.length ? `; ${result.problems.length} could not be linted (see Output)` : '';
      const stopped = result.cancelled ? ' (cancelled: the drafts linted until then)' : '';
      void vscode.window.showInformationMessage(`Psylint: ${result.findings} findings in ${result.files} drafts${skipped}${stopped}.`);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.commands.registerCommand('psylint.showOutput', () => output.show()),
    vscode.commands.registerCommand('psylint.showGlossaryEntry', async () => {
      if (!client) return;
      const editor = vscode.window.activeTextEditor;
      const uri = editor?.document.uri.toString() ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
      const position = editor ? client.code2ProtocolConverter.asPosition(editor.selection.active) : undefined;
      const { entries, atCursor } = await client.sendRequest<ResultOf<typeof GlossaryEntriesRequest>>(GlossaryEntriesRequest.method, { uri, position } satisfies ParamsOf<typeof GlossaryEntriesRequest>);
      const items = entries
        .map((e) => ({ label: e.term, description: e.category, detail: e.definition, entry: e }))
        .sort((a, b) => (a.entry.id === atCursor ? -1 : b.entry.id === atCursor ? 1 : a.label.localeCompare(b.label)));
      const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Glossary entry to open', matchOnDetail: true });
      if (!picked?.entry.uri) return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.entry.uri));
      const at = new vscode.Position(picked.entry.line, 0);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
    }),
    { dispose: () => void client?.stop() },
    { dispose: () => notebookCells?.dispose() },
  );

  await start();
  return { client: () => client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
