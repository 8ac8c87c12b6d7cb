// "Psylint: Restart Server": a new client and server, and diagnostics come back.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, hoverText, openDraft, rangeOfText, waitForDiagnostics } from './helpers';
import type { PsylintApi } from '../../../client/src/extension';

describe('Restart Server', () => {
  let api: PsylintApi;

  before(async () => {
    api = await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is a command of the extension', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['psylint.restartServer', 'psylint.lintWorkspace', 'psylint.showGlossaryEntry', 'psylint.showOutput']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });

  it('restarts the server; diagnostics are cleared and come back, and the new server lints edits', async () => {
    const editor = await openDraft('restart.md');
    const document = editor.document;
    const [before] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'one finding in restart.md');
    const oldClient = api.client();

    const cleared = waitForDiagnostics(document.uri, (d) => d.length === 0, 'the old server\'s diagnostics to be cleared');
    await vscode.commands.executeCommand('psylint.restartServer');
    await cleared;
    const newClient = api.client();
    assert.ok(newClient && newClient !== oldClient, 'a new language client');
    assert.ok(newClient.isRunning(), 'the new client is running');
    assert.equal(oldClient?.isRunning(), false, 'the old client stopped');

    const [after] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'the finding to come back after the restart');
    assert.ok(after.range.isEqual(before.range));
    assert.equal(after.message, before.message);

    // The new server answers hovers and lints new text.
    const hover = await hoverText(document.uri, rangeOfText(document, 'mental retardation').start.translate(0, 2));
    assert.ok(hover.includes('**Current name:** **intellectual disability**'), `hover after restart:\n${hover}`);
    assert.ok(await editor.edit((b) => b.insert(document.lineAt(document.lineCount - 1).range.end, '\nHe was also treated for manic depression.\n')));
    await waitForDiagnostics(document.uri, (d) => d.length === 2, 'a finding for the new sentence');
  });
});
