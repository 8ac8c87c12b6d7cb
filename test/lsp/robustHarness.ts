// Helpers for the language-server robustness tests (test/lsp/robustness.test.ts):
// incremental edits, pulls, the in-process expectation, timing and memory.
// Not a test file itself.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { loadBibliography } from '../../server/src/bibliography';
import { lint } from '../../server/src/engine/lint';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { SettingsResolver } from '../../server/src/workspace';
import type { Harness } from './harness';

/** A small seeded PRNG (mulberry32), so a failing sequence of edits can be replayed. */
export function rng(seed: number): { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)] };
}

/** The next version of a document after content changes (the client's own copy; the input is left as it is). */
export function applyChanges(doc: TextDocument, changes: TextDocumentContentChangeEvent[]): TextDocument {
  const copy = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
  return TextDocument.update(copy, changes, doc.version + 1);
}

/** didChange with arbitrary content changes (full text or ranges), not awaited: the next version. */
export function sendChanges(h: Harness, doc: TextDocument, changes: TextDocumentContentChangeEvent[]): TextDocument {
  const next = applyChanges(doc, changes);
  h.docs.set(doc.uri, next);
  void h.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: next.version }, contentChanges: changes });
  return next;
}

export function close(h: Harness, doc: TextDocument): void {
  h.docs.delete(doc.uri);
  void h.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
}

/** didOpen without writing the file to disk (the harness's open() writes it, which is slow for huge texts). */
export function openUnsaved(h: Harness, name: string, text: string, languageId = 'markdown', version = 1): TextDocument {
  const doc = TextDocument.create(URI.file(path.join(h.workspace, name)).toString(), languageId, version, text);
  h.docs.set(doc.uri, doc);
  void h.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId, version, text } });
  return doc;
}

export function pull(h: Harness, doc: { uri: string }, previousResultId?: string, token?: CancellationTokenSource): Promise<DocumentDiagnosticReport> {
  const params = { textDocument: { uri: doc.uri }, previousResultId };
  return token ? h.connection.sendRequest('textDocument/diagnostic', params, token.token) : h.connection.sendRequest('textDocument/diagnostic', params);
}

export async function fullItems(h: Harness, doc: { uri: string }, previousResultId?: string): Promise<Diagnostic[]> {
  const report = await pull(h, doc, previousResultId);
  assert.equal(report.kind, 'full', `a full report for ${doc.uri}`);
  return (report as { items: Diagnostic[] }).items;
}

export function hoverAt(h: Harness, doc: { uri: string }, position: { line: number; character: number }): Promise<Hover | null> {
  return h.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position });
}

/**
 * What the server should report for a text: the engine run in-process with
 * the workspace's configuration and glossary, converted as the server converts.
 */
export class Expectation {
  private readonly resolver: SettingsResolver;
  constructor(workspace: string) {
    this.resolver = new SettingsResolver(workspace);
  }

  private readonly memo = new WeakMap<TextDocument, Diagnostic[]>();

  /** Memoised per document object (the client's copies are never mutated). */
  diagnostics(doc: TextDocument): Diagnostic[] {
    let diagnostics = this.memo.get(doc);
    if (!diagnostics) this.memo.set(doc, (diagnostics = this.compute(doc)));
    return diagnostics;
  }

  private compute(doc: TextDocument): Diagnostic[] {
    const file = URI.parse(doc.uri).fsPath;
    const settings = this.resolver.forFile(file);
    const text = doc.getText();
    const language = doc.languageId === 'plaintext' || doc.languageId === 'mdx' ? doc.languageId : doc.uri;
    const result = lint(text, { glossary: settings.glossary, rules: settings.config.rules, language, bibliography: loadBibliography(text, file) });
    return normalize(result.findings.map((f) => toDiagnostic(doc, f)));
  }
}

/** As the diagnostics come over the wire (no undefined fields). */
export function normalize(diagnostics: Diagnostic[]): Diagnostic[] {
  return JSON.parse(JSON.stringify(diagnostics)) as Diagnostic[];
}

/** A short, comparable description of diagnostics: "rule@line:col-line:col text". */
export function summarize(doc: TextDocument, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify(doc.getText(d.range))}`);
}

/** Every push for a URI, in arrival order. */
export function pushes(h: Harness, uri: string): PublishDiagnosticsParams[] {
  return h.published.get(uri) ?? [];
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  assert.ok(Number.isFinite(kb), 'VmRSS readable');
  return Math.round((kb / 1024) * 10) / 10;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with how long a promise took (ms) and its outcome, rejections included. */
export async function timed<T>(promise: Promise<T>, since = Date.now()): Promise<{ ms: number; value?: T; error?: { code?: number; message: string } }> {
  try {
    const value = await promise;
    return { ms: Date.now() - since, value };
  } catch (error) {
    return { ms: Date.now() - since, error: { code: (error as { code?: number }).code, message: String((error as Error).message) } };
  }
}

/** Rejects if a promise does not settle in time (the server hangs). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Applies a workspace edit the way a careful editor does: every
 * TextDocumentEdit must name the version the document is at now, or the whole
 * edit is refused (VS Code: "the file has changed in the meantime").
 */
/** Whether a workspace edit changes only the one document (accepting a term edits .psylint.yaml instead). */
export function editsOnly(edit: WorkspaceEdit, uri: string): boolean {
  return (edit.documentChanges ?? []).every((change) => 'textDocument' in change && change.textDocument.uri === uri);
}

export function applyChecked(docs: ReadonlyMap<string, TextDocument>, edit: WorkspaceEdit): Map<string, TextDocument> {
  const out = new Map<string, TextDocument>();
  for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) {
    const doc = docs.get(change.textDocument.uri);
    if (!doc) throw new Error(`no open document ${change.textDocument.uri}`);
    if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
      throw new Error(`version mismatch: edit for version ${change.textDocument.version}, document at ${doc.version}`);
    }
    out.set(doc.uri, TextDocument.create(doc.uri, doc.languageId, doc.version, TextDocument.applyEdits(doc, change.edits as TextEdit[])));
  }
  return out;
}

/**
 * Writes a raw, already-encoded LSP message to the server's stdin, bypassing
 * the JSON-RPC writer (for bytes no well-behaved writer would produce). Only
 * call it while nothing else is being written.
 */
export function writeRaw(h: Harness, body: Buffer): void {
  h.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

/**
 * Prose of roughly `words` words: a few findings per paragraph, mostly ordinary
 * sentences. Every paragraph is numbered, so no two are the same text (the
 * server's lint cache would make repeated paragraphs nearly free).
 */
export function prose(words: number): string {
  const paragraphs = [
    'The participants completed a short questionnaire about their sleep and mood before each session, and the research team recorded the answers in a shared spreadsheet.',
    'Her uncle was treated for manic depression in the 2010s, long before the clinic opened its new wing.',
    'Each interview lasted about forty minutes and was transcribed by two assistants who did not know the study hypotheses.',
    'Most participants said the sessions were useful, although several found the homework tasks hard to fit into a working week.',
  ];
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = `In week ${i + 1}, ${paragraphs[i % paragraphs.length]}`;
    out.push(p);
    count += p.split(' ').length;
  }
  return out.join('\n\n') + '\n';
}

export { CancellationTokenSource };
