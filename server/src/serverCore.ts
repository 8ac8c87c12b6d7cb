// The Psylint language server: LSP wiring over the engine, for any
// connection (Node IPC/stdio in server.ts, a web worker in browserServer.ts).
// Diagnostics are pulled (LSP 3.17) when the client supports it and pushed
// otherwise.

import * as path from 'node:path';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { loadBibliography } from './bibliography';
import { CONFIG_FILE_NAMES, WORKSPACE_GLOSSARY } from './config';
import { collectDrafts, readDraft } from './drafts';
import { lintAsync } from './engine/lint';
import { FIX_ALL_KIND, codeActions } from './lsp/codeActions';
import { SOURCE, toDiagnostic } from './lsp/convert';
import { definition, hover, matchAt } from './lsp/hover';
import { DocumentLinter, type Outcome } from './lsp/linter';
import { DEFAULT_SETTINGS, effectiveRules, sanitizeSettings, type EditorSettings } from './lsp/settings';
import type { Finding } from './engine/types';
import { commonAffixes } from './engine/text';
import { version } from '../../package.json';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';

const DEBOUNCE_MS = 150;
const LINT_WORKSPACE = 'psylint.server.lintWorkspace';

/**
 * Findings of an older text placed on the current one: unchanged before the
 * edited span, shifted after it, dropped inside it (on-save mode between saves).
 */
export function mapThroughEdit(before: string, after: string, findings: readonly Finding[]): Finding[] {
  if (before === after) return [...findings];
  const { prefix, suffix } = commonAffixes(before, after);
  const delta = after.length - before.length;
  const changedEnd = before.length - suffix;
  return findings.flatMap((f) => {
    if (f.end <= prefix) return [f];
    if (f.start >= changedEnd) return [{ ...f, start: f.start + delta, end: f.end + delta, fixes: [] }];
    return [];
  });
}

/** An error as one short line for a message (the full one goes to the log). */
export function oneLine(error: unknown): string {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0];
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let workspaceFolders: string[] = [];
  let pullDiagnostics = false;
  let configurationPull = false;
  let canCreateFiles = false;
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  const timers = new Map<string, NodeJS.Timeout>();

  const fileOf = (uri: string) => {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  };
  /** The unsaved text of an open document, by file path. */
  const openText = (file: string) => documents.all().find((doc) => fileOf(doc.uri) === file)?.getText();
  const rootOf = (uri: string) => {
    const file = fileOf(uri);
    const folder = file ? workspaceFolders.find((f) => file.startsWith(f + path.sep)) : undefined;
    return folder ?? workspaceFolders[0] ?? (file ? path.dirname(file) : '/');
  };
  const linter = new DocumentLinter(rootOf, openText, (message) => connection.console.info(message));
  /** Tell the client when the configuration and glossary problems change (its status item shows them). */
  let lastStatus = '';
  function reportStatus(): void {
    const problems = linter.problems();
    const key = problems.join('\n');
    if (key === lastStatus) return;
    lastStatus = key;
    for (const p of problems) connection.console.warn(p);
    void connection.sendNotification(STATUS_NOTIFICATION, { problems } satisfies StatusParams);
  }

  const isGlossaryOrConfig = (uri: string) => {
    const file = fileOf(uri);
    if (!file) return false;
    return CONFIG_FILE_NAMES.includes(path.basename(file)) || file.endsWith(path.sep + WORKSPACE_GLOSSARY) || linter.knownGlossaryFiles().includes(file);
  };

  function settingsFor(uri: string): Promise<EditorSettings> {
    if (!configurationPull) return Promise.resolve(DEFAULT_SETTINGS);
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'psylint' })
        .then(sanitizeSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  /** Diagnostics of a prose document, or of a configuration/glossary file (its problems). */
  async function diagnosticsFor(doc: TextDocument, token?: CancellationToken): Promise<{ outcome?: Outcome; diagnostics: Diagnostic[]; resultId?: string; stale?: boolean }> {
    const file = fileOf(doc.uri);
    if (file && isGlossaryOrConfig(doc.uri)) {
      // Make sure a glossary build that includes this file exists.
      for (const open of documents.all()) if (!isGlossaryOrConfig(open.uri)) linter.resolve(open.uri, await settingsFor(open.uri));
      const configProblems = CONFIG_FILE_NAMES.includes(path.basename(file)) ? linter.config(file).problems : [];
      const problems = [...configProblems, ...linter.glossaryProblems(file)];
      reportStatus();
      return {
        diagnostics: problems.map((p) => ({
          range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column - 1 + 1 } },
          severity: 'severity' in p && p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
          source: SOURCE,
          message: p.message,
        })),
      };
    }
    // The document object is updated in place by later changes: compare with the version *and text* asked about
    // (a client may repeat or reuse a version number), and with the generation of configuration and glossaries.
    const version = doc.version;
    const text = doc.getText();
    const generation = linter.generation;
    const unchanged = () => {
      const current = documents.get(doc.uri);
      return current?.version === version && current.getText() === text && linter.generation === generation;
    };
    const settings = await settingsFor(doc.uri);
    if (!unchanged()) return { diagnostics: [], stale: true };
    const stillWanted = () => !token?.isCancellationRequested && unchanged();
    // In on-save mode, keep answering with the last saved lint until the next save, mapped onto the current text.
    if (settings.run === 'onSave' && !linter.lastSaved(doc.uri)) await linter.save(doc, settings, stillWanted);
    const saved = settings.run === 'onSave' ? linter.lastSaved(doc.uri) : undefined;
    const outcome = saved ? saved.outcome : await linter.lint(doc, settings, stillWanted);
    if (!outcome) {
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      // The document moved on or closed: its next request gets the answer.
      return { diagnostics: [], stale: true };
    }
    if (!unchanged() || (!saved && outcome.text !== text)) return { diagnostics: [], stale: true };
    reportStatus();
    if (outcome.skipped) {
      const diagnostics: Diagnostic[] =
        outcome.skipped === 'disabled'
          ? []
          : [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: outcome.skipped }];
      return { outcome, diagnostics, resultId: outcome.resultId };
    }
    const findings = saved ? mapThroughEdit(saved.doc.getText(), doc.getText(), outcome.result!.findings) : outcome.result!.findings;
    return { outcome, diagnostics: findings.map((f) => toDiagnostic(doc, f)), resultId: saved ? `${outcome.resultId}.${doc.version}` : outcome.resultId };
  }

  /** Push mode: publish, unless the document moved on while we worked. Never throws: nothing awaits it. */
  async function publish(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const text = doc.getText();
    let diagnostics: Diagnostic[];
    try {
      const report = await diagnosticsFor(doc);
      // Superseded (an edit, a configuration or glossary change): never publish it. What superseded it
      // scheduled its own publication; reschedule anyway so nothing is left unpublished.
      if (report.stale) {
        const current = documents.get(doc.uri);
        if (current && !timers.has(doc.uri) && !relintTimer) schedule(current);
        return;
      }
      diagnostics = report.diagnostics;
    } catch (error) {
      // An input the engine cannot handle costs this document's findings, not the server.
      logError(`linting ${doc.uri} failed`, error);
      diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: `Psylint could not lint this document (internal error, see the Psylint output): ${oneLine(error)}` }];
    }
    // `doc` is updated in place by later changes: compare with the version and text linted.
    const current = documents.get(doc.uri);
    if (!current || current.version !== version || current.getText() !== text) return;
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics }).catch((error: unknown) => logError('sending diagnostics failed', error));
  }

  function logError(what: string, error: unknown): void {
    connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  function schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) void publish(current);
      }, delay),
    );
  }

  /**
   * Something every document depends on changed: re-lint all open documents. Results under way become
   * stale at once (the generation moves on); the re-lint itself waits for a quiet moment, so a burst of
   * configuration edits with many documents open costs one round of publications, not one per edit.
   */
  let relintTimer: NodeJS.Timeout | undefined;
  function relintAll(): void {
    linter.invalidate();
    clearTimeout(relintTimer);
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    relintTimer = setTimeout(() => {
      relintTimer = undefined;
      if (pullDiagnostics) void connection.languages.diagnostics.refresh();
      else for (const doc of documents.all()) schedule(doc, 0);
    }, DEBOUNCE_MS);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
    pullDiagnostics = Boolean(params.capabilities.textDocument?.diagnostic);
    configurationPull = Boolean(params.capabilities.workspace?.configuration);
    canCreateFiles = Boolean(params.capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: pullDiagnostics ? { identifier: 'psylint', interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['@'] },
        // Not 'psylint.lintWorkspace': the client library registers server commands in VS Code, and that id is the extension's own.
        executeCommandProvider: { commands: [LINT_WORKSPACE] },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'psylint', version },
    };
  });

  connection.onInitialized(() => {
    connection.console.info(`Psylint ${version} language server; workspace folders: ${workspaceFolders.join(', ') || '(none)'}; diagnostics ${pullDiagnostics ? 'pulled' : 'pushed'}`);
    if (configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'psylint' });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    relintAll();
  });

  connection.onDidChangeWatchedFiles(() => relintAll());

  documents.onDidOpen((e) => {
    // Diagnostics pushed by Lint Workspace give way to the pulled ones of the open document.
    if (pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (isGlossaryOrConfig(e.document.uri)) relintAll();
    else if (!pullDiagnostics) schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    // A glossary or configuration edit reloads live, before it is saved.
    if (isGlossaryOrConfig(e.document.uri)) {
      relintAll();
      return;
    }
    if (pullDiagnostics) return;
    void settingsFor(e.document.uri).then((s) => s.run === 'onType' && schedule(e.document));
  });
  documents.onDidSave((e) => {
    if (isGlossaryOrConfig(e.document.uri)) return;
    void settingsFor(e.document.uri)
      .then(async (s) => {
        if (s.run !== 'onSave') return;
        const current = documents.get(e.document.uri);
        if (current) await linter.save(current, s);
        if (pullDiagnostics) void connection.languages.diagnostics.refresh();
        else if (current) schedule(current, 0);
      })
      .catch((error: unknown) => logError(`linting ${e.document.uri} on save failed`, error));
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    linter.close(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (isGlossaryOrConfig(e.document.uri)) relintAll();
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    let report = await diagnosticsFor(doc, token);
    // The document changed while it was linted: answer for its new text (the edit is linted incrementally), a few
    // times at most; then the client asks again. A document closed meanwhile gets an empty report.
    for (let retry = 0; report.stale && retry < 3; retry++) {
      const current = documents.get(params.textDocument.uri);
      if (!current) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      report = await diagnosticsFor(current, token);
    }
    if (report.stale) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document keeps changing', { retriggerRequest: true });
    const { diagnostics, resultId } = report;
    if (resultId && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics };
  });

  const lintedFor = async (uri: string, token?: CancellationToken) => {
    if (isGlossaryOrConfig(uri)) return undefined;
    const settings = await settingsFor(uri);
    // Read the document after waiting: it may have changed, or closed and reopened, meanwhile.
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const text = doc.getText();
    const outcome = await linter.lint(doc, settings, () => !token?.isCancellationRequested && documents.get(uri)?.version === version && doc.getText() === text);
    // Offsets are for that version's text.
    if (!outcome?.result || doc.version !== version || doc.getText() !== text || outcome.text !== text) return undefined;
    return { doc, result: outcome.result, glossary: outcome.glossary };
  };

  connection.onHover(async (params, token) => {
    const linted = await lintedFor(params.textDocument.uri, token);
    if (!linted) return null;
    return hover(linted.doc, linted.result.matches, linted.glossary, linted.doc.offsetAt(params.position));
  });

  connection.onDefinition(async (params, token) => {
    const linted = await lintedFor(params.textDocument.uri, token);
    if (!linted) return null;
    return definition(linted.result.matches, linted.glossary, linted.doc.offsetAt(params.position));
  });

  connection.onCodeAction(async (params, token) => {
    const linted = await lintedFor(params.textDocument.uri, token);
    if (!linted) return [];
    return codeActions(linted.doc, linted.result.findings, params, { root: rootOf(linted.doc.uri), canCreateFiles, openDocument: (uri) => documents.get(uri) });
  });

  /** The evidence summary at the top of the document. */
  connection.onCodeLens(async (params, token) => {
    const linted = await lintedFor(params.textDocument.uri, token);
    if (!linted || linted.result.claims.total === 0) return [];
    const { total, cited, uncited } = linted.result.claims;
    const title = `Psylint: ${total} claim${total === 1 ? '' : 's'} · ${cited} cited · ${uncited} uncited`;
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title, command: 'workbench.actions.view.problems' } }];
  });

  /** Citekeys from the document's bibliography after "[@" or "@" in Pandoc citations. */
  connection.onCompletion(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const file = doc && fileOf(doc.uri);
    if (!doc || !file) return [];
    const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    const typed = /(?:^|[\s[;])-?@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u.exec(line);
    if (!typed) return [];
    const bibliography = loadBibliography(doc.getText(), file);
    if (!bibliography) return [];
    const start = { line: params.position.line, character: params.position.character - typed[1].length };
    return bibliography.entries.map((e) => ({
      label: e.key,
      kind: CompletionItemKind.Reference,
      detail: [e.author, e.year].filter(Boolean).join(', ') || undefined,
      documentation: e.title,
      textEdit: { range: { start, end: params.position }, newText: e.key },
      filterText: e.key,
    }));
  });

  /** For "Psylint: Show Glossary Entry": every entry of the document's glossary and the one under the cursor. */
  connection.onRequest('psylint/glossaryEntries', async (params: { uri: string; position?: { line: number; character: number } }) => {
    const settings = await settingsFor(params.uri);
    const glossary = linter.resolve(params.uri, settings).glossary;
    const linted = params.position ? await lintedFor(params.uri) : undefined;
    const atCursor = linted && params.position ? matchAt(linted.result.matches, linted.doc.offsetAt(params.position))?.entryIds[0] : undefined;
    const entries = [...glossary.entries.values()].map((e) => {
      const origin = glossary.origins.get(e.id);
      return { id: e.id, term: e.term, category: e.category, definition: e.definition, uri: origin ? URI.file(origin.file).toString() : undefined, line: (origin?.line ?? 1) - 1 };
    });
    return { entries, atCursor };
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== LINT_WORKSPACE) return undefined;
    return lintWorkspace();
  });

  /** Lint every draft in the workspace folders; open documents are covered by their own diagnostics. */
  async function lintWorkspace(): Promise<{ files: number; findings: number; problems: string[] }> {
    const { files, problems } = collectDrafts(workspaceFolders, '/');
    let findings = 0;
    const messages = problems.map((p) => `${p.file}: ${p.message}`);
    for (const file of files) {
      const uri = URI.file(file).toString();
      const settings = await settingsFor(uri);
      const resolved = linter.resolve(uri, settings);
      const read = readDraft(file, resolved.config.maxFileSize);
      if ('problem' in read) {
        messages.push(`${file}: ${read.problem}`);
        continue;
      }
      const open = documents.get(uri);
      const doc = open ?? TextDocument.create(uri, 'markdown', 0, read.text);
      // In slices, like open documents: the editor's requests are answered meanwhile.
      const result = open
        ? (await linter.lint(open, settings))?.result
        : await lintAsync(read.text, { glossary: resolved.glossary, rules: effectiveRules(resolved.config, settings), accept: resolved.config.accept, language: file }, () => true);
      if (!result) continue;
      findings += result.findings.length;
      if (!open) void connection.sendDiagnostics({ uri, diagnostics: result.findings.map((f) => toDiagnostic(doc, f)) });
    }
    connection.console.info(`Lint Workspace: ${files.length} drafts, ${findings} findings${messages.length ? `, ${messages.length} could not be linted` : ''}`);
    return { files: files.length, findings, problems: messages };
  }

  documents.listen(connection);
  connection.listen();
}

