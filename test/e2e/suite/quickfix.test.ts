// Quick fixes: the preferred rewrite, applied with workspace.applyEdit,
// removes its finding and changes nothing else.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, openDraft, pauseForScreenshot, quickFixes, waitForDiagnostics } from './helpers';

describe('Quick fix', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers "Replace with “bipolar disorder”" and applying it fixes only that finding', async () => {
    const editor = await openDraft('quickfix.md');
    const document = editor.document;
    const before = document.getText();
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length === 2, 'two findings in quickfix.md');
    const target = diagnostics.find((d) => document.getText(d.range) === 'manic depression');
    const other = diagnostics.find((d) => document.getText(d.range) === 'multiple personality disorder');
    assert.ok(target && other, 'both findings are there');

    // The light-bulb menu in the editor, for the screenshot.
    editor.selection = new vscode.Selection(target.range.start, target.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await pauseForScreenshot('quick-fix', '.action-widget', 'bipolar disorder');
    await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);

    const actions = await quickFixes(document.uri, target.range);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable term/outdated for this line'), `actions: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Fix all term/outdated problems (2)'), `actions: ${titles.join(' | ')}`);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `one preferred fix among: ${titles.join(' | ')}`);
    const fix = preferred[0];
    assert.equal(fix.title, 'Replace with “bipolar disorder”');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
    assert.ok(fix.edit, 'the fix carries its edit');

    const applied = await vscode.workspace.applyEdit(fix.edit);
    assert.equal(applied, true, 'applyEdit accepted the fix');
    const start = document.offsetAt(target.range.start);
    const end = document.offsetAt(target.range.end);
    assert.equal(document.getText(), before.slice(0, start) + 'bipolar disorder' + before.slice(end), 'only the phrase changed');

    const after = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'the fixed finding to disappear');
    assert.equal(document.getText(after[0].range), 'multiple personality disorder');
    assert.ok(after[0].range.isEqual(other.range), 'the other finding did not move');
  });
});
