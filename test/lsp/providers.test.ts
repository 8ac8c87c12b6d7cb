// The language service's providers, in-process over an in-memory workspace
// (test/inMemoryWorkspace.ts): no server process, no protocol. The protocol
// itself is tested over stdio in server.test.ts and the other files here.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { CODE_ACTION_BUILDERS, codeActions, documentEdit, provideCodeActions, type CodeActionBuilders } from '../../server/src/lsp/codeActions';
import { provideCodeLenses } from '../../server/src/lsp/codeLens';
import { provideCompletion } from '../../server/src/lsp/completion';
import { provideDefinition } from '../../server/src/lsp/definition';
import { pullDiagnostics } from '../../server/src/lsp/diagnostics';
import { glossaryEntries } from '../../server/src/lsp/glossaryEntries';
import { provideHover } from '../../server/src/lsp/hover';
import { WorkspaceLinter } from '../../server/src/lsp/workspaceLint';
import { InMemoryWorkspace } from '../inMemoryWorkspace';
import { DRAFT } from './harness';

async function itemsOf(ws: InMemoryWorkspace, doc: TextDocument): Promise<Diagnostic[]> {
  const report = await pullDiagnostics(ws.service(), { textDocument: { uri: doc.uri } });
  assert.equal(report.kind, 'full');
  return (report as { items: Diagnostic[] }).items;
}

function actionParams(doc: TextDocument, diagnostics: Diagnostic[], only?: string[]): CodeActionParams {
  return { textDocument: { uri: doc.uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, only } };
}

function apply(doc: TextDocument, action: CodeAction): string {
  const change = action.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, doc.version);
  return TextDocument.applyEdits(doc, change.edits as { range: Diagnostic['range']; newText: string }[]);
}

describe('language service providers (in-memory workspace)', () => {
  it('diagnostics: a retired term with its rule, link and exact range; not in inline code', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('draft.md', DRAFT);
    const [d, ...rest] = await itemsOf(ws, doc);
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'term/outdated');
    assert.equal(doc.getText(d.range), 'manic depression');
    assert.deepEqual(d.range.start, { line: 2, character: 26 });
  });

  it('diagnostics: an unchanged document answers "unchanged"; an edit re-lints', async () => {
    const ws = new InMemoryWorkspace();
    const service = ws.service();
    const doc = ws.openDocument('draft.md', 'Nothing here.\n');
    const first = await pullDiagnostics(service, { textDocument: { uri: doc.uri } });
    assert.equal(first.kind, 'full');
    const resultId = (first as { resultId: string }).resultId;
    assert.equal((await pullDiagnostics(service, { textDocument: { uri: doc.uri }, previousResultId: resultId })).kind, 'unchanged');
    ws.change(doc, 'He was told he had mental retardation.\n');
    const second = await pullDiagnostics(service, { textDocument: { uri: doc.uri }, previousResultId: resultId });
    assert.deepEqual((second as { items: Diagnostic[] }).items.map((i) => doc.getText(i.range)), ['mental retardation']);
  });

  it('diagnostics: psylint.enable false and rule severities from settings', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('draft.md', DRAFT);
    ws.setSettings({ rules: { 'term/outdated': 'error' } });
    assert.equal((await itemsOf(ws, doc))[0].severity, 1);
    ws.setSettings({ enable: false });
    assert.deepEqual(await itemsOf(ws, doc), []);
  });

  it('hover: the entry over exactly the matched words; nothing inside inline code', async () => {
    const ws = new InMemoryWorkspace();
    const service = ws.service();
    const doc = ws.openDocument('draft.md', DRAFT);
    const hover = await provideHover(service, { textDocument: { uri: doc.uri }, position: { line: 2, character: 30 } });
    assert.match((hover!.contents as { value: string }).value, /\*\*Current name:\*\* \*\*bipolar disorder\*\*/);
    assert.equal(doc.getText(hover!.range!), 'manic depression');
    assert.equal(await provideHover(service, { textDocument: { uri: doc.uri }, position: { line: 4, character: 30 } }), null);
  });

  it('definition: the entry in its glossary file', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('draft.md', DRAFT);
    const location = await provideDefinition(ws.service(), { textDocument: { uri: doc.uri }, position: { line: 2, character: 30 } });
    const file = URI.parse(location!.uri).fsPath;
    assert.match(fs.readFileSync(file, 'utf8').split('\n')[location!.range.start.line], /id: manic-depression/);
  });

  it('code actions: the preferred fix, disable for this line, and source.fixAll alone', async () => {
    const ws = new InMemoryWorkspace();
    const service = ws.service();
    const doc = ws.openDocument('draft.md', DRAFT);
    const diagnostics = await itemsOf(ws, doc);
    const actions = await provideCodeActions(service, actionParams(doc, diagnostics));
    assert.deepEqual(actions.map((a) => a.title), ['Fix all safe Psylint problems (1)', 'Replace with “bipolar disorder”', 'Disable term/outdated for this line', 'Ignore “manic depression” (term/outdated) in this file']);
    assert.equal(apply(doc, actions[1]), DRAFT.replace('for manic depression', 'for bipolar disorder'));
    const fixAll = await provideCodeActions(service, actionParams(doc, [], ['source.fixAll.psylint']));
    assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.psylint']);
  });

  it('code actions: a builder added to the list is offered for each finding, after the built-in ones', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('draft.md', DRAFT);
    const diagnostics = await itemsOf(ws, doc);
    const linted = (await ws.service().linted(doc.uri))!;
    const builders: CodeActionBuilders = {
      ...CODE_ACTION_BUILDERS,
      finding: [...CODE_ACTION_BUILDERS.finding, (ctx, { finding }) => [CodeAction.create(`Mark ${finding.ruleId}`, documentEdit(ctx.doc, []), CodeActionKind.QuickFix)]],
    };
    const titles = codeActions(doc, linted.result.findings, actionParams(doc, diagnostics), undefined, builders).map((a) => a.title);
    assert.deepEqual(titles, ['Fix all safe Psylint problems (1)', 'Replace with “bipolar disorder”', 'Disable term/outdated for this line', 'Ignore “manic depression” (term/outdated) in this file', 'Mark term/outdated']);
  });

  it('code lens: the evidence summary', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('lens.md', 'Therapy works (Smith, 2019). Counselling helps people with anxiety.\n\nResearch shows that yoga reduces stress.\n');
    const lenses = await provideCodeLenses(ws.service(), { textDocument: { uri: doc.uri } });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['Psylint: 3 claims · 1 cited · 2 uncited']);
  });

  it('completion: nothing without a bibliography', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('plain.md', 'No bibliography here [@sh');
    assert.deepEqual(provideCompletion(ws.service(), { textDocument: { uri: doc.uri }, position: doc.positionAt(doc.getText().length) }), []);
  });

  it('glossary entries: all of them, and the one under the cursor', async () => {
    const ws = new InMemoryWorkspace();
    const doc = ws.openDocument('draft.md', DRAFT);
    const result = await glossaryEntries(ws.service(), { uri: doc.uri, position: { line: 2, character: 30 } });
    assert.equal(result.atCursor, 'manic-depression');
    assert.ok(result.entries.length >= 150);
  });

  it('workspace lint: closed drafts are published, open ones keep their own diagnostics', async () => {
    const ws = new InMemoryWorkspace({ 'a.md': 'A closed file about manic depression.\n', 'notes/b.qmd': 'Nothing to report.\n', 'c.txt': 'manic depression' });
    ws.openDocument('open.md', DRAFT);
    const published = new Map<string, Diagnostic[]>();
    const result = await new WorkspaceLinter(ws.service(), (uri, diagnostics) => published.set(uri, diagnostics)).run();
    assert.deepEqual({ files: result.files, findings: result.findings }, { files: 3, findings: 2 });
    assert.deepEqual([...published.keys()].map((uri) => path.relative(ws.folders[0], URI.parse(uri).fsPath)), ['a.md', path.join('notes', 'b.qmd')]);
    assert.deepEqual(published.get(ws.uri('a.md'))!.map((d) => d.code), ['term/outdated']);
  });
});
