// Quick fixes, "fix all <rule> problems", "disable <rule> for this line" and
// source.fixAll.psylint. Every edit is a versioned TextDocumentEdit, so the
// editor refuses to apply a fix computed for an older version.

import { CodeAction, CodeActionKind, TextDocumentEdit, TextEdit, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { editsOf, selectFixes } from '../engine/fixes';
import type { Finding, Fix } from '../engine/types';
import { findingFor, rangeOf } from './convert';
import { AcceptActions, type AcceptContext } from './acceptActions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.psylint`;

function edit(doc: TextDocument, edits: { start: number; end: number; text: string }[]) {
  return {
    documentChanges: [
      TextDocumentEdit.create(
        { uri: doc.uri, version: doc.version },
        edits.map((e) => TextEdit.replace(rangeOf(doc, e.start, e.end), e.text)),
      ),
    ],
  };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export function codeActions(doc: TextDocument, findings: readonly Finding[], params: CodeActionParams, acceptContext?: AcceptContext): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, FIX_ALL_KIND)) {
    const fixes = selectFixes(findings, { onlySafe: true });
    if (fixes.length) {
      const action = CodeAction.create(`Fix all safe Psylint problems (${fixes.length})`, edit(doc, editsOf(fixes)), FIX_ALL_KIND);
      actions.push(action);
    }
    // source.fixAll asked for alone: nothing else belongs in the answer.
    if (only && only.every((k) => FIX_ALL_KIND.startsWith(k))) return actions;
  }
  if (!wants(only, CodeActionKind.QuickFix)) return actions;
  // Each finding's actions together (its fixes, then "disable for this line"); "fix all <rule>" once per rule, last.
  const fixAll = new Map<string, CodeAction>();
  const disabled = new Set<string>();
  const accept = new AcceptActions(doc, acceptContext);
  for (const diagnostic of params.context.diagnostics) {
    const finding = findingFor(findings, doc, diagnostic);
    if (!finding) continue;
    for (const fix of finding.fixes) actions.push(quickFix(doc, fix, diagnostic));
    const lineKey = `${finding.ruleId}:${doc.positionAt(finding.start).line}`;
    if (!disabled.has(lineKey)) {
      disabled.add(lineKey);
      actions.push(disableForLine(doc, finding, diagnostic));
    }
    actions.push(...accept.for(finding, diagnostic));
    if (!fixAll.has(finding.ruleId)) {
      const all = selectFixes(findings, { onlySafe: true, ruleId: finding.ruleId });
      if (all.length > 1) fixAll.set(finding.ruleId, CodeAction.create(`Fix all ${finding.ruleId} problems (${all.length})`, edit(doc, editsOf(all)), CodeActionKind.QuickFix));
    }
  }
  actions.push(...fixAll.values());
  return actions;
}

function quickFix(doc: TextDocument, fix: Fix, diagnostic: Diagnostic): CodeAction {
  const action = CodeAction.create(fix.title, edit(doc, fix.edits), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

/** Appends `<!-- psylint-disable-line RULE -->` to the finding's line: an inline comment does not split the paragraph. */
function disableForLine(doc: TextDocument, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const line = doc.positionAt(finding.start).line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const content = text.replace(/\r?\n$/, '');
  const end = { line, character: content.length };
  const space = content.length && !/\s$/.test(content) ? ' ' : '';
  const action = CodeAction.create(
    `Disable ${finding.ruleId} for this line`,
    { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, [TextEdit.insert(end, `${space}<!-- psylint-disable-line ${finding.ruleId} -->`)])] },
    CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  return action;
}
