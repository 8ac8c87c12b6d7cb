// CI integrations: the GitHub Action's step (action.yml) run as GitHub runs
// it, and the pre-commit hook (.pre-commit-hooks.yaml) run by Debian's
// `pre-commit try-repo` on a sample repository. Both use the built CLI.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const RETIRED = 'Her uncle was treated for manic depression in the 2010s.\n';
const CLEAN = 'Her uncle was treated for bipolar disorder in the 2010s.\n';
/** A term in code only: never a finding. */
const CODE_ONLY = '```python\nlabel = "manic depression"\n```\n';

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-ci-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface Step {
  name: string;
  shell: string;
  run: string;
  env: Record<string, string>;
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60000);
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: Step[] };
  };
  const step = action.runs.steps.find((s) => s.name === 'Psylint')!;

  /** Runs the step as the runner does: its env with ${{ inputs.* }} filled in, its run in bash, in the workspace. */
  function runStep(dir: string, inputs: Record<string, string> = {}) {
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') };
    for (const [name, value] of Object.entries(step.env)) {
      env[name] = value.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? '');
    }
    const result = spawnSync('bash', ['-c', step.run], { cwd: dir, env, encoding: 'utf8' });
    const summary = fs.existsSync(env.GITHUB_STEP_SUMMARY!) ? fs.readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8') : '';
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, summary };
  }

  it('is a composite action whose step runs the CLI with --format github', () => {
    assert.equal(action.runs.using, 'composite');
    assert.equal(step.shell, 'bash');
    assert.match(fs.readFileSync(path.join(ROOT, 'scripts', 'github-action.sh'), 'utf8'), /--format github/);
  });

  it('annotates findings with ::warning lines naming file, line and rule, and fails the step', () => {
    const dir = workspace({ 'docs/retired.md': RETIRED, 'docs/code.qmd': CODE_ONLY, 'docs/clean.Rmd': CLEAN });
    const { status, stdout, summary } = runStep(dir, { paths: 'docs' });
    assert.equal(status, 1);
    const lines = stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.deepEqual(lines, [
      '::warning file=docs/retired.md,line=1,col=27,endLine=1,endColumn=43,title=term/outdated::“manic depression” is a retired diagnostic term; write “bipolar disorder”.',
    ]);
    assert.equal(summary, 'Psylint: 1 finding(s) in docs\n');
  });

  it('passes on clean drafts, takes several paths, and honours fail-on-findings and max-severity', () => {
    const dir = workspace({ 'a.md': CLEAN, 'b/c.qmd': CLEAN, 'd.md': RETIRED });
    assert.equal(runStep(dir, { paths: 'a.md\nb' }).status, 0);
    const soft = runStep(dir, { paths: 'a.md d.md', 'fail-on-findings': 'false' });
    assert.equal(soft.status, 0);
    assert.match(soft.stdout, /^::warning file=d\.md,line=1,/m);
    assert.equal(runStep(dir, { paths: 'd.md', 'max-severity': 'error' }).status, 0);
  });

  it('fails with the CLI message on a path that does not exist', () => {
    const dir = workspace({ 'a.md': CLEAN });
    const { status, stderr } = runStep(dir, { paths: 'missing.md' });
    assert.equal(status, 2);
    assert.match(stderr, /missing\.md/);
  });
});

describe('pre-commit hook (.pre-commit-hooks.yaml, pre-commit try-repo)', function () {
  this.timeout(120000);

  it('declares the psylint hook for Markdown, Quarto and R Markdown files', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[];
    const hook = hooks.find((h) => h.id === 'psylint')!;
    assert.equal(hook.entry, 'psylint');
    const files = new RegExp(hook.files);
    for (const f of ['a.md', 'talk.qmd', 'report.Rmd', 'x.rmd', 'page.mdx', 'analysis.ipynb']) assert.ok(files.test(f), f);
    for (const f of ['a.py', 'notes.txt', 'md']) assert.ok(!files.test(f), f);
  });

  it('fails a commit with a finding and passes once it is fixed', function () {
    if (spawnSync('pre-commit', ['--version']).status !== 0) {
      console.log('      (skipped: `pre-commit` is not on PATH; install the Debian package pre-commit to run this test)');
      this.skip();
    }
    if (spawnSync('git', ['-C', ROOT, 'rev-parse', '--git-dir']).status !== 0) {
      console.log('      (skipped: the project is not a git checkout, which pre-commit try-repo needs)');
      this.skip();
    }
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-precommit-'));
    const repo = path.join(home, 'sample');
    const shim = path.join(home, 'bin');
    fs.mkdirSync(shim);
    // `psylint` on PATH, as after `npm install --global psylint-<version>.tgz`.
    fs.symlinkSync(path.join(ROOT, 'bin', 'psylint.js'), path.join(shim, 'psylint'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      PATH: [shim, path.dirname(process.execPath), process.env.PATH].join(path.delimiter),
      PRE_COMMIT_HOME: path.join(home, 'pre-commit-cache'),
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.org',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.org',
    };
    const git = (...args: string[]) => assert.equal(spawnSync('git', args, { cwd: repo, env }).status, 0, `git ${args.join(' ')}`);
    fs.mkdirSync(repo);
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'draft.md'), RETIRED);
    fs.writeFileSync(path.join(repo, 'talk.qmd'), CODE_ONLY);
    fs.writeFileSync(path.join(repo, 'script.py'), `print("${RETIRED.trim()}")\n`);
    git('add', '.');

    const tryRepo = () => spawnSync('pre-commit', ['try-repo', ROOT, 'psylint', '--all-files'], { cwd: repo, env, encoding: 'utf8', timeout: 100000 });
    const failed = tryRepo();
    assert.equal(failed.status, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /psylint\.+Failed/);
    assert.match(failed.stdout, /draft\.md\n\s+1:27\s+warning\s+.*term\/outdated/);
    assert.doesNotMatch(failed.stdout, /script\.py|talk\.qmd/);

    fs.writeFileSync(path.join(repo, 'draft.md'), CLEAN);
    git('add', '.');
    const passed = tryRepo();
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /psylint\.+Passed/);
    fs.rmSync(home, { recursive: true, force: true });
  });
});
