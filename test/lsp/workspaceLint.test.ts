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

/** `count` drafts, each with one retired term, in chapters/, each followed by `filler` (prose with no finding). */
function book(count: number, filler = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`chapters/ch${String(i).padStart(3, '0')}.md`] = `# Chapter ${i}\n\nIn chapter ${i} the family history mentions manic depression.\n${filler}`;
  return files;
}

describe('language server: Lint Workspace at scale (threads, progress, cancel)', function () {
  it('lints on one thread when the drafts are too small to pay for more (pool.ts autoJobs)', async () => {
    const h = await startServer({ workspace: tempWorkspace(book(12)) });
    try {
      assert.equal((await lintWorkspace(h)).findings, 12);
      const threads = h.logs.map((l) => /closed drafts in .* on (\d+) thread/.exec(l)?.[1]).find(Boolean);
      assert.equal(threads, '1', h.logs.filter((l) => l.includes('Lint Workspace')).join(' | '));
    } finally {
      await h.shutdown();
    }
  });

  it('lints large drafts on more than one thread, with work-done progress from begin to end, and the editor settings reach the workers', async () => {
    // 12 drafts of 0.7 million characters: 8.4 million, two threads' worth (CHARS_PER_THREAD).
    const filler = '\nThe group met on Tuesday afternoons in the small room upstairs.\n'.repeat(11_000); // paragraphs, blank lines between
    const h = await startServer({ workspace: tempWorkspace(book(12, filler)), settings: { rules: { 'term/outdated': 'error' } } });
    try {
      const result = await lintWorkspace(h);
      assert.deepEqual({ files: result.files, findings: result.findings, cancelled: result.cancelled }, { files: 12, findings: 12, cancelled: undefined });
      const kinds = h.progress.map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      assert.ok(kinds.includes('report'), `reports between: ${kinds.join(', ')}`);
      const begin = h.progress[0].value;
      assert.equal(begin.title, 'Psylint: Lint Workspace');
      assert.equal(begin.cancellable, true);
      assert.equal(h.progress.filter((p) => p.value.kind === 'report').at(-1)!.value.message, '12/12 drafts');
      assert.ok(new Set(h.progress.map((p) => p.token)).size === 1, 'one progress token');
      const threads = h.logs.map((l) => /closed drafts in .* on (\d+) thread/.exec(l)?.[1]).find(Boolean);
      assert.ok(Number(threads) >= 2, `linted on worker threads: ${h.logs.filter((l) => l.includes('Lint Workspace')).join(' | ')}`);
      // psylint.rules (error) reached the workers: as the open document's pulled diagnostics say.
      const uri = URI.file(path.join(h.workspace, 'chapters/ch000.md')).toString();
      const pushed = h.published.get(uri)!.at(-1)!.diagnostics;
      assert.deepEqual(pushed.map((d) => [d.code, d.severity]), [['term/outdated', 1]]);
      const doc = h.open('chapters/ch000.md', book(1, filler)['chapters/ch000.md']);
      assert.deepEqual(await pulled(h, doc.uri), pushed, 'the pool and the open document agree');
    } finally {
      await h.shutdown();
    }
  });

  it('stops when the user cancels the progress', async () => {
    const h = await startServer({ workspace: tempWorkspace(book(80)) });
    try {
      h.connection.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => {
        if (p.value.kind === 'begin') void h.connection.sendNotification('window/workDoneProgress/cancel', { token: p.token });
      });
      const result = await lintWorkspace(h);
      assert.equal(result.cancelled, true);
      const published = [...h.published.keys()].length;
      assert.ok(published < 80, `stopped early: ${published} of 80 drafts published`);
    } finally {
      await h.shutdown();
    }
  });
});

describe('language server: Problems from Lint Workspace stay after a draft is closed', function () {
  for (const pull of [true, false]) {
    it(`${pull ? 'pull' : 'push'} mode: closing the draft publishes its findings on disk again`, async () => {
      const h = await startServer({ pull, workspace: tempWorkspace({ 'kept.md': RETIRED, 'other.md': 'Nothing to report.\n' }) });
      try {
        await lintWorkspace(h);
        const uri = URI.file(path.join(h.workspace, 'kept.md')).toString();
        assert.equal(h.published.get(uri)!.at(-1)!.diagnostics.length, 1);
        const doc = h.open('kept.md', RETIRED);
        if (pull) await h.waitForPush(uri, (p) => p.diagnostics.length === 0);
        else await h.waitForPush(uri, (p) => p.version === 1);
        const before = h.published.get(uri)!.length;
        h.close(doc);
        await h.waitFor('a publication after didClose', () => h.published.get(uri)!.length > before);
        // Give a clearing publication, if any were coming, time to arrive.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const last = h.published.get(uri)!.at(-1)!;
        assert.deepEqual(last.diagnostics.map((d) => d.code), ['term/outdated'], 'the Problems entry is back');
        assert.equal(last.version, undefined, 'not tied to a document version: the file is closed');
      } finally {
        await h.shutdown();
      }
    });
  }

  it('a draft Lint Workspace never saw is cleared on close as before (push mode)', async () => {
    const h = await startServer({ pull: false });
    try {
      const doc = h.open('fresh.md', RETIRED);
      await h.waitForPush(doc.uri, (p) => p.diagnostics.length === 1);
      h.close(doc);
      await h.waitForPush(doc.uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    } finally {
      await h.shutdown();
    }
  });
});
