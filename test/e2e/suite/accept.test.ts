// "Accept “X” in this workspace" in the real editor: the workspace edit
// creates .psylint.yaml (CreateFile, then the insertion), the server reads
// the new file, and the finding goes. The file is removed afterwards so the
// other suites see the fixture workspace as it was.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, openDraft, quickFixes, waitForDiagnostics, workspaceRoot } from './helpers';

describe('Accept in this workspace', function () {
  // The first suite in name order: it waits for the server's first lint after the editor starts.
  this.timeout(90_000);
  let config: string;

  before(async () => {
    await activate();
    config = path.join(workspaceRoot(), '.psylint.yaml');
    assert.equal(fs.existsSync(config), false, 'the fixture workspace has no .psylint.yaml');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (fs.existsSync(config)) await vscode.workspace.fs.delete(vscode.Uri.file(config));
  });

  it('creates .psylint.yaml with the term, and the finding goes', async () => {
    const editor = await openDraft('accept.md');
    const document = editor.document;
    const [finding] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'the finding in accept.md', 60_000);
    assert.equal(document.getText(finding.range), 'gender identity disorder');
    const actions = await quickFixes(document.uri, finding.range);
    const accept = actions.find((a) => a.title === 'Accept “gender identity disorder” in this workspace');
    assert.ok(accept?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await vscode.workspace.applyEdit(accept.edit), true, 'applyEdit accepted the edit');
    const created = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === config);
    assert.ok(created, 'the new .psylint.yaml is open in the editor');
    assert.match(created.getText(), /^accept:\n {2}- gender identity disorder\n$/m);
    await created.save();
    assert.equal(fs.readFileSync(config, 'utf8'), created.getText());
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'the accepted finding to go');
  });
});
