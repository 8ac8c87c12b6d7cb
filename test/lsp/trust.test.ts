// Issue 15 ("Trust"): the language server against hostile workspaces and
// input, stale results, configuration storms and every editor setting.

import assert from 'node:assert/strict';
import { startServer, tempWorkspace, type Harness } from './harness';

const OUTDATED = 'Her uncle was treated for manic depression in the 1970s.\n';

describe('trust: the language server', function () {
  this.timeout(30000);
  let h: Harness | undefined;
  afterEach(async () => {
    if (h && h.process.exitCode === null) await h.shutdown().catch(() => undefined);
    h = undefined;
  });

  describe('push mode survives what would throw', () => {
    // Issue 15: in push mode an exception in publish() (here a 50,000-character replaced_by that broke a
    // regular expression) was an unhandled rejection, and Node ended the server.
    it('a workspace glossary built to break the engine: the glossary is refused, the server keeps linting', async () => {
      const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
      const glossary = ['entries:', '  - id: foo-bar', '    term: foo bar', `    aliases: ["${words}"]`, '    category: diagnosis', '    definition: A test entry with very long phrases in it.', '    sources: [{author: Some One, year: 2020, title: A title}]', `    replaced_by: [{term: "${'x'.repeat(50_000)}"}]`, ''].join('\n');
      h = await startServer({ pull: false, workspace: tempWorkspace({ '.psylint/glossary.yaml': glossary }) });
      const doc = h.open('a.md', 'foo bar is here. ' + OUTDATED);
      const pushed = await h.waitForPush(doc.uri);
      assert.equal(h.process.exitCode, null, `the server ended: ${h.stderr.join('').slice(0, 500)}`);
      assert.deepEqual(pushed.diagnostics.map((d) => d.code), ['term/outdated']);
      const other = h.open('b.md', OUTDATED);
      assert.equal((await h.waitForPush(other.uri)).diagnostics.length, 1);
    });

    it('a didChange with a non-numeric position does not end the server', async () => {
      h = await startServer({ pull: false });
      const doc = h.open('a.md', OUTDATED);
      await h.waitForPush(doc.uri, (p) => p.diagnostics.length === 1);
      void h.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: doc.uri, version: 2 },
        contentChanges: [{ range: { start: { line: 'x', character: {} }, end: { line: null, character: -1 } }, text: 'manic depression ' }],
      });
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(h.process.exitCode, null, `the server ended: ${h.stderr.join('')}`);
      const other = h.open('b.md', OUTDATED);
      const pushed = await h.waitForPush(other.uri, (p) => p.diagnostics.length === 1);
      assert.equal(pushed.diagnostics[0].code, 'term/outdated');
    });
  });
});
