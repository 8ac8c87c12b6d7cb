// Diagnostics in the editor: rule ids as codes linked to the rule docs, the
// expected ranges and severities, nothing on code spans or current names.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, openDraft, pauseForScreenshot, waitForDiagnostics } from './helpers';

describe('Diagnostics', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reports each retired term once, with its rule id, severity and doc link', async () => {
    const editor = await openDraft('history.md');
    const document = editor.document;
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length === 2, 'two term/outdated findings in history.md');

    const found = diagnostics.map((d) => ({ text: document.getText(d.range), line: d.range.start.line, code: codeOf(d), severity: d.severity }));
    assert.deepEqual(found, [
      { text: 'manic depression', line: 2, code: 'term/outdated', severity: vscode.DiagnosticSeverity.Warning },
      { text: 'mental retardation', line: 4, code: 'term/outdated', severity: vscode.DiagnosticSeverity.Warning },
    ]);
    for (const d of diagnostics) {
      assert.equal(d.source, 'psylint');
      assert.ok(typeof d.code === 'object', 'the code carries a link (codeDescription)');
      assert.ok(d.code.target.toString().endsWith('docs/rules/term-outdated.md'), `doc link: ${d.code.target.toString()}`);
      assert.ok(d.code.target.scheme === 'https', `doc link is a web address: ${d.code.target.toString()}`);
    }
    assert.match(diagnostics[0].message, /“manic depression”.*“bipolar disorder”/);
    assert.match(diagnostics[1].message, /“mental retardation”.*“intellectual disability”/);

    // Shown in the Problems panel too.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await pauseForScreenshot('problems', '.markers-panel .monaco-list-row', 'mental retardation');
  });
});
