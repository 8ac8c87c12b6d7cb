// Glossary hovers through the real hover machinery (vscode.executeHoverProvider).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, hoverText, openDraft, pauseForScreenshot, rangeOfText, waitForDiagnostics } from './helpers';

describe('Hover', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the glossary entry of a retired term with its current name', async () => {
    const editor = await openDraft('history.md');
    const document = editor.document;
    await waitForDiagnostics(document.uri, (d) => d.length === 2, 'the findings in history.md');
    const range = rangeOfText(document, 'manic depression');

    const text = await hoverText(document.uri, range.start.translate(0, 3));
    assert.ok(text.includes('**manic depression**'), `hover names the term:\n${text}`);
    assert.ok(text.includes('**Current name:** **bipolar disorder**'), `hover gives the current name:\n${text}`);
    assert.match(text, /\*\*Sources:\*\*/);

    // The current name has its own entry.
    const current = rangeOfText(document, 'bipolar disorder');
    const currentText = await hoverText(document.uri, current.start.translate(0, 2));
    assert.ok(currentText.includes('**bipolar disorder**'), `hover on the current name:\n${currentText}`);
    assert.ok(!currentText.includes('**Current name:**'), 'a current term has no "Current name"');

    // No hover on ordinary words or on code.
    assert.equal(await hoverText(document.uri, rangeOfText(document, 'uncle').start), '');
    assert.equal(await hoverText(document.uri, rangeOfText(document, 'manic_depression').start.translate(0, 2)), '');

    // The same hover in the editor, for the screenshot.
    editor.selection = new vscode.Selection(range.start.translate(0, 3), range.start.translate(0, 3));
    editor.revealRange(range);
    await vscode.commands.executeCommand('editor.action.showHover');
    await pauseForScreenshot('hover', '.monaco-hover', 'Current name');
  });
});
