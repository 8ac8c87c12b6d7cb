// Helpers for the end-to-end suite, which runs inside the VS Code extension
// host with the real `vscode` API. Everything waits on events with a timeout;
// nothing sleeps for a fixed time.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PsylintApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'psylint.psylint';
const DEFAULT_TIMEOUT_MS = 15_000;

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the end-to-end tests need a workspace folder (a copy of test/e2e/fixtures)');
  return folder.uri.fsPath;
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), name));
}

/** Activates the extension under test and returns its API. */
export async function activate(): Promise<PsylintApi> {
  const extension = vscode.extensions.getExtension<PsylintApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath?)`);
  const api = await withTimeout(Promise.resolve(extension.activate()), 30_000, 'the extension to activate');
  if (!api.client()?.isRunning()) throw new Error('the Psylint language client is not running after activation');
  // Room for the editor and the panel in screenshots: no secondary side bar (Chat).
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  return api;
}

/** Rejects when the promise does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves with the first event that matches the predicate. */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (e: T) => boolean, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  let subscription: vscode.Disposable | undefined;
  const matched = new Promise<T>((resolve) => {
    subscription = event((e) => {
      if (predicate(e)) resolve(e);
    });
  });
  return withTimeout(matched, ms, what).finally(() => subscription?.dispose());
}

/** Psylint's diagnostics for a document, in document order. */
export function psylintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'psylint')
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)} ${d.message}`)
    .join('; ');
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/**
 * Waits until Psylint's diagnostics for the document satisfy the predicate:
 * checks now, then on every onDidChangeDiagnostics event for that document.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  ms = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const now = psylintDiagnostics(uri);
  if (predicate(now)) return Promise.resolve(now);
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    (e) => e.uris.some((u) => u.toString() === uri.toString()) && predicate(psylintDiagnostics(uri)),
    what,
    ms,
  )
    .then(() => psylintDiagnostics(uri))
    .catch((error: Error) => {
      throw new Error(`${error.message}; Psylint diagnostics now: ${describeDiagnostics(psylintDiagnostics(uri))}`);
    });
}

/**
 * The quick fixes VS Code offers for a range, once it offers any. Right after
 * a draft's first diagnostics VS Code may answer with none and with all of
 * them half a second later (seen on the first suite to run), so this asks
 * again until there are some, as the light bulb does when it is opened again.
 */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range, ms = DEFAULT_TIMEOUT_MS): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    if (actions.length > 0 || Date.now() > deadline) return actions;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Opens a fixture draft in an editor. */
export async function openDraft(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The range of the n-th occurrence (0-based) of a phrase in the document. */
export function rangeOfText(document: vscode.TextDocument, phrase: string, occurrence = 0): vscode.Range {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`"${phrase}" (occurrence ${occurrence}) is not in ${document.uri.fsPath}`);
  }
  return new vscode.Range(document.positionAt(at), document.positionAt(at + phrase.length));
}

/** The Markdown of every hover at a position, joined. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n\n');
}

/** Sets a `psylint.*` setting in the workspace's .vscode/settings.json (undefined removes it). */
export async function setPsylintSetting(key: string, value: unknown, scope?: vscode.Uri): Promise<void> {
  await vscode.workspace.getConfiguration('psylint', scope).update(key, value, vscode.ConfigurationTarget.Workspace);
}

/**
 * When scripts/e2e.mjs drives the editor (code-server route), asks it for a
 * screenshot: logs a request naming a CSS selector (and text) that must be
 * visible, then waits until the driver has taken the picture and created
 * `<handshake dir>/<name>.done`. Without a driver (PSYLINT_E2E_HANDSHAKE
 * unset, e.g. the Electron route) it returns at once.
 */
export async function pauseForScreenshot(name: string, selector: string, text?: string): Promise<void> {
  await screenshot(name, selector, text);
}

/**
 * UI state only the page shows (the status bar): the driver must see the
 * selector within 10 s, else the test fails. Without a driver it checks nothing.
 */
export async function expectOnScreen(name: string, selector: string, text?: string): Promise<void> {
  const verdict = await screenshot(name, selector, text);
  if (verdict !== undefined && verdict !== 'ok') throw new Error(`${selector}${text ? ` with "${text}"` : ''} is not on screen (${verdict}); see test-artifacts/${name}.png`);
}

/** The driver's verdict ('ok' or why not), or undefined without a driver. */
async function screenshot(name: string, selector: string, text?: string): Promise<string | undefined> {
  const dir = process.env.PSYLINT_E2E_HANDSHAKE;
  if (!dir) return undefined;
  const done = path.join(dir, `${name}.done`);
  let watcher: fs.FSWatcher | undefined;
  const created = new Promise<void>((resolve) => {
    watcher = fs.watch(dir, () => {
      if (fs.existsSync(done)) resolve();
    });
    if (fs.existsSync(done)) resolve();
  });
  console.log(`PSYLINT_E2E_SCREENSHOT ${JSON.stringify({ name, selector, text })}`);
  try {
    await withTimeout(created, 30_000, `the driver to take the ${name} screenshot`);
  } finally {
    watcher?.close();
  }
  return fs.readFileSync(done, 'utf8').trim();
}
