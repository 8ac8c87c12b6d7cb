// Files on disk: drafts that cannot be read (binary, not UTF-8, unreadable,
// vanished, symlink loops, too large, special files), glossary and
// configuration files that are malformed, huge or hostile (YAML bombs), and
// security: nothing from the workspace is executed and nothing goes to the
// network.
// Over 400 lines: one case per kind of hostile or broken file, sharing one temporary workspace.
//
// Tests marked `it.skip` with a `// BUG:` comment document a defect found by
// the test; un-skip them once the code is fixed.

import assert from 'node:assert/strict';
import childProcess, { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import nodeFs from 'node:fs';
import * as fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import Module from 'node:module';
import net from 'node:net';
import * as path from 'node:path';
import tls from 'node:tls';
import fc from 'fast-check';
import { loadBibliography } from '../../server/src/bibliography';
import { parseConfig } from '../../server/src/config';
import { collectDrafts, decodeDraft, readDraft } from '../../server/src/drafts';
import { lint } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { buildGlossary } from '../../server/src/glossary/glossary';
import { MAX_GLOSSARY_BYTES, parseGlossaryText } from '../../server/src/glossary/load';
import type { GlossaryFile, GlossaryProblem } from '../../server/src/glossary/types';
import { covered, entryYaml, glossaryYaml, only, psylint, removeTempDirs, tempDir, writeFiles, type Run } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
/** The CLI bundle (built with the tests by scripts/build.mjs), for runs in a child process. */
const DIST_CLI = path.join(REPO, 'dist', 'cli.js');
import glossarySchema from '../../glossary/schema.json';
const CATEGORIES = glossarySchema.definitions.entry.properties.category.enum.join(', ');
const ENTRY_FIELDS = Object.keys(glossarySchema.definitions.entry.properties).join(', ');
const RUNS = Math.max(1, Number(process.env.PSYLINT_FUZZ_RUNS ?? 100) || 100);


interface ChildRun extends Run {
  timedOut: boolean;
  signal: NodeJS.Signals | null;
}

/**
 * The CLI in a child process: for runs that may hang (the parent can kill it),
 * that need another user (root reads everything), or a memory limit.
 */
function psylintChild(cwd: string, args: string[], options: { uid?: number; timeoutMs?: number; memoryKb?: number } = {}): ChildRun {
  const script = [
    options.uid !== undefined ? `process.setgid(${options.uid}); process.setuid(${options.uid});` : '',
    `require(${JSON.stringify(DIST_CLI)}).main(JSON.parse(process.argv[1]), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() })`,
    '.then((code) => { process.exitCode = code; }, (error) => { process.stderr.write("REJECTED: " + error.message + "\\n"); process.exitCode = 99; });',
  ].join('\n');
  const nodeArgs = ['-e', script, JSON.stringify(args)];
  const [command, commandArgs] =
    options.memoryKb !== undefined ? ['sh', ['-c', `ulimit -v ${options.memoryKb}; exec "$0" "$@"`, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 30_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '', timedOut, signal: result.signal };
}

/** Replace a property for the length of a test (works on Node's built-in modules: bundles read them at call time). */
function stub<T extends object>(target: T, key: string, value: unknown): () => void {
  const had = Object.prototype.hasOwnProperty.call(target, key);
  const original = (target as Record<string, unknown>)[key];
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return () => {
    if (had) Object.defineProperty(target, key, { value: original, configurable: true, writable: true });
    else delete (target as Record<string, unknown>)[key];
  };
}

function errnoError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated, ${syscall} '${file}'`);
  error.code = code;
  error.syscall = syscall;
  error.path = file;
  return error;
}

function symlinkOrSkip(context: Mocha.Context, target: string, link: string): void {
  try {
    fs.symlinkSync(target, link);
  } catch {
    context.skip();
  }
}

/** Only term/outdated on, so rules written elsewhere meanwhile cannot change these results. */
const CONFIG = `rules: ${JSON.stringify(only('term/outdated'))}\n`;

function project(files: Record<string, string | Uint8Array>, config = CONFIG): string {
  const root = tempDir();
  writeFiles(root, { '.psylint.yaml': config, ...files });
  return root;
}

function jsonFiles(run: Run): string[] {
  return (JSON.parse(run.stdout) as { file: string }[]).map((f) => f.file);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const NOBODY = 65534;

/**
 * `psylint -f json` in `root` as a user for whom file modes apply. chmod 000 does not stop root
 * (the tests may run as root, in CI containers): there the CLI runs in a child process that has
 * dropped to the user nobody, with the root folder and the `readable` files opened up to it.
 */
async function runWhereModesApply(context: Mocha.Context, root: string, readable: string[]): Promise<Run> {
  if (!isRoot) return psylint(root, '-f', 'json');
  if (!fs.existsSync(DIST_CLI)) context.skip();
  fs.chmodSync(root, 0o755);
  for (const f of readable) fs.chmodSync(path.join(root, f), 0o644);
  const child = psylintChild(root, ['-f', 'json'], { uid: NOBODY });
  // The child could not switch user, or cannot read the CLI bundle: this machine cannot run the test.
  if (/EPERM|setuid/.test(child.stderr) || /EACCES.*cli\.js/.test(child.stderr)) context.skip();
  return child;
}

/** A billion-laughs document: nine levels of nine aliases each (9^9 strings once expanded). */
function billionLaughs(prefix = 'lol'): string {
  const lines = [`${prefix}0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i < 10; i++) lines.push(`${prefix}${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** Aliases that double at each of 40 levels: 2^40 nodes once expanded, from 40 short lines. */
function doublingBomb(): string {
  const lines = ['d0: &d0 ["x"]'];
  for (let i = 1; i <= 40; i++) lines.push(`d${i}: &d${i} [*d${i - 1}, *d${i - 1}]`);
  return lines.join('\n') + '\n';
}

/** Time and heap growth of a call; a YAML bomb must cost neither. */
function bounded<T>(fn: () => T): { value: T; ms: number; heapMb: number } {
  const heap = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6, heapMb: (process.memoryUsage().heapUsed - heap) / 1e6 };
}

/** Every problem points at a line and column that exist in the text (1-based; a column may be one past the end). */
function assertInside(text: string, problems: readonly { line: number; column: number }[]): void {
  // Lines end as an editor ends them (LSP: CRLF, LF or a lone CR), since these positions reach the Problems view.
  const lines = text.split(/\r\n|\r|\n/);
  for (const p of problems) {
    assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines.length, `line ${p.line} is outside 1-${lines.length}`);
    assert.ok(Number.isInteger(p.column) && p.column >= 1 && p.column <= lines[p.line - 1].length + 1, `column ${p.column} is outside line ${p.line}`);
  }
}

function positions(problems: readonly GlossaryProblem[]): [string, number, number, string][] {
  return problems.map((p) => [path.basename(p.file), p.line, p.column, p.message]);
}

describe('files', function () {
  this.timeout(60_000);
  after(removeTempDirs);

  // The CLI always loads the whole bundled glossary, and any glossary problem is exit code 2.
  before(() => {
    const problems = new GlossaryStore().build(bundledGlossaryFiles()).problems;
    if (problems.length) {
      const first = problems.slice(0, 3).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
      throw new Error(`these tests need a bundled glossary without problems; it has ${problems.length}:\n${first.join('\n')}`);
    }
  });

  describe('drafts that cannot be linted (psylint CLI)', () => {
    it('reports each unreadable draft once on stderr, naming it, lints the rest, and exits 2', async function () {
      const root = project(
        {
          'good.md': 'Her aunt had manic depression.\n',
          'sub/also-good.md': 'The chart said MPD.\n',
          'binary.md': new Uint8Array([0x48, 0x00, 0x69, 0x0a]),
          'latin1.md': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
          'utf16.md': new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]),
          'big.md': 'Manic depression. '.repeat(10) + '\n',
        },
        `maxFileSize: 100\n${CONFIG}`,
      );
      symlinkOrSkip(this, 'nowhere.md', path.join(root, 'dangling.md'));
      symlinkOrSkip(this, 'loop-b.md', path.join(root, 'loop-a.md'));
      symlinkOrSkip(this, 'loop-a.md', path.join(root, 'loop-b.md'));
      symlinkOrSkip(this, 'self.md', path.join(root, 'self.md'));
      const run = await psylint(root, '-f', 'json');
      const expected: [string, RegExp][] = [
        ['big.md', /skipped: 181 bytes is over the 100-byte limit \(maxFileSize\)$/],
        ['binary.md', /skipped: binary file$/],
        ['dangling.md', /no such file or directory$/],
        ['latin1.md', /skipped: not valid UTF-8 text$/],
        ['loop-a.md', /too many levels of symbolic links$/],
        ['loop-b.md', /too many levels of symbolic links$/],
        ['self.md', /too many levels of symbolic links$/],
        ['utf16.md', /skipped: binary file$/],
      ];
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, expected.length, run.stderr);
      for (const [file, message] of expected) {
        const mine = lines.filter((l) => l.startsWith('psylint: ') && l.includes(`${file}: `));
        assert.equal(mine.length, 1, `one message for ${file}:\n${run.stderr}`);
        assert.match(mine[0], message);
      }
      assert.deepEqual(jsonFiles(run), ['good.md', 'sub/also-good.md']);
      assert.equal(run.code, 2);
    });

    // Regression (fixed): problems found while walking a directory (dangling symlinks, symlink loops, unreadable
    // directories) are printed with the absolute path (collectDrafts reports the full path and main()
    // prints it as is), while every other message and every finding uses the path relative to the
    // working directory. Input: `psylint .` in a folder with a dangling symlink dangling.md. Expected:
    // "psylint: dangling.md: no such file or directory". Actual: "psylint: /tmp/…/dangling.md: …".
    it('names files found while walking a directory relative to the working directory, like the findings', async function () {
      const root = project({ 'good.md': 'Fine.\n' });
      symlinkOrSkip(this, 'nowhere.md', path.join(root, 'dangling.md'));
      const run = await psylint(root, '-f', 'json');
      assert.equal(run.stderr, 'psylint: dangling.md: no such file or directory\n');
    });

    it('reports a draft that vanishes between listing and reading, and lints the rest', async () => {
      const root = project({ 'a-gone.md': 'Manic depression.\n', 'b-stays.md': 'Her aunt had manic depression.\n' });
      const gone = path.join(root, 'a-gone.md');
      // Delete the file right after the directory listing that found it.
      const original = nodeFs.readdirSync;
      const restore = stub(nodeFs, 'readdirSync', (...args: Parameters<typeof nodeFs.readdirSync>) => {
        const entries = original(...args);
        if (path.resolve(String(args[0])) === root && fs.existsSync(gone)) fs.unlinkSync(gone);
        return entries;
      });
      let run: Run;
      try {
        run = await psylint(root, '-f', 'json');
      } finally {
        restore();
      }
      assert.equal(run.stderr, 'psylint: a-gone.md: no such file or directory\n');
      assert.deepEqual(jsonFiles(run), ['b-stays.md']);
      assert.equal(run.code, 2);
    });

    it('reports a draft it may not read (EACCES), and lints the rest', async function () {
      const root = project({ 'locked.md': 'Manic depression.\n', 'open.md': 'Her aunt had manic depression.\n' });
      fs.chmodSync(path.join(root, 'locked.md'), 0o000);
      const run = await runWhereModesApply(this, root, ['.psylint.yaml', 'open.md']);
      assert.equal(run.stderr, 'psylint: locked.md: permission denied\n');
      assert.deepEqual(jsonFiles(run), ['open.md']);
      assert.equal(run.code, 2);
    });

    it('reports a directory it may not list, naming it, and lints the rest', async function () {
      const root = project({ 'locked/inside.md': 'Manic depression.\n', 'open.md': 'Her aunt had manic depression.\n' });
      fs.chmodSync(path.join(root, 'locked'), 0o000);
      const run = await runWhereModesApply(this, root, ['.psylint.yaml', 'open.md']);
      fs.chmodSync(path.join(root, 'locked'), 0o755);
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], /^psylint: (.*\/)?locked: permission denied$/);
      assert.deepEqual(jsonFiles(run), ['open.md']);
      assert.equal(run.code, 2);
    });

    it('stops at directory symlink loops and lints each draft once', async function () {
      const root = project({ 'a/one.md': 'Manic depression one.\n', 'b/two.md': 'Manic depression two.\n' });
      symlinkOrSkip(this, '../b', path.join(root, 'a', 'to-b'));
      symlinkOrSkip(this, '../a', path.join(root, 'b', 'to-a'));
      symlinkOrSkip(this, '.', path.join(root, 'a', 'here'));
      const run = await psylint(root, '-f', 'json');
      assert.equal(run.stderr, '');
      // Each draft once, under whichever path the walk reached it first (b/two.md is reached through a/to-b).
      const files = jsonFiles(run);
      assert.equal(files.length, 2, files.join(', '));
      assert.deepEqual(files.map((f) => path.relative(root, fs.realpathSync(path.join(root, f)))).sort(), ['a/one.md', 'b/two.md']);
      assert.equal(run.code, 1);
    });

    it('lints a draft with a NUL byte after the first 8 KB as text', async () => {
      const text = 'Her aunt had manic depression.\n\n' + 'x'.repeat(9000) + '\0\n\nThe chart said MPD.\n';
      const root = project({ 'late-nul.md': text });
      const run = await psylint(root, '-f', 'json');
      assert.equal(run.stderr, '');
      assert.equal((JSON.parse(run.stdout) as unknown[]).length, 2);
    });

    // Regression (fixed): a named pipe (FIFO) named on the command line is opened with readFileSync, which blocks
    // until some process writes to it: psylint hangs forever. Input: `mkfifo pipe.md; psylint pipe.md
    // ok.md`. Expected: "psylint: pipe.md: skipped: not a regular file" (or similar), ok.md linted,
    // exit 2. Actual: no output; killed after the 10 s timeout. (/dev/stdin or a device behaves alike.)
    it('refuses a named pipe given as a draft instead of waiting on it', function () {
      if (!fs.existsSync(DIST_CLI)) this.skip();
      const root = project({ 'ok.md': 'Her aunt had manic depression.\n' });
      if (spawnSync('mkfifo', [path.join(root, 'pipe.md')]).status !== 0) this.skip();
      const run = psylintChild(root, ['-f', 'json', 'pipe.md', 'ok.md'], { timeoutMs: 10_000 });
      assert.equal(run.timedOut, false, 'psylint hung on the named pipe');
      assert.match(run.stderr, /^psylint: pipe\.md: .+\n$/);
      assert.deepEqual(jsonFiles(run), ['ok.md']);
      assert.equal(run.code, 2);
    });
  });

  describe('readDraft, decodeDraft and collectDrafts', () => {
    it('turns every failure into a reason, never an exception', () => {
      const root = project({ 'a.md': 'Fine.\n', 'dir.md/inner.md': 'x\n' });
      assert.deepEqual(readDraft(path.join(root, 'vanished.md'), 1000), { problem: 'no such file or directory' });
      assert.deepEqual(readDraft(path.join(root, 'dir.md'), 1_000_000), { problem: 'is a directory' });
      assert.deepEqual(readDraft(path.join(root, 'a.md'), 6), { text: 'Fine.\n' });
      assert.deepEqual(readDraft(path.join(root, 'a.md'), 5), { problem: 'skipped: 6 bytes is over the 5-byte limit (maxFileSize)' });
      const restore = stub(nodeFs, 'openSync', (file: fs.PathLike) => {
        throw errnoError('EACCES', 'open', String(file));
      });
      try {
        assert.deepEqual(readDraft(path.join(root, 'a.md'), 1000), { problem: 'permission denied' });
      } finally {
        restore();
      }
    });

    it('refuses malformed UTF-8 and keeps a BOM as text the engine can lint', () => {
      const invalid = [
        [0xc0, 0xaf], // overlong "/"
        [0xed, 0xa0, 0x80], // an encoded surrogate
        [0xf0, 0x9f, 0x98], // truncated emoji
        [0xf8, 0x88, 0x80, 0x80, 0x80], // five-byte form
        [0x80], // lone continuation byte
      ];
      for (const bytes of invalid) assert.deepEqual(decodeDraft(new Uint8Array([0x61, ...bytes, 0x0a])), { problem: 'skipped: not valid UTF-8 text' }, bytes.join(' '));
      const bom = decodeDraft(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Her aunt had manic depression.\n')]));
      assert.ok('text' in bom);
      const findings = lint(bom.text, { glossary: new GlossaryStore().build(bundledGlossaryFiles()).glossary }).findings;
      assert.deepEqual(covered(bom.text, findings.filter((f) => f.ruleId === 'term/outdated')), ['manic depression']);
    });

    it('collects drafts past a file symlink loop and an unreadable directory, naming each', function () {
      const root = project({ 'a/one.md': 'x\n', 'b/two.md': 'y\n', 'c/three.md': 'z\n' });
      symlinkOrSkip(this, 'loop.md', path.join(root, 'a', 'loop.md'));
      const original = nodeFs.readdirSync;
      const restore = stub(nodeFs, 'readdirSync', (...args: Parameters<typeof nodeFs.readdirSync>) => {
        if (path.resolve(String(args[0])) === path.join(root, 'b')) throw errnoError('EACCES', 'scandir', String(args[0]));
        return original(...args);
      });
      let collected: ReturnType<typeof collectDrafts>;
      try {
        collected = collectDrafts(['.'], root);
      } finally {
        restore();
      }
      assert.deepEqual(
        collected.files.map((f) => path.relative(root, f)),
        ['a/one.md', 'c/three.md'],
      );
      assert.deepEqual(
        collected.problems.map((p) => [path.relative(root, p.file), p.message]),
        [
          ['a/loop.md', 'too many levels of symbolic links'],
          ['b', 'permission denied'],
        ],
      );
    });
  });

  describe('bibliography files named in front matter', () => {
    // Regression (fixed): loadBibliography() reads the file without a try: a bibliography that names a directory (or
    // an unreadable file) throws EISDIR out of lint's caller, so main() rejects, prints nothing for the
    // files after it, and bin/psylint reports an internal error. Input: a.md with front matter
    // "bibliography: refs" where refs/ is a directory, then b.md. Expected: both drafts linted, a
    // message naming refs at most, exit 1 or 2. Actual: main() rejects with "EISDIR: illegal operation
    // on a directory, read".
    it('survives a bibliography that is a directory', async () => {
      const root = project({
        'a.md': '---\nbibliography: refs\n---\n\nHer aunt had manic depression.\n',
        'b.md': 'The chart said MPD.\n',
        'refs/readme.txt': 'not a bibliography\n',
      });
      const run = await psylint(root, '-f', 'json');
      assert.deepEqual(jsonFiles(run), ['a.md', 'b.md']);
      assert.ok(run.code === 1 || run.code === 2);
      if (run.stderr) assert.match(run.stderr, /refs/);
    });

    // Regression (fixed): a bibliography that is a named pipe or a device is read with readFileSync: a FIFO blocks
    // forever and /dev/zero is read until memory runs out (std::bad_alloc under a 4 GB limit, after
    // 2 s). Any Markdown file in a repository can name one: "bibliography: /dev/zero" crashes the CLI
    // (and the language server, which reads bibliographies the same way). Input: c.md with front
    // matter "bibliography: refs.bib", refs.bib a FIFO. Expected: c.md linted within seconds (the
    // bibliography skipped or reported). Actual: killed after the 10 s timeout.
    it('does not wait on or exhaust memory for a bibliography that is a pipe or a device', function () {
      if (!fs.existsSync(DIST_CLI)) this.skip();
      const root = project({
        'c.md': '---\nbibliography: refs.bib\n---\n\nHer aunt had manic depression.\n',
        'z.md': '---\nbibliography: /dev/zero\n---\n\nThe chart said MPD.\n',
      });
      if (spawnSync('mkfifo', [path.join(root, 'refs.bib')]).status !== 0) this.skip();
      const fifo = psylintChild(root, ['-f', 'json', 'c.md'], { timeoutMs: 10_000 });
      assert.equal(fifo.timedOut, false, 'psylint hung on a bibliography that is a named pipe');
      assert.deepEqual(jsonFiles(fifo), ['c.md']);
      const zero = psylintChild(root, ['-f', 'json', 'z.md'], { timeoutMs: 10_000, memoryKb: 4_000_000 });
      assert.equal(zero.timedOut, false, 'psylint hung on /dev/zero');
      assert.equal(zero.signal, null, `psylint was killed: ${zero.stderr.slice(0, 200)}`);
      assert.deepEqual(jsonFiles(zero), ['z.md']);
    });
  });

  describe('glossary files', () => {
    it('reports malformed YAML at file, line and column', () => {
      const cases: [string, [number, number, string][]][] = [
        ['entries:\n\t- id: a\n', [[2, 1, 'YAML: Tabs are not allowed as indentation']]],
        [glossaryYaml(entryYaml('a', 'a')) + '   - id: x\n', [[7, 4, 'YAML: All sequence items must start at the same column']]],
        ['entries: []\nentries: []\n', [[2, 1, 'YAML: Map keys must be unique']]],
        [glossaryYaml(entryYaml('alpha', 'alpha', ['aliases: [*nope]'])), [[5, 15, 'YAML: alias *nope refers to no anchor defined before it']]],
      ];
      for (const [text, expected] of cases) {
        const parsed = parseGlossaryText('bad.yaml', text);
        assert.equal(parsed.file, undefined);
        assert.deepEqual(
          parsed.problems.map((p) => [p.line, p.column, p.message]),
          expected,
          text,
        );
        assert.ok(parsed.problems.every((p) => p.file === 'bad.yaml'));
      }
    });

    it('reports schema violations at the offending node', () => {
      const cases: [string, [number, number, string][]][] = [
        ['entries: 5\n', [[1, 10, 'entries must be a list']]],
        ['', [[1, 1, "the file: missing 'entries'"]]],
        [glossaryYaml(entryYaml('alpha', 'alpha', ['aliases: 7'])), [[5, 14, 'entries.0.aliases must be a list']]],
        [glossaryYaml(entryYaml('alpha', 'alpha', ['category: !!js/function "function () { globalThis.PWNED = 1 }"'])), [[5, 29, 'entries.0.category: this value is not allowed; use ' + CATEGORIES]]],
        [glossaryYaml(entryYaml('alpha', 'alpha', ['__proto__: {polluted: true}'])), [[5, 5, 'entries.0: unknown field ' + "'__proto__'; known: " + ENTRY_FIELDS]]],
      ];
      for (const [text, expected] of cases) {
        const parsed = parseGlossaryText('g.yaml', text);
        assert.equal(parsed.file, undefined);
        assert.deepEqual(
          parsed.problems.map((p) => [p.line, p.column, p.message]),
          expected,
          text,
        );
      }
      assert.equal((globalThis as { PWNED?: unknown }).PWNED, undefined);
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    });

    it('rejects a file with a duplicate id at the second entry, and keeps other files serving', () => {
      const dup = glossaryYaml(entryYaml('alpha', 'alpha'), entryYaml('beta', 'beta'), entryYaml('alpha', 'alpha again'));
      const good = glossaryYaml(entryYaml('gamma', 'gamma term'));
      const build = buildGlossary([
        { file: 'dup.yaml', text: dup },
        { file: 'good.yaml', text: good },
      ]);
      assert.deepEqual(positions(build.problems), [['dup.yaml', 12, 5, "duplicate id 'alpha' in this file"]]);
      assert.deepEqual(build.rejected, ['dup.yaml']);
      assert.deepEqual([...build.glossary.entries.keys()], ['gamma']);
    });

    it('reports unknown references, self-references and kind_of cycles at the entry, keeps the file, and lints without hanging', () => {
      const text = glossaryYaml(
        entryYaml('alpha', 'alpha therapy', ['kind_of: [nope, alpha]', 'see_also: [gone]', 'distinct_from: [{id: missing, why: "Because they differ a lot."}]']),
        entryYaml('beta', 'beta therapy', ['kind_of: [gamma]']),
        entryYaml('gamma', 'gamma therapy', ['kind_of: [delta]']),
        entryYaml('delta', 'delta therapy', ['kind_of: [beta]', 'not_a_kind_of: [{id: gamma, why: "It is not a kind of gamma at all."}]']),
      );
      const build = buildGlossary([{ file: 'refs.yaml', text }]);
      assert.deepEqual(positions(build.problems), [
        ['refs.yaml', 2, 5, "entry 'alpha': kind_of refers to unknown id 'nope'"],
        ['refs.yaml', 2, 5, "entry 'alpha': kind_of refers to the entry itself"],
        ['refs.yaml', 2, 5, "entry 'alpha': distinct_from refers to unknown id 'missing'"],
        ['refs.yaml', 2, 5, "entry 'alpha': see_also refers to unknown id 'gone'"],
        ['refs.yaml', 2, 5, "entry 'alpha': cycle in kind_of: alpha → alpha"],
        ['refs.yaml', 10, 5, "entry 'beta': cycle in kind_of: beta → gamma → delta → beta"],
      ]);
      assert.deepEqual(build.rejected, []);
      assert.equal(build.glossary.entries.size, 4);
      // Classification frames walk kind_of: a cycle must not make them loop.
      const doc = 'Delta therapy is a form of gamma therapy. Types of beta therapy include delta therapy and alpha therapy.\n\n- delta therapy\n- gamma therapy\n';
      const { value, ms } = bounded(() => lint(doc, { glossary: build.glossary }));
      assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
      assert.ok(Array.isArray(value.findings));
    });

    it('refuses a file over MAX_GLOSSARY_BYTES at 1:1 without parsing it', () => {
      const text = glossaryYaml(entryYaml('alpha', 'alpha')) + '#' + 'x'.repeat(MAX_GLOSSARY_BYTES);
      const { value, ms } = bounded(() => parseGlossaryText('huge.yaml', text));
      assert.ok(ms < 1000, `took ${Math.round(ms)} ms`);
      assert.equal(value.file, undefined);
      assert.deepEqual(positions(value.problems), [['huge.yaml', 1, 1, `glossary file is larger than ${MAX_GLOSSARY_BYTES} bytes; not loaded`]]);
    });

    // Regression (fixed): the size check compares MAX_GLOSSARY_BYTES with text.length, which counts UTF-16 code
    // units, not bytes: a file of non-ASCII text can be nearly three times the limit in bytes and is
    // still parsed. Input: "entries: []\n#" + "é".repeat(MAX_GLOSSARY_BYTES / 2 + 10) (5.2 MB of UTF-8,
    // 2.6 M characters). Expected: "glossary file is larger than 5242880 bytes; not loaded". Actual:
    // parsed, no problem.
    it('measures MAX_GLOSSARY_BYTES in bytes', () => {
      const text = 'entries: []\n#' + 'é'.repeat(MAX_GLOSSARY_BYTES / 2 + 10);
      assert.ok(Buffer.byteLength(text) > MAX_GLOSSARY_BYTES);
      const parsed = parseGlossaryText('wide.yaml', text);
      assert.deepEqual(positions(parsed.problems), [['wide.yaml', 1, 1, `glossary file is larger than ${MAX_GLOSSARY_BYTES} bytes; not loaded`]]);
    });

    it('refuses a 64 MB glossary file on disk quickly and keeps the others serving', () => {
      const root = tempDir();
      writeFiles(root, { 'good.yaml': glossaryYaml(entryYaml('gamma', 'gamma term')) });
      const huge = path.join(root, 'huge.yaml');
      fs.writeFileSync(huge, 'entries: []\n');
      fs.truncateSync(huge, 64 * 1024 * 1024); // sparse: NUL bytes after the first line
      const { value, ms } = bounded(() => new GlossaryStore().build([huge, path.join(root, 'good.yaml')]));
      assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
      assert.deepEqual(
        value.problems.map((p) => [path.basename(p.file), p.line, p.column]),
        [['huge.yaml', 1, 1]],
      );
      assert.deepEqual([...value.glossary.entries.keys()], ['gamma']);
    });

    it('survives YAML bombs (billion laughs, doubling aliases) without blowing up time or memory', () => {
      const bombs = [
        ['billion laughs', billionLaughs() + 'entries: []\n'],
        ['doubling aliases', doublingBomb() + 'entries: []\n'],
        ['bomb inside an entry', billionLaughs('x') + glossaryYaml(entryYaml('alpha', 'alpha', ['aliases: *a9']))],
      ];
      for (const [name, text] of bombs) {
        const { value, ms, heapMb } = bounded(() => parseGlossaryText('bomb.yaml', text));
        assert.ok(ms < 2000, `${name}: took ${Math.round(ms)} ms`);
        assert.ok(heapMb < 100, `${name}: heap grew by ${Math.round(heapMb)} MB`);
        assert.equal(value.file, undefined, name);
        assert.ok(value.problems.length > 0, name);
        assert.ok(value.problems.some((p) => /alias|resource exhaustion/i.test(p.message)), `${name}: ${JSON.stringify(value.problems)}`);
        assertInside(text, value.problems);
      }
    });

    it('keeps the last good version of a file serving while its new version is broken', () => {
      const lastGood = new Map<string, GlossaryFile>();
      const v1 = glossaryYaml(entryYaml('alpha-thing', 'alpha thing', ['replaced_by: [{term: omega thing}]']));
      const broken = v1.replace('    term:', '      term:');
      const v3 = glossaryYaml(entryYaml('beta-thing', 'beta thing', ['replaced_by: [{term: omega thing}]']));
      const other = glossaryYaml(entryYaml('gamma-thing', 'gamma thing'));
      const build = (text: string) => buildGlossary([{ file: 'mine.yaml', text }, { file: 'other.yaml', text: other }], lastGood);
      const outdated = (b: ReturnType<typeof build>, doc: string) =>
        covered(doc, lint(doc, { glossary: b.glossary }).findings.filter((f) => f.ruleId === 'term/outdated'));

      const first = build(v1);
      assert.deepEqual(first.problems, []);
      const second = build(broken);
      assert.deepEqual(second.rejected, ['mine.yaml']);
      assert.ok(second.problems.length > 0 && second.problems.every((p) => p.file === 'mine.yaml'));
      assertInside(broken, second.problems);
      assert.deepEqual([...second.glossary.entries.keys()].sort(), ['alpha-thing', 'gamma-thing']);
      assert.deepEqual(outdated(second, 'We saw alpha thing.'), ['alpha thing']);
      const third = build(v3);
      assert.deepEqual(third.problems, []);
      assert.deepEqual([...third.glossary.entries.keys()].sort(), ['beta-thing', 'gamma-thing']);
      assert.deepEqual(outdated(third, 'We saw alpha thing and beta thing.'), ['beta thing']);
      // Broken again: the last good version is now v3.
      assert.deepEqual([...build('entries: [').glossary.entries.keys()].sort(), ['beta-thing', 'gamma-thing']);
    });

    /** Valid glossary YAML, mutated: YAML syntax, tags, anchors, aliases, control characters and random text inserted or cut. */
    const mutatedYaml = (() => {
      const base = glossaryYaml(
        entryYaml('alpha', 'alpha therapy', ['aliases: [AT, "alpha-therapy"]', 'kind_of: [beta]', 'distinct_from: [{id: beta, why: "They are different things."}]']),
        entryYaml('beta', 'beta therapy', ['replaced_by: [{term: gamma therapy}]', 'misdefinition_cues: [{concept: alpha, cues: [a cue], why: "A reason long enough."}]']),
      );
      const snippet = fc.constantFrom(':', ': ', '- ', '  ', '\t', '\n', '&a ', '*a', '*b ', '!!js/function ', '!!binary ', '!tag ', '{', '}', '[', ']', '"', "'", '#', '|', '>-', '---\n', '...\n', '%YAML 1.1\n', '<<: *a\n', '? ', '\ufeff', '\r', '\u0000', '😀', 'é', '\\', 'x'.repeat(40));
      const mutation = fc.oneof(
        fc.record({ at: fc.nat(), remove: fc.nat({ max: 20 }), insert: snippet }),
        fc.record({ at: fc.nat(), remove: fc.constant(0), insert: fc.string({ unit: 'binary', maxLength: 6 }) }),
      );
      return fc.array(mutation, { minLength: 1, maxLength: 8 }).map((mutations) => {
        let text = base;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
        }
        return text;
      });
    })();

    it('never throws on mutated glossary or configuration YAML, and a rejected file always says why', () => {
      // yaml warns on process for odd keys ("Keys with collection values will be stringified"): keep the test output clean.
      const restore = stub(process, 'emitWarning', () => undefined);
      try {
        fc.assert(
          fc.property(mutatedYaml, (text) => {
            const parsed = parseGlossaryText('fuzz.yaml', text);
            assert.ok(parsed.file !== undefined || parsed.problems.length > 0, 'a rejected file must say why');
            assert.ok(parsed.problems.every((p) => p.file === 'fuzz.yaml' && p.line >= 1 && p.column >= 1 && p.message.length > 0));
            const config = parseConfig('/p/.psylint.yaml', text);
            assert.ok(config.problems.every((p) => p.line >= 1 && p.column >= 1 && p.message.length > 0));
            buildGlossary([{ file: 'fuzz.yaml', text }]);
          }),
          { numRuns: RUNS },
        );
      } finally {
        restore();
      }
    });

    // Positions come from the text, not from yaml's LineCounter, which misses the line breaks inside a
    // plain scalar the parser rejects ("} stray words\nthat continue"). Found by the property below.
    it('reports YAML syntax errors at the line and column where they are', () => {
      const text = 'entries: []\n} stray words\nthat continue\ndomain: x\n';
      const colon = parseGlossaryText('g.yaml', text).problems.find((p) => p.message.includes('":"'));
      assert.deepEqual([colon?.line, colon?.column], [4, 7]);
      const config = parseConfig('/p/.psylint.yaml', text).problems.find((p) => p.message.includes('":"'));
      assert.deepEqual([config?.line, config?.column], [4, 7]);
    });

    it('points every problem of mutated glossary or configuration YAML inside the file', () => {
      const restore = stub(process, 'emitWarning', () => undefined);
      try {
        fc.assert(
          fc.property(mutatedYaml, (text) => {
            assertInside(text, parseGlossaryText('fuzz.yaml', text).problems);
            assertInside(text, parseConfig('/p/.psylint.yaml', text).problems);
          }),
          { numRuns: RUNS },
        );
      } finally {
        restore();
      }
    });
  });

  describe('configuration files', () => {
    it('reports a YAML bomb in .psylint.yaml quickly, and still lints with the defaults', async () => {
      const root = project({ 'a.md': 'Her aunt had manic depression.\n' }, billionLaughs() + CONFIG);
      const start = process.hrtime.bigint();
      const run = await psylint(root, '-f', 'json');
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
      assert.match(run.stderr, /^psylint: \.psylint\.yaml:\d+:\d+: error: YAML: Excessive alias count indicates a resource exhaustion attack\n$/);
      assert.deepEqual(jsonFiles(run), ['a.md']);
      assert.equal(run.code, 2);
      const { value, heapMb } = bounded(() => parseConfig('/p/.psylint.yaml', doublingBomb()));
      assert.ok(value.problems.length > 0 && heapMb < 100);
    });

    it('lints a draft whose front matter is a YAML bomb', async () => {
      const text = '---\n' + billionLaughs() + 'bibliography: *a9\n---\n\nHer aunt had manic depression.\n';
      const root = project({ 'a.md': text });
      const start = process.hrtime.bigint();
      const run = await psylint(root, '-f', 'json');
      assert.ok(Number(process.hrtime.bigint() - start) / 1e6 < 10_000);
      assert.deepEqual(jsonFiles(run), ['a.md']);
      assert.equal(loadBibliography(text, path.join(root, 'a.md')), undefined);
    });
  });

  describe('security: nothing from the workspace is executed', () => {
    /** Records any attempt to run a process or load a module from the project while fn runs. */
    async function watching(root: string, fn: () => Promise<void>): Promise<string[]> {
      const attempts: string[] = [];
      const restores: (() => void)[] = [];
      for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
        restores.push(
          stub(childProcess, name, (...args: unknown[]) => {
            attempts.push(`child_process.${name}(${String(args[0])})`);
            throw new Error(`child_process.${name} called`);
          }),
        );
      }
      const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
      const load = loader._load;
      restores.push(
        stub(loader, '_load', function (this: unknown, request: string, ...rest: unknown[]) {
          if (path.isAbsolute(request) ? request.startsWith(root) : /^\.\.?\//.test(request) && String((rest[0] as { filename?: string } | undefined)?.filename ?? '').startsWith(root)) {
            attempts.push(`require(${request})`);
          }
          return load.call(this, request, ...rest);
        }),
      );
      try {
        await fn();
      } finally {
        for (const restore of restores.reverse()) restore();
      }
      return attempts;
    }

    const EVIL = (marker: string) => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'executed'); module.exports = {};\n`;

    it('rejects plugins, require and !!js/function in .psylint.yaml and never evaluates them', async () => {
      const root = tempDir();
      const marker = path.join(root, 'EXECUTED');
      const fn = `!!js/function "function () { require('fs').writeFileSync(${JSON.stringify(marker).replace(/"/g, '\\"')}, 'x') }"`;
      writeFiles(root, {
        '.psylint.yaml': [`plugins: [./evil.js]`, `require: ./evil.js`, `rules: ${fn}`, ''].join('\n'),
        'evil.js': EVIL(marker),
        'a.md': 'Her aunt had manic depression.\n',
      });
      let run: Run | undefined;
      const attempts = await watching(root, async () => {
        run = await psylint(root, '-f', 'json');
      });
      assert.deepEqual(attempts, []);
      assert.equal(fs.existsSync(marker), false, 'workspace code ran');
      assert.equal(
        run!.stderr,
        [
          "psylint: .psylint.yaml:1:1: error: unknown setting 'plugins'; known: rules, glossaries, ignore, maxFileSize, accept, dialect",
          "psylint: .psylint.yaml:2:1: error: unknown setting 'require'; known: rules, glossaries, ignore, maxFileSize, accept, dialect",
          'psylint: .psylint.yaml:3:22: error: rules must be a mapping (key: value lines)',
          '',
        ].join('\n'),
      );
      // The broken configuration is not used: defaults apply, and the draft is still linted.
      assert.deepEqual(jsonFiles(run!), ['a.md']);
      assert.equal(run!.code, 2);
    });

    it('treats other executable YAML tags and a glossary that is JavaScript as inert data', async () => {
      const root = tempDir();
      const marker = path.join(root, 'EXECUTED');
      writeFiles(root, {
        '.psylint.yaml': [
          'rules:',
          `  term/outdated: !!js/function "function () { return 'error' }"`,
          `ignore: !!python/object/apply:os.system ["touch ${marker}"]`,
          'glossaries: [evil.js]',
          '',
        ].join('\n'),
        'evil.js': EVIL(marker),
        'a.md': 'Her aunt had manic depression.\n',
      });
      let run: Run | undefined;
      const attempts = await watching(root, async () => {
        run = await psylint(root, '-f', 'json');
      });
      assert.deepEqual(attempts, []);
      assert.equal(fs.existsSync(marker), false, 'workspace code ran');
      assert.match(run!.stderr, /^psylint: \.psylint\.yaml:2:\d+: error: rules\.term\/outdated: this value is not allowed; use error, warning, information, hint, off\n/);
      assert.equal(run!.code, 2);
      // A configuration that only names evil.js as a glossary: read as YAML data and reported, never required.
      writeFiles(root, { '.psylint.yaml': 'glossaries: [evil.js]\n' });
      const attempts2 = await watching(root, async () => {
        run = await psylint(root, '-f', 'json');
      });
      assert.deepEqual(attempts2, []);
      assert.equal(fs.existsSync(marker), false, 'workspace code ran');
      assert.match(run!.stderr, /^psylint: evil\.js:\d+:\d+: /m);
      assert.equal(run!.code, 2);
    });

    it('does not let __proto__ keys in configuration or glossaries pollute Object.prototype', () => {
      const config = parseConfig('/p/.psylint.yaml', 'rules:\n  __proto__: {polluted: true}\nignore: []\n');
      assert.ok(config.problems.length > 0);
      assert.equal(Object.getPrototypeOf(config.config.rules), Object.prototype);
      parseGlossaryText('g.yaml', '__proto__: {polluted: true}\nentries: []\n');
      parseGlossaryText('g.yaml', glossaryYaml(entryYaml('alpha', 'alpha', ['examples: {__proto__: {polluted: true}}'])));
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    });
  });

  describe('security: no network', () => {
    /** Make every way to reach the network throw, and record the attempts. */
    function trapNetwork(): { attempts: string[]; restore: () => void } {
      const attempts: string[] = [];
      const restores: (() => void)[] = [];
      const trap = (target: object, key: string, label: string) => {
        if (!(key in target)) return;
        restores.push(
          stub(target, key, () => {
            attempts.push(label);
            throw new Error(`network access: ${label}`);
          }),
        );
      };
      trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
      trap(net, 'connect', 'net.connect');
      trap(net, 'createConnection', 'net.createConnection');
      trap(tls, 'connect', 'tls.connect');
      for (const [mod, name] of [
        [http, 'http'],
        [https, 'https'],
      ] as const) {
        trap(mod, 'request', `${name}.request`);
        trap(mod, 'get', `${name}.get`);
      }
      trap(http2, 'connect', 'http2.connect');
      trap(dgram, 'createSocket', 'dgram.createSocket');
      for (const key of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
        trap(dns, key, `dns.${key}`);
        trap(dns.promises, key, `dns.promises.${key}`);
      }
      trap(globalThis, 'fetch', 'fetch');
      return { attempts, restore: () => restores.reverse().forEach((r) => r()) };
    }

    it('lints the examples through the CLI and the engine without any network request', async () => {
      const examples = path.join(REPO, 'examples');
      const files = fs.readdirSync(examples).filter((f) => /\.(md|qmd|rmd)$/i.test(f));
      assert.ok(files.length >= 3, 'the examples are there');
      const { attempts, restore } = trapNetwork();
      let run: Run;
      try {
        // The traps work: a connection attempt is caught and recorded.
        assert.throws(() => new net.Socket().connect(9, '127.0.0.1'), /network access/);
        assert.deepEqual(attempts.splice(0), ['net.Socket#connect']);
        run = await psylint(REPO, '-f', 'json', '--summary', 'examples');
        const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
        for (const file of files) {
          const full = path.join(examples, file);
          const text = fs.readFileSync(full, 'utf8');
          lint(text, { glossary, language: file, bibliography: loadBibliography(text, full) });
        }
      } finally {
        restore();
      }
      assert.deepEqual(attempts, []);
      assert.ok([0, 1].includes(run.code), run.stderr);
      assert.ok((JSON.parse(run.stdout) as unknown[]).length > 0);
    });
  });
});
