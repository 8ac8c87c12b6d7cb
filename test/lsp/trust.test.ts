// Issue 15 ("Trust"): the language server against hostile workspaces and
// input, stale results, configuration storms and every editor setting.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { receivedAt, startServer, tempWorkspace, type Harness } from './harness';
import { fullItems, openUnsaved, prose } from './robustHarness';

const OUTDATED = 'Her uncle was treated for manic depression in the 2010s.\n';

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

  describe('stale results', () => {
    // Issue 15: results were cached by version number alone: a didChange that repeats a version, or goes
    // back, got the old text's diagnostics, and a fix-all whose edits landed on the wrong words.
    it('a didChange that repeats or lowers the version gets its own text\'s diagnostics and fixes', async () => {
      h = await startServer();
      const doc = h.open('a.md', OUTDATED);
      assert.equal((await fullItems(h, doc)).length, 1);
      const send = (version: number, text: string) =>
        void h!.connection.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: [{ text }] });
      send(1, 'A plain sentence about the weather.\n');
      assert.deepEqual(await fullItems(h, doc), []);
      const twice = 'Intro.\n\n' + OUTDATED + '\n' + OUTDATED;
      send(0, twice);
      const items = await fullItems(h, doc);
      assert.deepEqual(items.map((d) => d.range.start.line), [2, 4]);
      const actions = (await h.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: doc.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.psylint'] },
      })) as CodeAction[];
      assert.equal(actions.length, 1);
      const edits = (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
      const fixed = TextDocument.applyEdits(TextDocument.create(doc.uri, 'markdown', 0, twice), edits);
      assert.equal(fixed, twice.replace(/manic depression/g, 'bipolar disorder'));
    });

    // Issue 15: 30 quick edits to .psylint.yaml with 500 documents open (push mode) produced 14,384
    // publications, old severities published after new ones, and empty diagnostics for documents with findings.
    it('a storm of configuration edits with many documents open: coalesced, never stale, never empty', async function () {
      this.timeout(120000);
      const N = 60;
      // Claims are off: the long filler prose is about therapy, and this test counts the one term finding.
      const claimsOff = '  claim/unsupported: off\n  claim/vague-attribution: off\n  claim/overstated: off\n';
      const workspace = tempWorkspace({ '.psylint.yaml': `rules:\n  term/outdated: error\n${claimsOff}` });
      h = await startServer({ pull: false, workspace });
      // Every tenth document is long enough that its lint spans many slices, so later edits land in the middle of it.
      const filler = prose(30000).replace(/manic depression/gi, 'a mood');
      const docs = Array.from({ length: N }, (_, i) => h!.open(`d${i}.md`, `Section ${i}.\n\n${OUTDATED}\n${i % 10 === 0 ? filler : ''}`));
      await Promise.all(docs.map((d) => h!.waitForPush(d.uri, (p) => p.diagnostics.length === 1, 60000)));
      const before = new Map(docs.map((d) => [d.uri, h!.published.get(d.uri)!.length]));
      const config = openUnsaved(h, '.psylint.yaml', `rules:\n  term/outdated: error\n${claimsOff}`, 'yaml');
      const cycle = ['warning', 'information', 'error'];
      // Bursts and pauses (seeded): some edits land while a round of publications is under way.
      const pauses = [0, 0, 0, 250, 0, 220, 0, 0, 300, 200, 250, 0, 0, 0, 280, 0, 200, 0, 240, 0, 0, 260, 0, 0, 250, 0, 0, 300, 220, 0];
      for (let i = 1; i <= 30; i++) {
        const severity = i === 30 ? 'hint' : cycle[i % 3];
        void h.connection.sendNotification('textDocument/didChange', { textDocument: { uri: config.uri, version: 1 + i }, contentChanges: [{ text: `rules:\n  term/outdated: ${severity}\n${claimsOff}` }] });
        await new Promise((r) => setTimeout(r, pauses[i - 1]));
      }
      const HINT = 4;
      await Promise.all(docs.map((d) => h!.waitForPush(d.uri, (p) => p.diagnostics[0]?.severity === HINT, 60000)));
      await new Promise((r) => setTimeout(r, 1500));
      let total = 0;
      for (const d of docs) {
        const after = h.published.get(d.uri)!.slice(before.get(d.uri));
        total += after.length;
        assert.ok(after.every((p) => p.diagnostics.length === 1), `an empty or wrong publication for ${d.uri}: ${JSON.stringify(after.map((p) => p.diagnostics.length))}`);
        const firstHint = after.findIndex((p) => p.diagnostics[0].severity === HINT);
        assert.ok(after.slice(firstHint).every((p) => p.diagnostics[0].severity === HINT), `a stale severity after the final one: ${after.map((p) => p.diagnostics[0].severity).join(',')}`);
      }
      // One round per pause at most, not one per edit per document.
      assert.ok(total <= 14 * N, `${total} publications for ${N} documents`);
    });

    // A change arriving while a slow lint runs: whatever the timing, every publication is the diagnostics of
    // the version it names, and never empty (each version has findings).
    it('push mode: changes during a slow lint never publish a superseded or empty result', async function () {
      this.timeout(120000);
      h = await startServer({ pull: false });
      const body = prose(60000);
      let doc = h.open('big.md', OUTDATED + '\n' + body);
      const first = await h.waitForPush(doc.uri, undefined, 60000);
      const base = first.diagnostics.length;
      assert.ok(base >= 1);
      const expected = new Map<number, number>([[1, base]]);
      const sent = new Map<number, number>();
      // Version 2 starts linting after the 150 ms debounce; then a change every 100 ms for 2 s keeps resetting the
      // debounce, so nothing newer supersedes the lint of version 2 while it runs: only the server's own check
      // that the document moved on keeps it from being published.
      for (let i = 1; i <= 21; i++) {
        // Every paragraph changes, so the lint cannot reuse the last one's blocks and takes its full time.
        doc = h.change(doc, OUTDATED.repeat(i + 1) + '\n' + body.replace(/week/g, `week ${i}`));
        sent.set(doc.version, Date.now());
        expected.set(doc.version, base + i);
        await new Promise((r) => setTimeout(r, i === 1 ? 300 : 100));
      }
      await h.waitForPush(doc.uri, (p) => p.version === doc.version, 60000);
      await new Promise((r) => setTimeout(r, 500));
      for (const p of h.published.get(doc.uri)!) {
        assert.equal(p.diagnostics.length, expected.get(p.version!), `version ${p.version}: ${p.diagnostics.length} diagnostics`);
        // Superseded: a version published well after a later version was sent (the lint of a 60,000-word
        // draft takes far longer than the margin, so a superseded lint that is published shows up here).
        const at = receivedAt.get(p);
        const newer = [...sent].filter(([v]) => v > p.version!).map(([, t]) => t);
        if (at !== undefined && newer.length) assert.ok(at - Math.min(...newer) < 250, `version ${p.version} published ${at - Math.min(...newer)} ms after a newer version was sent`);
      }
      const last = h.published.get(doc.uri)!.at(-1)!;
      assert.equal(last.version, doc.version);
    });
  });

  describe('every editor setting, through the server', () => {
    const severities = async (h: Harness, doc: { uri: string }) => (await fullItems(h, doc)).map((d: Diagnostic) => d.severity);
    const reconfigure = async (h: Harness, settings: Record<string, unknown>) => {
      h.settings = settings;
      await h.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await new Promise((r) => setTimeout(r, 300));
    };

    it('psylint.rules: error, warning, information, hint and off each reach the diagnostic', async () => {
      h = await startServer();
      const doc = h.open('a.md', OUTDATED);
      assert.deepEqual(await severities(h, doc), [2]);
      const expected: [string, number[]][] = [['error', [1]], ['information', [3]], ['hint', [4]], ['warning', [2]], ['off', []]];
      for (const [severity, want] of expected) {
        await reconfigure(h, { rules: { 'term/outdated': severity } });
        assert.deepEqual(await severities(h, doc), want, severity);
      }
    });

    it('psylint.dialect: fix-all and the message spell the suggestion as set, over the dialect: of .psylint.yaml', async () => {
      const text = 'The boy had overanxious disorder.\n';
      const fixAll = async (doc: { uri: string }) => {
        const actions = (await h!.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri: doc.uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll.psylint'] },
        })) as CodeAction[];
        const edits = (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
        return TextDocument.applyEdits(TextDocument.create(doc.uri, 'markdown', 0, text), edits);
      };
      h = await startServer({ workspace: tempWorkspace({ 'us/.psylint.yaml': 'dialect: en-US\n' }) });
      const doc = h.open('a.md', text);
      assert.equal(await fixAll(doc), 'The boy had generalized anxiety disorder.\n');
      await reconfigure(h, { dialect: 'en-GB' });
      assert.match(String((await fullItems(h, doc))[0].message), /generalised anxiety disorder/);
      assert.equal(await fixAll(doc), 'The boy had generalised anxiety disorder.\n');
      assert.equal(await fixAll(h.open('us/a.md', text)), 'The boy had generalised anxiety disorder.\n');
    });

    it('psylint.enable: false lints nothing, true lints again', async () => {
      h = await startServer();
      const doc = h.open('a.md', OUTDATED);
      assert.equal((await fullItems(h, doc)).length, 1);
      await reconfigure(h, { enable: false });
      assert.deepEqual(await fullItems(h, doc), []);
      await reconfigure(h, { enable: true });
      assert.equal((await fullItems(h, doc)).length, 1);
    });

    it('psylint.enable: false in push mode publishes nothing to see', async () => {
      h = await startServer({ pull: false, settings: { enable: false } });
      const doc = h.open('a.md', OUTDATED);
      const pushed = await h.waitForPush(doc.uri);
      assert.deepEqual(pushed.diagnostics, []);
    });

    it('psylint.glossaries: a workspace file named in settings adds its entries', async () => {
      const team = ['entries:', '  - id: zeta-syndrome', '    term: zeta syndrome', '    category: diagnosis', '    definition: A made-up retired diagnosis used in this test.', '    sources: [{author: Some One, year: 2020, title: A title}]', '    replaced_by: [{term: omega disorder}]', ''].join('\n');
      h = await startServer({ workspace: tempWorkspace({ 'team.yaml': team }) });
      const doc = h.open('a.md', 'Her uncle had zeta syndrome as a child.\n');
      assert.deepEqual(await fullItems(h, doc), []);
      await reconfigure(h, { glossaries: ['team.yaml'] });
      const items = await fullItems(h, doc);
      assert.deepEqual(items.map((d) => d.code), ['term/outdated']);
      assert.match(String(items[0].message), /omega disorder/);
    });

    it('psylint.glossaries outside the workspace: refused, unless psylint.allowGlossariesOutsideWorkspace', async () => {
      const team = ['entries:', '  - id: zeta-syndrome', '    term: zeta syndrome', '    category: diagnosis', '    definition: A made-up retired diagnosis used in this test.', '    sources: [{author: Some One, year: 2020, title: A title}]', '    replaced_by: [{term: omega disorder}]', ''].join('\n');
      const outside = tempWorkspace({ 'team.yaml': team });
      h = await startServer({ settings: { glossaries: [`${outside}/team.yaml`] } });
      const doc = h.open('a.md', 'Her uncle had zeta syndrome as a child.\n');
      assert.deepEqual(await fullItems(h, doc), []);
      assert.match(h.statuses.at(-1)?.problems[0] ?? '', /team\.yaml:1:1: glossary not read: it is outside the workspace/);
      await reconfigure(h, { glossaries: [`${outside}/team.yaml`], allowGlossariesOutsideWorkspace: true });
      assert.deepEqual((await fullItems(h, doc)).map((d) => d.code), ['term/outdated']);
    });

    it('psylint.run: onSave keeps the saved result until the next save', async () => {
      h = await startServer({ settings: { run: 'onSave' } });
      let doc = h.open('a.md', 'A plain sentence.\n');
      assert.deepEqual(await fullItems(h, doc), []);
      doc = h.change(doc, 'A plain sentence.\n\n' + OUTDATED);
      assert.deepEqual(await fullItems(h, doc), [], 'not linted before the save');
      fs.writeFileSync(URIpath(doc.uri), doc.getText());
      await h.connection.sendNotification('textDocument/didSave', { textDocument: { uri: doc.uri } });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await fullItems(h, doc)).length, 1);
    });

    it('maxFileSize counts UTF-8 bytes, as the CLI does', async () => {
      h = await startServer({ workspace: tempWorkspace({ '.psylint.yaml': 'maxFileSize: 100\n' }) });
      const doc = openUnsaved(h, 'a.md', 'é'.repeat(60) + '\n');
      const items = await fullItems(h, doc);
      assert.equal(items.length, 1);
      assert.equal(items[0].message, 'Psylint skipped this file: 121 bytes is over the 100-byte limit (maxFileSize in .psylint.yaml).');
    });
  });
});

describe('trust: what the editor shows', function () {
  this.timeout(30000);
  let h: Harness | undefined;
  afterEach(async () => {
    if (h && h.process.exitCode === null) await h.shutdown().catch(() => undefined);
    h = undefined;
  });

  // Issue 15: without a Quarto or R extension, .qmd and .Rmd open as Plain Text and were linted as plain text:
  // code chunks were linted and "Disable … for this line" inserted a comment that did nothing.
  it('a .qmd or .Rmd opened as plaintext is linted by its extension: chunks skipped, disable comments honoured', async () => {
    h = await startServer();
    const text = 'Her uncle had manic depression.\n\n```{r}\n# manic depression in a code chunk\n```\n\nHer aunt had manic depression too. <!-- psylint-disable-line term/outdated -->\n';
    for (const name of ['a.qmd', 'b.Rmd']) {
      const doc = h.open(name, text, 'plaintext');
      const items = await fullItems(h, doc);
      assert.deepEqual(items.map((d) => d.range.start.line), [0], name);
    }
    const txt = h.open('c.txt', 'Her uncle had manic depression.\n', 'plaintext');
    assert.equal((await fullItems(h, txt)).length, 1);
  });

  // Issue 15: quick-fix menus mixed the actions of different findings ("fix all" and one finding's "disable"
  // between the first finding's fixes and the second's; the second finding had no "disable").
  it('groups each finding\'s quick fixes together, with "fix all" last', async () => {
    h = await startServer();
    // (Two terms with one safe successor each: "mental retardation" is still an ICD-10 name, so its fix is not applied unattended.)
    const doc = h.open('a.md', 'Her uncle had manic depression.\n\nHer aunt had multiple personality disorder.\n');
    const items = await fullItems(h, doc);
    assert.equal(items.length, 2);
    const actions = (await h.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: items, only: ['quickfix'] },
    })) as CodeAction[];
    const owner = (a: CodeAction) => (a.diagnostics?.[0] ? a.diagnostics[0].range.start.line : 'all');
    assert.deepEqual(
      actions.map((a) => [owner(a), a.title.replace(/“[^”]*”/g, '…')]),
      [
        [0, 'Replace with …'],
        [0, 'Disable term/outdated for this line'],
        [0, 'Ignore … (term/outdated) in this file'],
        [0, 'Accept … in this workspace'],
        [2, 'Replace with …'],
        [2, 'Disable term/outdated for this line'],
        [2, 'Ignore … (term/outdated) in this file'],
        [2, 'Accept … in this workspace'],
        ['all', 'Fix all term/outdated problems (2)'],
      ],
    );
  });

  // Issue 15: the output channel was always empty and the status item said "server running" while the
  // configuration was broken.
  it('logs its version, the configuration and glossary loaded, and reports configuration problems for the status item', async () => {
    const workspace = tempWorkspace({ '.psylint.yaml': 'rules:\n  term/outdated: loud\n', '.psylint/glossary.yaml': 'entries:\n  - id: manic-depression\n    aliases: [manic depressive illness]\n' });
    h = await startServer({ workspace });
    const doc = h.open('a.md', OUTDATED);
    assert.equal((await fullItems(h, doc)).length, 1);
    const logs = h.logs.join('\n');
    assert.match(logs, /^Psylint \d+\.\d+\.\d+ language server; workspace folders: /m);
    assert.match(logs, new RegExp(`^configuration ${workspace}/\\.psylint\\.yaml: 1 problem\\(s\\)$`, 'm'));
    assert.match(logs, new RegExp(`^glossary: \\d+ entries; bundled \\d+ \\(\\d+ files\\), ${workspace}/\\.psylint/glossary\\.yaml 0$`, 'm'));
    assert.match(logs, /term\/outdated: 'loud' is not allowed/);
    assert.equal(h.statuses.length, 1);
    assert.match(h.statuses[0].problems[0], /\.psylint\.yaml:2:18: rules\.term\/outdated: 'loud' is not allowed/);
    // Fixed on disk: the status clears.
    fs.writeFileSync(`${workspace}/.psylint.yaml`, 'rules:\n  term/outdated: hint\n');
    await h.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${workspace}/.psylint.yaml`, type: 2 }] });
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual((await fullItems(h, doc)).map((d) => d.severity), [4]);
    assert.deepEqual(h.statuses.at(-1), { problems: [] });
  });
});

function URIpath(uri: string): string {
  return decodeURIComponent(new URL(uri).pathname);
}
