// The browser build (package.json `browser`: client/src/browserExtension.ts,
// its server in a web worker) in code-server's web worker extension host.
// scripts/e2e.mjs opens a second window with extensionDevelopmentKind "web";
// these tests run in the Node extension host beside it, where the extension
// is not loaded, so every Psylint diagnostic they see comes from the worker.
// In that host the draft's URI has the vscode-remote scheme: the document
// selector must list it.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, openDraft, waitForDiagnostics } from '../suite/helpers';

describe('Web extension (browser build in the web worker extension host)', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("lints a draft opened in the editor: the worker server's diagnostic arrives, and the Node host never ran the extension", async function () {
    this.timeout(120_000);
    const editor = await openDraft('web.md');
    // Starting the worker and loading the bundled glossary in it takes a while on a busy machine.
    const [finding] = await waitForDiagnostics(editor.document.uri, (d) => d.length === 1, 'one finding from the web worker server', 90_000);
    assert.equal(codeOf(finding), 'term/outdated');
    assert.equal(editor.document.getText(finding.range), 'manic depression');
    assert.equal(finding.message, '“manic depression” is a retired diagnostic term; write “bipolar disorder”.');
    // The Markdown draft would have activated it here (onLanguage) had this host run it.
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive ?? false, false, 'the extension is active in the Node extension host');
  });
});
