// Engine findings <-> LSP types. The only place that knows both.

import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl } from '../engine/rules';
import type { Finding, Severity } from '../engine/types';

export const SOURCE = 'psylint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  return Range.create(doc.positionAt(start), doc.positionAt(end));
}

export function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  return {
    range: rangeOf(doc, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: SOURCE,
    message: finding.message,
    // Lets code actions find the finding again without guessing from the range.
    data: { start: finding.start, end: finding.end, ruleId: finding.ruleId },
  };
}

/** The finding a diagnostic (echoed back by the client in a code-action request) stands for. */
export function findingFor(findings: readonly Finding[], doc: TextDocument, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as { start?: number; end?: number; ruleId?: string } | undefined;
  const start = data?.start ?? doc.offsetAt(diagnostic.range.start);
  const end = data?.end ?? doc.offsetAt(diagnostic.range.end);
  const ruleId = data?.ruleId ?? diagnostic.code;
  return findings.find((f) => f.start === start && f.end === end && f.ruleId === ruleId);
}
