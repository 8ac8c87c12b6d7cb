// Code actions, built by lists of action builders: source.fixAll.psylint,
// then per finding (its quick fixes, "disable <rule> for this line"), then
// per request ("fix all <rule> problems"). A new action is one builder added
// to a list. Every edit is a versioned TextDocumentEdit, so the editor
// refuses to apply a fix computed for an older version.

import {
  CodeAction,
  CodeActionKind,
  TextDocumentEdit,
  TextEdit,
  type CancellationToken,
  type CodeActionParams,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { editsOf, selectFixes } from '../engine/fixes';
import type { Finding } from '../engine/types';
import { AcceptActions, type AcceptContext } from './acceptActions';
import { findingFor, rangeOf } from './convert';
import type { PsylintService } from './service';
import { rootOf } from './workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.psylint`;

/** What a builder reads: the document as linted and all its findings. */
export interface ActionContext {
  doc: TextDocument;
  findings: readonly Finding[];
  /** "Accept in this workspace" / "Ignore in this file" for this request (each wording offered once). */
  accept: AcceptActions;
}

/** A finding the client asked about, with the diagnostic it sent. */
export interface AskedFinding {
  finding: Finding;
  diagnostic: Diagnostic;
}

export interface CodeActionBuilders {
  /** source.fixAll.psylint: whole-document actions, first in the answer. */
  source: ((ctx: ActionContext) => CodeAction[])[];
  /** Quick fixes of one finding, kept together in the answer. */
  finding: ((ctx: ActionContext, asked: AskedFinding) => CodeAction[])[];
  /** Quick fixes over all findings asked about, after the per-finding ones. */
  request: ((ctx: ActionContext, asked: readonly AskedFinding[]) => CodeAction[])[];
}

/** A versioned edit of the document. */
export function documentEdit(doc: TextDocument, edits: { start: number; end: number; text: string }[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits.map((e) => TextEdit.replace(rangeOf(doc, e.start, e.end), e.text)))] };
}

function fixAllSafe({ doc, findings }: ActionContext): CodeAction[] {
  const fixes = selectFixes(findings, { onlySafe: true });
  return fixes.length ? [CodeAction.create(`Fix all safe Psylint problems (${fixes.length})`, documentEdit(doc, editsOf(fixes)), FIX_ALL_KIND)] : [];
}

function findingFixes({ doc }: ActionContext, { finding, diagnostic }: AskedFinding): CodeAction[] {
  return finding.fixes.map((fix) => {
    const action = CodeAction.create(fix.title, documentEdit(doc, fix.edits), CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (fix.preferred) action.isPreferred = true;
    return action;
  });
}

/** Appends `<!-- psylint-disable-line RULE -->` to the finding's line: an inline comment does not split the paragraph. */
function disableForLine({ doc }: ActionContext, { finding, diagnostic }: AskedFinding): CodeAction[] {
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
  return [action];
}

/** "Fix all <rule> problems", once per rule asked about, when the rule has more than one safe fix. */
function fixAllOfRule({ doc, findings }: ActionContext, asked: readonly AskedFinding[]): CodeAction[] {
  const rules = [...new Set(asked.map((a) => a.finding.ruleId))];
  return rules.flatMap((ruleId) => {
    const all = selectFixes(findings, { onlySafe: true, ruleId });
    return all.length > 1 ? [CodeAction.create(`Fix all ${ruleId} problems (${all.length})`, documentEdit(doc, editsOf(all)), CodeActionKind.QuickFix)] : [];
  });
}

export const CODE_ACTION_BUILDERS: CodeActionBuilders = {
  source: [fixAllSafe],
  finding: [findingFixes, disableForLine, ({ accept }, { finding, diagnostic }) => accept.for(finding, diagnostic)],
  request: [fixAllOfRule],
};

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

/** The same action twice (two findings of one rule on one line both offer to disable it): keep the first. */
function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.kind}\n${a.title}\n${JSON.stringify(a.edit)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function codeActions(
  doc: TextDocument,
  findings: readonly Finding[],
  params: CodeActionParams,
  acceptContext?: AcceptContext,
  builders: CodeActionBuilders = CODE_ACTION_BUILDERS,
): CodeAction[] {
  const only = params.context.only;
  const ctx: ActionContext = { doc, findings, accept: new AcceptActions(doc, acceptContext) };
  const actions: CodeAction[] = [];
  if (wants(only, FIX_ALL_KIND)) {
    for (const build of builders.source) actions.push(...build(ctx));
    // source.fixAll asked for alone: nothing else belongs in the answer.
    if (only && only.every((k) => FIX_ALL_KIND.startsWith(k))) return actions;
  }
  if (!wants(only, CodeActionKind.QuickFix)) return actions;
  const asked: AskedFinding[] = [];
  for (const diagnostic of params.context.diagnostics) {
    const finding = findingFor(findings, doc, diagnostic);
    if (finding) asked.push({ finding, diagnostic });
  }
  // Each finding's actions together; then those over every finding asked about.
  for (const one of asked) for (const build of builders.finding) actions.push(...build(ctx, one));
  for (const build of builders.request) actions.push(...build(ctx, asked));
  return dedupe(actions);
}

/** textDocument/codeAction. `canCreateFiles`: the client accepts a CreateFile in a workspace edit (a new .psylint.yaml). */
export async function provideCodeActions(service: PsylintService, params: CodeActionParams, token?: CancellationToken, canCreateFiles = false): Promise<CodeAction[]> {
  const linted = await service.linted(params.textDocument.uri, token);
  if (!linted) return [];
  const { workspace } = service;
  return codeActions(linted.doc, linted.result.findings, params, { root: rootOf(workspace.folders, linted.doc.uri), canCreateFiles, openDocument: (uri) => workspace.documents.get(uri) });
}
