// The psylint command line, run in-process on temporary folders.

import type { JsonFinding } from '../../server/src/format';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { only, psylint, removeTempDirs, tempDir, writeFiles } from './helpers';


/** Only term/outdated on, so rules written elsewhere meanwhile cannot change these results. */
const CONFIG = `rules: ${JSON.stringify(only('term/outdated'))}\n`;

/** A temp project with a .psylint.yaml that keeps only term/outdated. */
function project(files: Record<string, string | Uint8Array>, config = CONFIG): string {
  const root = tempDir();
  writeFiles(root, { '.psylint.yaml': config, ...files });
  return root;
}

const FINDING_KEYS = ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'start', 'end', 'terms', 'fixes'];


describe('psylint CLI', function () {
  this.timeout(20000);
  after(removeTempDirs);

  // The CLI always loads the whole bundled glossary, and any glossary problem is exit code 2.
  // Fail once, clearly, rather than in every test below.
  before(() => {
    const problems = new GlossaryStore().build(bundledGlossaryFiles()).problems;
    if (problems.length) {
      const first = problems.slice(0, 3).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
      throw new Error(`the CLI tests need a bundled glossary without problems; it has ${problems.length}:\n${first.join('\n')}`);
    }
  });

  describe('--format json', () => {
    it('prints exactly the finding shape the README shows', async () => {
      const root = project({ 'a.md': 'Intro line.\n\nHer aunt had manic depression.\n' });
      const run = await psylint(root, '--format', 'json', 'a.md');
      assert.equal(run.stderr, '');
      const findings = JSON.parse(run.stdout) as Record<string, unknown>[];
      assert.equal(findings.length, 1);
      assert.deepEqual(Object.keys(findings[0]), FINDING_KEYS);
      assert.deepEqual(findings[0], {
        file: 'a.md',
        ruleId: 'term/outdated',
        severity: 'warning',
        message: '“manic depression” is a retired diagnostic term; write “bipolar disorder”.',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 30,
        start: 26,
        end: 42,
        terms: ['manic-depression', 'bipolar-disorder'],
        fixes: [{ title: 'Replace with “bipolar disorder”', edits: [{ start: 26, end: 42, text: 'bipolar disorder' }] }],
      });
    });

    it('orders findings by file, then by offset', async () => {
      const root = project({
        'b.md': 'Manic depression first. Then MPD.\n',
        'a.md': 'Then MPD. Manic depression second.\n',
        'sub/c.md': 'Hypochondriasis here.\n',
      });
      const run = await psylint(root, '-f', 'json');
      const findings = JSON.parse(run.stdout) as JsonFinding[];
      assert.deepEqual(
        findings.map((f) => [f.file, f.start]),
        [
          ['a.md', 5],
          ['a.md', 10],
          ['b.md', 0],
          ['b.md', 29],
          ['sub/c.md', 0],
        ],
      );
    });

    it('prints an empty array when there is nothing to report', async () => {
      const root = project({ 'a.md': 'Nothing retired here.\n' });
      const run = await psylint(root, '-f', 'json', 'a.md');
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, '[]\n', '']);
    });
  });

  describe('exit codes', () => {
    it('exits 1 when there are findings at or above warning', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' });
      assert.equal((await psylint(root, 'a.md')).code, 1);
    });

    it('exits 0 with --max-severity error when there are only warnings', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' });
      const run = await psylint(root, '--max-severity', 'error', '-f', 'json', 'a.md');
      assert.equal(run.code, 0);
      assert.equal((JSON.parse(run.stdout) as unknown[]).length, 1);
    });

    it('exits 1 with --max-severity error when a rule is configured as error', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' }, `rules: ${JSON.stringify({ ...only('term/outdated'), 'term/outdated': 'error' })}\n`);
      assert.equal((await psylint(root, '--max-severity', 'error', 'a.md')).code, 1);
    });

    it('exits 0 when there are no findings', async () => {
      const root = project({ 'a.md': 'All current here.\n' });
      const run = await psylint(root, 'a.md');
      assert.deepEqual([run.code, run.stdout, run.stderr], [0, '', '']);
    });

    it('exits 2 for a missing file, names it on stderr and still lints the other files', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' });
      const run = await psylint(root, '-f', 'json', 'missing.md', 'a.md');
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'psylint: missing.md: no such file or directory\n');
      assert.deepEqual(
        (JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file),
        ['a.md'],
      );
    });

    it('exits 2 for an unknown format', async () => {
      const root = project({});
      const run = await psylint(root, '--format', 'xml');
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^psylint: unknown format 'xml' \(use stylish, json, sarif, github\)\n/);
    });
  });

  describe('files that cannot be linted', () => {
    it('skips a binary file with one line on stderr', async () => {
      const root = project({ 'bin.md': new Uint8Array([0x4d, 0x00, 0x01, 0x02]), 'ok.md': 'Fine.\n' });
      const run = await psylint(root, '-f', 'json');
      assert.equal(run.stderr, 'psylint: bin.md: skipped: binary file\n');
      assert.equal(run.code, 2);
    });

    it('skips a file that is not UTF-8 with one line on stderr', async () => {
      const root = project({ 'latin1.md': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
      const run = await psylint(root, 'latin1.md');
      assert.equal(run.stderr, 'psylint: latin1.md: skipped: not valid UTF-8 text\n');
      assert.equal(run.code, 2);
    });

    it('skips a file over maxFileSize with one line on stderr', async () => {
      const root = project({ 'big.md': 'Her aunt had manic depression.\n', 'small.md': 'Ok.\n' }, `maxFileSize: 10\n${CONFIG}`);
      const run = await psylint(root, '-f', 'json');
      assert.equal(run.stderr, 'psylint: big.md: skipped: 31 bytes is over the 10-byte limit (maxFileSize)\n');
      assert.equal(run.stdout, '[]\n');
      assert.equal(run.code, 2);
    });

    it('reports a directory with no drafts', async () => {
      const root = project({ 'empty/readme.txt': 'Plain text is linted only when named.\n' });
      const run = await psylint(root, 'empty');
      assert.equal(run.stderr, 'psylint: empty: no drafts (.md, .markdown, .qmd, .rmd, .mdx) in this directory\n');
      assert.equal(run.code, 2);
    });

    it('does not hang on a symlink loop and lints each file once', async function () {
      const root = project({ 'a.md': 'Manic depression one.\n', 'loop/c.md': 'Manic depression two.\n' });
      try {
        fs.symlinkSync('..', path.join(root, 'loop', 'up'), 'dir');
      } catch {
        this.skip();
      }
      const run = await psylint(root, '-f', 'json');
      assert.equal(run.stderr, '');
      assert.deepEqual(
        (JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file),
        ['a.md', 'loop/c.md'],
      );
    });
  });

  describe('file selection', () => {
    it('expands a glob pattern', async () => {
      const root = project({
        'docs/one.md': 'Manic depression one.\n',
        'docs/deep/two.qmd': 'Manic depression two.\n',
        'docs/deep/three.md': 'Manic depression three.\n',
        'other/four.md': 'Manic depression four.\n',
      });
      const run = await psylint(root, '-f', 'json', 'docs/**/*.md');
      assert.equal(run.stderr, '');
      assert.deepEqual(
        (JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file),
        ['docs/deep/three.md', 'docs/one.md'],
      );
    });

    it('reports a glob pattern that matches nothing', async () => {
      const root = project({ 'a.md': 'Text.\n' });
      const run = await psylint(root, 'nothing/*.md');
      assert.equal(run.stderr, 'psylint: nothing/*.md: no drafts match this pattern\n');
      assert.equal(run.code, 2);
    });

    it('lints a plain-text file when it is named, but not when walking a directory', async () => {
      const root = project({ 'notes.txt': '# Her aunt had manic depression.\n' });
      const named = await psylint(root, '-f', 'json', 'notes.txt');
      assert.deepEqual(
        (JSON.parse(named.stdout) as JsonFinding[]).map((f) => [f.file, f.start]),
        [['notes.txt', 15]],
      );
      const walked = await psylint(root, '-f', 'json', '.');
      assert.equal(walked.stdout, '[]\n');
      assert.match(walked.stderr, /^psylint: \.: no drafts /);
    });

    it('skips files matched by ignore in .psylint.yaml', async () => {
      const root = project({ 'a.md': 'Manic depression.\n', 'drafts/old.md': 'Manic depression.\n' }, `ignore: ["drafts/**"]\n${CONFIG}`);
      const run = await psylint(root, '-f', 'json');
      assert.deepEqual(
        (JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.file),
        ['a.md'],
      );
    });
  });

  describe('--fix', () => {
    it('writes only the safe fixes, keeps CRLF and every other byte, and the file then lints clean of them', async () => {
      const text = 'Manic depression ran in her family.\r\nThe chart said MPD.\r\n\r\nHypochondriasis was also noted.\r\n';
      const root = project({ 'a.md': text });
      const run = await psylint(root, '--fix', '-f', 'json', 'a.md');
      const written = fs.readFileSync(path.join(root, 'a.md'), 'utf8');
      assert.equal(written, 'Bipolar disorder ran in her family.\r\nThe chart said dissociative identity disorder.\r\n\r\nHypochondriasis was also noted.\r\n');
      // What is printed is the state after fixing: only the finding with no safe fix.
      assert.deepEqual(
        (JSON.parse(run.stdout) as JsonFinding[]).map((f) => [f.line, f.column, f.start]),
        [[4, 1, written.indexOf('Hypochondriasis')]],
      );
      assert.equal(run.code, 1);
      const again = await psylint(root, '-f', 'json', 'a.md');
      assert.equal((JSON.parse(again.stdout) as unknown[]).length, 1);
    });

    it('--dialect en-GB spells the written fix the UK way, over the dialect: of .psylint.yaml; without the flag the file applies; a bad value is refused', async () => {
      const root = project({ 'a.md': 'The boy had overanxious disorder.\n', 'us/a.md': 'The boy had overanxious disorder.\n', 'us/.psylint.yaml': 'dialect: en-US\n' });
      await psylint(root, '--dialect', 'en-GB', '--fix', 'a.md', 'us/a.md');
      assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'The boy had generalised anxiety disorder.\n');
      assert.equal(fs.readFileSync(path.join(root, 'us/a.md'), 'utf8'), 'The boy had generalised anxiety disorder.\n');
      fs.writeFileSync(path.join(root, 'us/a.md'), 'The boy had overanxious disorder.\n');
      await psylint(root, '--fix', 'us/a.md');
      assert.equal(fs.readFileSync(path.join(root, 'us/a.md'), 'utf8'), 'The boy had generalized anxiety disorder.\n');
      const bad = await psylint(root, '--dialect', 'en-CA', 'a.md');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /unknown dialect 'en-CA' \(use en-US, en-GB\)/);
    });

    it('exits 0 when every finding was fixed', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' });
      const run = await psylint(root, '--fix', 'a.md');
      assert.equal(run.code, 0);
      assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'Her aunt had bipolar disorder.\n');
    });

    it('leaves a file with nothing to fix untouched', async () => {
      const root = project({ 'a.md': 'Hypochondriasis was noted.\n' });
      const file = path.join(root, 'a.md');
      const before = fs.statSync(file).mtimeMs;
      await psylint(root, '--fix', 'a.md');
      assert.equal(fs.readFileSync(file, 'utf8'), 'Hypochondriasis was noted.\n');
      assert.equal(fs.statSync(file).mtimeMs, before);
    });
  });

  describe('other formats', () => {
    it('--format sarif is valid SARIF 2.1.0 JSON', async () => {
      const root = project({ 'a.md': 'Intro.\n\nHer aunt had manic depression.\n' });
      const run = await psylint(root, '--format', 'sarif', 'a.md');
      const sarif = JSON.parse(run.stdout) as {
        version: string;
        $schema: string;
        runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[];
      };
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      const [sarifRun] = sarif.runs;
      assert.equal(sarifRun.tool.driver.name, 'psylint');
      assert.equal(sarifRun.results.length, 1);
      const [result] = sarifRun.results;
      assert.deepEqual([result.ruleId, result.level, sarifRun.tool.driver.rules[result.ruleIndex].id], ['term/outdated', 'warning', 'term/outdated']);
      assert.deepEqual(result.locations[0].physicalLocation, {
        artifactLocation: { uri: 'a.md' },
        region: { startLine: 3, startColumn: 14, endLine: 3, endColumn: 30, charOffset: 21, charLength: 16 },
      });
    });

    it('--format github prints one workflow command per finding', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n', 'b.md': 'Hypochondriasis was noted.\n' });
      const run = await psylint(root, '--format', 'github');
      assert.equal(
        run.stdout,
        '::warning file=a.md,line=1,col=14,endLine=1,endColumn=30,title=term/outdated::“manic depression” is a retired diagnostic term; write “bipolar disorder”.\n' +
          '::warning file=b.md,line=1,col=1,endLine=1,endColumn=16,title=term/outdated::“Hypochondriasis” is a retired diagnostic term (still current in ICD-11 and ICD-10); write “Illness anxiety disorder” or “Somatic symptom disorder”.\n',
      );
    });

    it('prints stylish output by default, without colours when not on a terminal', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' });
      const run = await psylint(root, 'a.md');
      assert.equal(
        run.stdout,
        '\na.md\n' +
          '  1:14  warning  “manic depression” is a retired diagnostic term; write “bipolar disorder”.  term/outdated\n' +
          '\n✖ 1 problem (1 warning)\n' +
          '  1 with quick fixes (psylint --fix applies the safe ones)\n',
      );
    });
  });

  describe('configuration problems', () => {
    it('reports a malformed .psylint.yaml as file:line:col on stderr and exits 2', async () => {
      const root = project({ 'a.md': 'Nothing retired.\n' }, 'rules:\n  term/outdated: error\n    claim/overstated: off\n');
      const run = await psylint(root, 'a.md');
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        'psylint: .psylint.yaml:2:18: error: YAML: Nested mappings are not allowed in compact mappings\n' +
          'psylint: .psylint.yaml:2:18: error: YAML: Implicit keys need to be on a single line\n',
      );
    });

    it('reports an unknown rule id as a warning that does not change the exit code', async () => {
      const root = project({ 'a.md': 'Nothing retired.\n' }, `rules:\n  term/made-up: off\n`);
      const run = await psylint(root, 'a.md');
      assert.equal(run.stderr, "psylint: .psylint.yaml:2:3: warning: unknown rule 'term/made-up' (ignored)\n");
      assert.equal(run.code, 0);
    });

    // Regression (fixed): an undefined YAML alias in .psylint.yaml makes parseConfig throw, so main() rejects
    // (bin/psylint prints "internal error") instead of reporting file:line:col and exiting 2.
    it('reports an undefined YAML alias in .psylint.yaml without crashing', async () => {
      const root = project({ 'a.md': 'Nothing retired.\n' }, 'rules: *missing\n');
      const run = await psylint(root, 'a.md');
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^psylint: \.psylint\.yaml:1:8: error: /);
    });

    it('uses the configuration named with --config', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n', 'strict.yaml': `rules: ${JSON.stringify(only())}\n` });
      const run = await psylint(root, '--config', 'strict.yaml', '-f', 'json', 'a.md');
      assert.deepEqual([run.code, run.stdout], [0, '[]\n']);
    });
  });
});
