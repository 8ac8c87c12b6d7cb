// "Psylint: Lint Workspace": drafts that are not open get their findings too.
// This file runs last (the runner loads files in name order): the command
// publishes findings for every draft in the workspace, which would change
// what the other tests see.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, describeDiagnostics, fixtureUri, openDraft, psylintDiagnostics, rangeOfText, waitForDiagnostics } from './helpers';

describe('Lint Workspace', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const letter = () => fixtureUri('archive/old-letter.md');

  it('reports findings in a draft that is not open', async () => {
    const uri = letter();
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the draft is not open');
    assert.deepEqual(psylintDiagnostics(uri), [], 'no findings before the command');

    await vscode.commands.executeCommand('psylint.lintWorkspace');
    const [finding] = await waitForDiagnostics(uri, (d) => d.length === 1, 'a finding in archive/old-letter.md');
    assert.equal(codeOf(finding), 'term/outdated');
    assert.match(finding.message, /“multiple personality disorder”/);
    assert.equal(finding.range.start.line, 2);
  });

  it('once the draft is opened and fixed, its finding goes away (no stale copy left by the command)', async () => {
    const editor = await openDraft('archive/old-letter.md');
    const document = editor.document;
    await waitForDiagnostics(document.uri, (d) => d.length >= 1, 'the finding in the opened draft');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOfText(document, 'multiple personality disorder'), 'dissociative identity disorder');
    assert.ok(await vscode.workspace.applyEdit(edit), 'fixed the draft');
    const left = await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no findings after the fix', 10_000).catch((error: Error) => {
      throw new Error(`${error.message}\n(all diagnostics for the draft: ${describeDiagnostics(vscode.languages.getDiagnostics(document.uri))})`);
    });
    assert.deepEqual(left, []);
  });
});
