// The language status item shows the configuration error state while
// .psylint.yaml is broken, and the normal state once it is fixed. The status
// bar is UI only: the driver (scripts/e2e.mjs) checks it, waiting for the
// item's error icon and then for its normal icon (expectOnScreen).

import * as vscode from 'vscode';
import { activate, expectOnScreen, fixtureUri, openDraft, waitForDiagnostics } from './helpers';

const STATUS = '[id="status.languageStatus"]';

describe('Status item', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await vscode.workspace.fs.delete(fixtureUri('.psylint.yaml')).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the configuration error while .psylint.yaml is broken, and clears when it is fixed', async () => {
    const editor = await openDraft('settings.md');
    await waitForDiagnostics(editor.document.uri, (d) => d.length === 1, 'one finding in settings.md');

    const config = fixtureUri('.psylint.yaml');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('rules:\n  term/outdated: loud\n'));
    await expectOnScreen('status-error', `${STATUS} .codicon-bracket-error`);

    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('rules:\n  term/outdated: warning\n'));
    await expectOnScreen('status-ok', `${STATUS} .codicon-bracket`);
  });
});
