// Workspace scale in the CLI: --jobs (worker threads), the progress line,
// --cache and --shard. Workers run dist/cliWorker.js: npm run build first.

import type { JsonFinding } from '../../server/src/format';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { engineKey, LintCache } from '../../server/src/cli/cache';
import { autoJobs, CHARS_PER_THREAD } from '../../server/src/cli/pool';
import { parseShard, shardOf } from '../../server/src/cli/shard';
import { Collector, entryYaml, glossaryYaml, only, psylint, removeTempDirs, tempDir, writeFiles } from './helpers';

const CONFIG = `rules: ${JSON.stringify(only('term/outdated'))}\n`;

/** Seven drafts, some with findings, one unreadable as a draft (binary). */
function workspace(): string {
  const root = tempDir();
  writeFiles(root, {
    '.psylint.yaml': CONFIG,
    'a.md': 'Her aunt had manic depression.\n',
    'b.md': 'Nothing retired here.\n',
    'c.md': 'Then MPD. Manic depression second.\n',
    'sub/d.md': 'Hypochondriasis here.\n',
    'sub/e.qmd': '# Title\n\nThe clinic treated manic depression and MPD.\n',
    'f.md': 'Clean text.\n',
    'g.md': new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41]),
  });
  return root;
}

const files = (stdout: string) => (JSON.parse(stdout) as JsonFinding[]).map((f) => `${f.file}:${f.start}`);

describe('CLI at workspace scale', function () {
  this.timeout(60000);
  after(removeTempDirs);

  describe('--jobs', () => {
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      it(`prints the same bytes and exit code on one thread and on three (${format})`, async () => {
        const root = workspace();
        const one = await psylint(root, '-f', format, '--jobs', '1');
        const three = await psylint(root, '-f', format, '--jobs', '3');
        assert.equal(one.code, 2, one.stderr); // g.md cannot be decoded
        assert.deepEqual(three, one);
        assert.match(one.stdout, /manic depression|bipolar/i);
      });
    }

    it('prints files in path order when the first file finishes last', async () => {
      const root = workspace();
      // a.md takes far longer than the others, so on two threads it comes back last.
      writeFiles(root, { 'a.md': 'Her aunt had manic depression, said the clinic in its report.\n\n'.repeat(1500) });
      const one = await psylint(root, '-f', 'json', '--jobs', '1');
      const two = await psylint(root, '-f', 'json', '--jobs', '2');
      assert.equal(two.stdout, one.stdout);
      assert.equal(two.stderr, one.stderr);
      assert.equal(files(two.stdout)[0], 'a.md:13');
    });

    it('without --jobs, takes one thread per CHARS_PER_THREAD characters of drafts, at least one, at most one per core', () => {
      assert.equal(autoJobs(0, 8), 1);
      assert.equal(autoJobs(CHARS_PER_THREAD - 1, 8), 1);
      assert.equal(autoJobs(2 * CHARS_PER_THREAD, 8), 2);
      assert.equal(autoJobs(100 * CHARS_PER_THREAD, 8), 8);
      assert.equal(autoJobs(100 * CHARS_PER_THREAD, 1), 1);
    });

    it('without --jobs, lints small drafts without starting a worker, and prints what --jobs 2 prints', async () => {
      const root = workspace();
      const auto = await psylint(root, '-f', 'json');
      assert.deepEqual(auto, await psylint(root, '-f', 'json', '--jobs', '2'));
      // The tests' crash hook kills a worker on this file: with no worker started, it is linted like any other.
      process.env.PSYLINT_TEST_CRASH_ON = 'a.md';
      try {
        assert.deepEqual(await psylint(root, '-f', 'json'), auto);
      } finally {
        delete process.env.PSYLINT_TEST_CRASH_ON;
      }
    });

    it('rejects a number of jobs that is not a whole number of at least 1', async () => {
      const root = workspace();
      for (const jobs of ['0', 'x', '1.5']) {
        const run = await psylint(root, '--jobs', jobs);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /--jobs must be a whole number/);
      }
    });

    it('reports a file whose worker crashed as an error and lints the others', async () => {
      const root = workspace();
      process.env.PSYLINT_TEST_CRASH_ON = 'c.md';
      let run;
      try {
        run = await psylint(root, '-f', 'json', '--jobs', '2', 'a.md', 'c.md', 'sub');
      } finally {
        delete process.env.PSYLINT_TEST_CRASH_ON;
      }
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^psylint: c\.md: internal error: worker stopped with exit code 70$/m);
      assert.deepEqual(files(run.stdout), ['a.md:13', 'sub/d.md:0', 'sub/e.qmd:28', 'sub/e.qmd:49']);
    });
  });

  describe('progress line', () => {
    async function withTty(env: string | undefined): Promise<string> {
      const root = workspace();
      const stdout = new Collector();
      const stderr = Object.assign(new Collector(), { isTTY: true });
      const saved = process.env.CI;
      if (env === undefined) delete process.env.CI;
      else process.env.CI = env;
      try {
        await main(['--jobs', '2', 'a.md', 'b.md', 'c.md'], { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr, cwd: root });
      } finally {
        if (saved === undefined) delete process.env.CI;
        else process.env.CI = saved;
      }
      return stderr.text;
    }

    it('counts files on a terminal, in place, and clears itself', async () => {
      const text = await withTty(undefined);
      assert.ok(text.includes('\r\x1b[Kpsylint: 3/3 files'), JSON.stringify(text));
      assert.ok(text.endsWith('\r\x1b[K'));
      assert.ok(!text.includes('\n'));
    });

    it('is silent in CI', async () => {
      assert.equal(await withTty('true'), '');
    });
  });

  describe('--cache', () => {
    const cacheOf = (root: string) => path.join(root, '.psylintcache');
    /** Marks every cached finding, so output shows whether the cache answered. */
    function tamper(root: string): void {
      const data = JSON.parse(fs.readFileSync(cacheOf(root), 'utf8')) as { entries: Record<string, { findings: { message: string }[] }> };
      for (const entry of Object.values(data.entries)) for (const f of entry.findings) f.message = 'FROM CACHE';
      fs.writeFileSync(cacheOf(root), JSON.stringify(data));
    }

    it('answers an unchanged file from the cache, with the same output as a full run', async () => {
      const root = workspace();
      const cold = await psylint(root, '-f', 'json', '--cache');
      assert.ok(fs.existsSync(cacheOf(root)));
      const warm = await psylint(root, '-f', 'json', '--cache');
      assert.deepEqual(warm, cold);
      tamper(root);
      const tampered = await psylint(root, '-f', 'json', '--cache', 'a.md');
      assert.deepEqual((JSON.parse(tampered.stdout) as JsonFinding[]).map((f) => f.message), ['FROM CACHE']);
    });

    it('lints again a changed file, and every file after a change to the configuration or the glossary', async () => {
      const root = workspace();
      await psylint(root, '--cache');
      tamper(root);
      fs.appendFileSync(path.join(root, 'a.md'), '\nMore text.\n');
      let run = await psylint(root, '-f', 'json', '--cache', 'a.md', 'c.md');
      const messages = (JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.file}:${f.message === 'FROM CACHE'}`);
      assert.deepEqual(messages, ['a.md:false', 'c.md:true', 'c.md:true']);

      tamper(root);
      writeFiles(root, { '.psylint/glossary.yaml': glossaryYaml(entryYaml('test-term', 'zorblax')) });
      run = await psylint(root, '-f', 'json', '--cache', 'c.md');
      assert.ok(!run.stdout.includes('FROM CACHE'), 'a glossary change must miss');

      tamper(root);
      writeFiles(root, { '.psylint.yaml': `rules: ${JSON.stringify({ ...only('term/outdated'), 'term/outdated': 'error' })}\n` });
      run = await psylint(root, '-f', 'json', '--cache', 'c.md');
      assert.ok(!run.stdout.includes('FROM CACHE'), 'a configuration change must miss');
      assert.deepEqual((JSON.parse(run.stdout) as JsonFinding[]).map((f) => f.severity), ['error', 'error']);
    });

    it('lints again a file whose bibliography changed', async () => {
      const root = tempDir();
      writeFiles(root, {
        '.psylint.yaml': CONFIG,
        'refs.bib': '@article{smith2020, title={A}, author={Smith}, year={2020}}\n',
        'a.md': '---\nbibliography: refs.bib\n---\n\nHer aunt had manic depression [@smith2020].\n',
      });
      await psylint(root, '--cache');
      tamper(root);
      fs.appendFileSync(path.join(root, 'refs.bib'), '@article{jones2021, title={B}, author={Jones}, year={2021}}\n');
      const run = await psylint(root, '-f', 'json', '--cache');
      assert.ok(!run.stdout.includes('FROM CACHE'));
    });

    it('ignores a corrupt cache file with a warning, and rewrites it', async () => {
      const root = workspace();
      const expected = await psylint(root, '-f', 'json');
      fs.writeFileSync(cacheOf(root), '{"format": 1, "entries": [tr');
      const run = await psylint(root, '-f', 'json', '--cache');
      assert.equal(run.code, expected.code);
      assert.equal(run.stdout, expected.stdout);
      assert.match(run.stderr, /^psylint: warning: ignoring the cache file .*\.psylintcache \(.*\); it will be rewritten$/m);
      assert.doesNotThrow(() => JSON.parse(fs.readFileSync(cacheOf(root), 'utf8')));
    });

    it('writes to --cache-location, a file or a directory', async () => {
      const root = workspace();
      await psylint(root, '--cache', '--cache-location', 'tmp/cachedir/', 'a.md');
      assert.ok(fs.existsSync(path.join(root, 'tmp/cachedir/.psylintcache')));
      await psylint(root, '--cache', '--cache-location', 'my.cache', 'a.md');
      assert.ok(fs.existsSync(path.join(root, 'my.cache')));
      assert.ok(!fs.existsSync(cacheOf(root)));
    });

    it('misses when the engine was rebuilt, even with the same version', () => {
      const root = tempDir();
      writeFiles(root, { 'engine.js': 'one build', 'worker.js': 'worker', 'a.md': 'text' });
      const built = engineKey('0.1.0', [path.join(root, 'engine.js'), path.join(root, 'worker.js')]);
      assert.equal(engineKey('0.1.0', [path.join(root, 'engine.js'), path.join(root, 'worker.js')]), built);
      writeFiles(root, { 'engine.js': 'another build' });
      const rebuilt = engineKey('0.1.0', [path.join(root, 'engine.js'), path.join(root, 'worker.js')]);
      assert.notEqual(rebuilt, built);
      // An entry written by one build is not an answer for the other.
      const settings = { config: { rules: {} }, glossaryFiles: [] } as unknown as Parameters<LintCache['key']>[2];
      const draft = path.join(root, 'a.md');
      const before = new LintCache(path.join(root, 'cache'), built, assert.fail);
      before.set(draft, before.key(draft, 'text', settings), [], { total: 0, cited: 0, uncited: 0 });
      before.save();
      const sameBuild = new LintCache(path.join(root, 'cache'), built, assert.fail);
      assert.ok(sameBuild.get(draft, sameBuild.key(draft, 'text', settings)));
      const after = new LintCache(path.join(root, 'cache'), rebuilt, assert.fail);
      assert.equal(after.get(draft, after.key(draft, 'text', settings)), undefined);
    });

    it('lints standard input every time and keeps no entry for it', async () => {
      const root = workspace();
      const stdin = async function* () {
        yield 'Her aunt had manic depression.\n';
      };
      const run = () => {
        const stdout = new Collector();
        const stderr = new Collector();
        return main(['-f', 'json', '--cache', '--stdin-filename', 'a.md', '-'], { stdout: stdout as unknown as typeof process.stdout, stderr: stderr as unknown as typeof process.stderr, cwd: root, stdin: stdin() }).then((code) => ({ code, stdout: stdout.text }));
      };
      const first = await run();
      assert.equal(first.code, 1);
      assert.deepEqual(files(first.stdout), ['a.md:13']);
      assert.ok(!fs.existsSync(cacheOf(root)), 'no cache file for standard input alone');
      await psylint(root, '-f', 'json', '--cache', 'a.md');
      tamper(root);
      assert.doesNotMatch((await run()).stdout, /FROM CACHE/);
    });

    it('does not reuse an entry that --fix would change', async () => {
      const root = workspace();
      await psylint(root, '--cache', 'a.md');
      const run = await psylint(root, '--cache', '--fix', 'a.md');
      assert.equal(run.code, 0);
      assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'Her aunt had bipolar disorder.\n');
      assert.equal((await psylint(root, '--cache', 'a.md')).code, 0);
    });
  });

  describe('--shard', () => {
    it('splits the files into disjoint shards whose JSON outputs add up to the whole', async () => {
      const root = workspace();
      const whole = await psylint(root, '-f', 'json', '--jobs', '1');
      const parts: string[][] = [];
      const seen: string[] = [];
      for (const i of [1, 2, 3]) {
        const run = await psylint(root, '-f', 'json', '--jobs', '1', '--shard', `${i}/3`);
        parts.push(files(run.stdout));
        seen.push(...(run.stderr.match(/g\.md/g) ?? []));
      }
      assert.deepEqual(parts.flat().sort(), files(whole.stdout).sort());
      assert.equal(seen.length, 1, 'the undecodable file belongs to exactly one shard');
      assert.ok(parts.every((p) => p.length < files(whole.stdout).length));
    });

    it('refuses standard input: every shard would report it', async () => {
      const run = await psylint(workspace(), '--shard', '1/2', '-');
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^psylint: --shard splits files; it cannot be used with standard input \(-\)/);
    });

    it('rejects a shard that is not i/n with 1 ≤ i ≤ n', async () => {
      const root = workspace();
      for (const shard of ['0/3', '4/3', 'x', '1/0', '1/']) {
        const run = await psylint(root, '--shard', shard);
        assert.equal(run.code, 2, shard);
        assert.match(run.stderr, new RegExp(`^psylint: --shard must be i/n with 1 ≤ i ≤ n, as in --shard 1/3 \\(got '${shard}'\\)`));
      }
    });

    it('deals sorted paths round-robin, keeping the original order', () => {
      assert.deepEqual(parseShard(' 2/5 '), { index: 2, count: 5 });
      const items = ['e', 'b', 'a', 'd', 'c'];
      assert.deepEqual(shardOf(items, (x) => x, { index: 1, count: 2 }), ['e', 'a', 'c']);
      assert.deepEqual(shardOf(items, (x) => x, { index: 2, count: 2 }), ['b', 'd']);
    });
  });
});
