// source.fixAll.psylint on save, switched on by the fixture's
// .vscode/settings.json ("editor.codeActionsOnSave").

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, openDraft, waitForDiagnostics, waitForEvent } from './helpers';

describe('Fix all on save', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('applies every safe fix when the draft is saved, and leaves the rest', async () => {
    const editor = await openDraft('fix-on-save.md');
    const document = editor.document;
    await waitForDiagnostics(document.uri, (d) => d.length === 1, 'one finding in fix-on-save.md');

    const added = '\nThe old chart also lists multiple personality disorder.\n\nHer notes from 2020 give hypochondriasis as the main concern.\n';
    const end = document.lineAt(document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, added)), 'typed into the draft');
    await waitForDiagnostics(document.uri, (d) => d.length === 3, 'three findings after typing');

    const saved = waitForEvent(vscode.workspace.onDidSaveTextDocument, (d) => d.uri.toString() === document.uri.toString(), 'the draft to be saved');
    await vscode.commands.executeCommand('workbench.action.files.save');
    await saved;

    const expected =
      '# Clinic letter\n\nHer uncle was treated for bipolar disorder in the 2010s.\n' +
      '\nThe old chart also lists dissociative identity disorder.\n\nHer notes from 2020 give hypochondriasis as the main concern.\n';
    assert.equal(document.getText(), expected);
    assert.equal(document.isDirty, false);
    assert.equal(fs.readFileSync(document.uri.fsPath, 'utf8'), expected, 'the fixed text is on disk');

    // Hypochondriasis has two successors: offered as quick fixes, never applied unattended.
    const left = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'only the unsafe finding to remain');
    assert.equal(document.getText(left[0].range), 'hypochondriasis');
  });
});
