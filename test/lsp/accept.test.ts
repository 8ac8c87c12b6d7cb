// "Accept “X” in this workspace" and "Ignore “X” in this file" over the real
// protocol: the code actions, their workspace edits, and the findings after
// the edit is applied as an editor applies it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CreateFile, Diagnostic, DocumentDiagnosticReport, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DRAFT, startServer, tempWorkspace, type Harness } from './harness';

async function items(h: Harness, doc: TextDocument): Promise<Diagnostic[]> {
  const report: DocumentDiagnosticReport = await h.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: doc.uri } });
  assert.equal(report.kind, 'full');
  return (report as { items: Diagnostic[] }).items;
}

async function actionsFor(h: Harness, doc: TextDocument, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return h.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: diagnostics[0].range, context: { diagnostics } });
}

function edited(text: string, change: TextDocumentEdit): string {
  const doc = TextDocument.create(change.textDocument.uri, 'x', 0, text);
  return TextDocument.applyEdits(doc, change.edits as { range: Diagnostic['range']; newText: string }[]);
}

const CONFIG = '# House style of the drafts\nrules:\n  claim/unsupported: off   # our notes cite at the end\n\naccept:\n  # words our sources still use\n  - hypochondriasis\n';

describe('language server: accept in this workspace, ignore in this file', function () {
  this.timeout(30000);
  let h: Harness;
  afterEach(async () => {
    await h?.shutdown();
  });

  it('creates .psylint.yaml with the wording when there is none; the finding goes once the editor has the file', async () => {
    h = await startServer();
    const doc = h.open('draft.md', DRAFT);
    const diagnostics = await items(h, doc);
    assert.deepEqual(diagnostics.map((d) => d.code), ['term/outdated']);
    const accept = (await actionsFor(h, doc, diagnostics)).find((a) => a.title === 'Accept “manic depression” in this workspace');
    assert.ok(accept, 'the accept action is offered');
    const configUri = URI.file(path.join(h.workspace, '.psylint.yaml')).toString();
    const [create, insert] = accept.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: configUri }, 'a plain create: it fails, rather than overwrite, if the file appeared meanwhile');
    assert.equal(insert.textDocument.uri, configUri);
    const text = edited('', insert);
    assert.match(text, /^accept:\n {2}- manic depression\n$/m);
    // The editor creates the file (empty, on disk), opens it with the insertion applied (unsaved), and tells the server.
    fs.writeFileSync(URI.parse(configUri).fsPath, '');
    void h.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text } });
    assert.deepEqual(await items(h, doc), []);
  });

  it('adds to the open .psylint.yaml at the version it has, leaving every other byte as it was', async () => {
    const workspace = tempWorkspace({ '.psylint.yaml': CONFIG });
    h = await startServer({ workspace });
    const configUri = URI.file(path.join(workspace, '.psylint.yaml')).toString();
    void h.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 7, text: CONFIG } });
    const doc = h.open('draft.md', 'Manic depression, then mental retardation.\n');
    const diagnostics = await items(h, doc);
    assert.equal(diagnostics.length, 2);
    const actions = await actionsFor(h, doc, diagnostics);
    const accept = actions.find((a) => a.title === 'Accept “mental retardation” in this workspace')!;
    const [change] = accept.edit!.documentChanges! as [TextDocumentEdit];
    assert.deepEqual(change.textDocument, { uri: configUri, version: 7 }, 'tied to the open version: a stale file refuses the edit');
    const text = edited(CONFIG, change);
    assert.equal(text, CONFIG + '  - mental retardation\n');
    void h.connection.sendNotification('textDocument/didChange', { textDocument: { uri: configUri, version: 8 }, contentChanges: [{ text }] });
    assert.deepEqual((await items(h, doc)).map((d) => doc.getText(d.range)), ['Manic depression']);
    assert.equal(fs.readFileSync(path.join(workspace, '.psylint.yaml'), 'utf8'), CONFIG, 'the server itself writes nothing');
  });

  it('ignores one wording of one rule in the file with a comment after the front matter', async () => {
    h = await startServer();
    const draft = '---\ntitle: Notes\n---\n\nManic depression here. Mental retardation there. Psychotherapy cures anxiety.\n';
    let doc = h.open('notes.qmd', draft, 'quarto');
    const diagnostics = await items(h, doc);
    const byWording = (d: Diagnostic[]) => d.map((x) => `${x.code} ${doc.getText(x.range)}`);
    assert.ok(byWording(diagnostics).includes('claim/overstated cures'));
    const actions = await actionsFor(h, doc, diagnostics);
    assert.equal(actions.filter((a) => a.title.startsWith('Accept “cures”')).length, 0, 'claims are never accepted workspace-wide');
    const ignore = actions.find((a) => a.title === 'Ignore “Manic depression” (term/outdated) in this file')!;
    const [change] = ignore.edit!.documentChanges! as [TextDocumentEdit];
    assert.deepEqual(change.textDocument, { uri: doc.uri, version: doc.version });
    const text = edited(draft, change);
    assert.equal(text, '---\ntitle: Notes\n---\n<!-- psylint-ignore term/outdated "Manic depression" -->\n\nManic depression here. Mental retardation there. Psychotherapy cures anxiety.\n');
    doc = h.change(doc, text);
    const after = (await items(h, doc)).map((x) => `${x.code} ${doc.getText(x.range)}`);
    assert.ok(!after.includes('term/outdated Manic depression'));
    assert.ok(after.includes('term/outdated Mental retardation'));
    assert.ok(after.includes('claim/overstated cures'));
  });
});
