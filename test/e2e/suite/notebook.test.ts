// Jupyter notebooks in the editor: a Markdown cell is linted like a draft
// (diagnostics, hover, quick fix), a code cell never is.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, fixtureUri, hoverText, psylintDiagnostics, quickFixes, waitForDiagnostics } from './helpers';

describe('Notebook cells', function () {
  this.timeout(60_000);
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lints the Markdown cell of a .ipynb, offers its quick fix, and leaves the code cell alone', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(fixtureUri('notebook.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const markdown = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Markup);
    const code = notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.ok(markdown && code, 'the notebook has a Markdown and a code cell');
    assert.equal(markdown.document.uri.scheme, 'vscode-notebook-cell');

    const [finding, ...rest] = await waitForDiagnostics(markdown.document.uri, (d) => d.length >= 1, 'a finding in the Markdown cell', 30_000);
    assert.equal(rest.length, 0);
    assert.equal(markdown.document.getText(finding.range), 'manic depression');
    assert.equal(finding.range.start.line, 2, 'the line within the cell');
    assert.deepEqual(psylintDiagnostics(code.document.uri), [], 'no finding in the code cell');

    // Hovers and code actions need the cell's editor: open the Markdown cell for editing, as a writer would.
    const editor = vscode.window.activeNotebookEditor!;
    editor.selections = [new vscode.NotebookRange(markdown.index, markdown.index + 1)];
    await vscode.commands.executeCommand('notebook.cell.edit');
    const hover = await hoverText(markdown.document.uri, finding.range.start.translate(0, 1));
    assert.match(hover, /bipolar disorder/);

    const actions = await quickFixes(markdown.document.uri, finding.range);
    const fix = actions.find((a) => a.isPreferred);
    assert.equal(fix?.title, 'Replace with “bipolar disorder”', actions.map((a) => a.title).join(' | '));
    assert.equal(await vscode.workspace.applyEdit(fix!.edit!), true);
    assert.equal(markdown.document.lineAt(2).text, 'Her uncle was treated for bipolar disorder in the 2010s.');
    assert.match(code.document.getText(), /label = "manic depression"/, 'the code cell is unchanged');
    await waitForDiagnostics(markdown.document.uri, (d) => d.length === 0, 'no finding after the fix');
  });
});
