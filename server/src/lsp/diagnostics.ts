// Diagnostics of an open document: its findings for the version asked
// about, as one report for pull (textDocument/diagnostic) and push
// (publisher.ts) alike.

import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commonAffixes } from '../engine/text';
import type { Finding } from '../engine/types';
import { configDiagnostics } from './configDiagnostics';
import { SOURCE, toDiagnostic } from './convert';
import type { PsylintService } from './service';
import { fileOf } from './workspace';

export interface DiagnosticsReport {
  diagnostics: Diagnostic[];
  resultId?: string;
  /** The document, configuration or glossaries moved on while it was linted: this report is for nothing current. */
  stale?: boolean;
}

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

/** The one diagnostic of a document the engine could not handle. */
export function internalErrorDiagnostic(error: unknown): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: `Psylint could not lint this document (internal error, see the Psylint output): ${oneLine(error)}` };
}

/** Diagnostics of a prose document, or of a configuration/glossary file (its problems). */
export async function documentDiagnostics(service: PsylintService, doc: TextDocument, token?: CancellationToken): Promise<DiagnosticsReport> {
  const { linter, workspace } = service;
  const file = fileOf(doc.uri);
  if (file && service.isGlossaryOrConfig(doc.uri)) return { diagnostics: await configDiagnostics(service, file) };
  // The document object is updated in place by later changes: compare with the version *and text* asked about
  // (a client may repeat or reuse a version number), and with the generation of configuration and glossaries.
  const version = doc.version;
  const text = doc.getText();
  const generation = linter.generation;
  const unchanged = () => {
    const current = workspace.documents.get(doc.uri);
    return current?.version === version && current.getText() === text && linter.generation === generation;
  };
  const settings = await workspace.settings(doc.uri);
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
  service.reportStatus();
  if (outcome.skipped) {
    const diagnostics: Diagnostic[] =
      outcome.skipped === 'disabled' || outcome.skipped === 'ignored'
        ? []
        : [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message: outcome.skipped }];
    return { diagnostics, resultId: outcome.resultId };
  }
  const findings = saved ? mapThroughEdit(saved.doc.getText(), doc.getText(), outcome.result!.findings) : outcome.result!.findings;
  return { diagnostics: findings.map((f) => toDiagnostic(doc, f)), resultId: saved ? `${outcome.resultId}.${doc.version}` : outcome.resultId };
}

/** textDocument/diagnostic. */
export async function pullDiagnostics(service: PsylintService, params: DocumentDiagnosticParams, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
  const doc = service.workspace.documents.get(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  let report = await documentDiagnostics(service, doc, token);
  // The document changed while it was linted: answer for its new text (the edit is linted incrementally), a few
  // times at most; then the client asks again. A document closed meanwhile gets an empty report.
  for (let retry = 0; report.stale && retry < 3; retry++) {
    const current = service.workspace.documents.get(params.textDocument.uri);
    if (!current) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    report = await documentDiagnostics(service, current, token);
  }
  if (report.stale) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document keeps changing', { retriggerRequest: true });
  const { diagnostics, resultId } = report;
  if (resultId && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics };
}
