// psylint.rules in the workspace settings changes severities live.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, openDraft, setPsylintSetting, waitForDiagnostics } from './helpers';

describe('Settings', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await setPsylintSetting('rules', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('psylint.rules turns term/outdated into an error, off, and back', async () => {
    const editor = await openDraft('settings.md');
    const uri = editor.document.uri;
    const [initial] = await waitForDiagnostics(uri, (d) => d.length === 1, 'one finding in settings.md');
    assert.equal(initial.severity, vscode.DiagnosticSeverity.Warning);

    await setPsylintSetting('rules', { 'term/outdated': 'error' });
    const [error] = await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error, 'the finding to become an error');
    assert.ok(error.range.isEqual(initial.range));

    await setPsylintSetting('rules', { 'term/outdated': 'off' });
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the finding to go away with the rule off');

    await setPsylintSetting('rules', { 'term/outdated': 'information' });
    await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information, 'the finding to come back as information');

    await setPsylintSetting('rules', undefined);
    await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning, 'the default severity (warning) again');
  });
});
