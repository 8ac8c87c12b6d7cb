// Lint Workspace and `ignore:` over the real protocol: a server process
// spoken to over stdio, as an editor would.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LINT_WORKSPACE_COMMAND, type LintWorkspaceResult } from '../../server/src/protocol';
import { startServer, tempWorkspace, type Harness } from './harness';

const RETIRED = 'Her uncle was treated for manic depression.\n';

function lintWorkspace(h: Harness): Promise<LintWorkspaceResult> {
  return h.connection.sendRequest('workspace/executeCommand', { command: LINT_WORKSPACE_COMMAND, arguments: [] });
}

async function pulled(h: Harness, uri: string): Promise<Diagnostic[]> {
  const report = (await h.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
  return (report as { items: Diagnostic[] }).items;
}

describe('language server: ignore in .psylint.yaml, as the CLI reads it', function () {
  let h: Harness;
  const uriOf = (name: string) => URI.file(path.join(h.workspace, name)).toString();
  before(async () => {
    h = await startServer({ workspace: tempWorkspace({ '.psylint.yaml': 'ignore: ["drafts/**"]\n', 'chapter.md': RETIRED, 'drafts/old.md': RETIRED }) });
  });
  after(() => h.shutdown());

  it('Lint Workspace lints no draft the configuration ignores', async () => {
    const result = await lintWorkspace(h);
    assert.deepEqual({ files: result.files, findings: result.findings }, { files: 1, findings: 1 });
    assert.equal(h.published.get(uriOf('chapter.md'))?.at(-1)?.diagnostics.length, 1);
    assert.equal(h.published.get(uriOf('drafts/old.md')), undefined, 'nothing published for the ignored draft');
  });

  it('an ignored draft opened in the editor gets no diagnostics (the CLI reports nothing for it, even named)', async () => {
    const doc = h.open('drafts/old.md', RETIRED);
    assert.deepEqual(await pulled(h, doc.uri), []);
    const other = h.open('chapter.md', RETIRED);
    assert.equal((await pulled(h, other.uri)).length, 1, 'a draft not ignored is linted');
  });
});
