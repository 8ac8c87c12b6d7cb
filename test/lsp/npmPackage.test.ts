// The npm package as a user gets it: `npm pack` (of the current build), the
// tarball installed offline into an empty project, then `npx psylint` and
// `npx psylint-ls` run there, with no clone in sight. Also: in a clone that
// has not been built, both commands say what to run instead of a stack trace.

import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { ROOT } from './harness';

/** What the tarball may hold: the bins, the two Node bundles and the data they read. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^bin\/(?:psylint|psylint-ls|built)\.js$/,
  // cliWorker.js: the CLI lints many files on worker threads.
  /^dist\/(?:cli|cliWorker|server)\.js$/,
  /^dist\/glossary\.json$/,
  /^glossary\/[^/]+\.yaml$/,
  /^glossary\/schema\.json$/,
  /^schemas\/config\.schema\.json$/,
];
const REQUIRED = ['package.json', 'bin/psylint.js', 'bin/psylint-ls.js', 'bin/built.js', 'dist/cli.js', 'dist/server.js', 'dist/glossary.json', 'glossary/schema.json'];

const DRAFT = 'Her uncle was treated for manic depression in the 2010s.\n';

/** The environment without the npm_* variables of an enclosing `npm test`. */
function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', HOME: home };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', input, timeout: 120000 });
  if (result.error) throw result.error;
  return result;
}

describe('npm package (npm pack, installed into an empty project)', function () {
  this.timeout(180000);
  let tmp: string;
  let project: string;
  let env: NodeJS.ProcessEnv;
  let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };

  before(function () {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'psylint-pack-'));
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    env = { ...cleanEnv(home), npm_config_cache: path.join(tmp, 'npm-cache') };
    // --ignore-scripts: pack this build as it is (a release's `npm pack` runs prepack, the production build).
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT, env);
    assert.equal(pack.status, 0, pack.stderr);
    packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0];
    console.log(`      tarball ${packed.filename}: ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.files.length} files`);

    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }, null, 2));
    fs.writeFileSync(path.join(project, 'draft.md'), DRAFT);
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, packed.filename)], project, env);
    assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stdout}\n${install.stderr}`);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds only the bins, the Node bundles and the data they read', () => {
    const files = packed.files.map((f) => f.path);
    const stray = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
    assert.deepEqual(stray, [], `files outside the whitelist: ${stray.join(', ')}`);
    for (const f of REQUIRED) assert.ok(files.includes(f), `missing ${f}`);
    assert.ok(packed.size < 2 * 1024 * 1024, `tarball is ${packed.size} bytes`);
  });

  it('installs with no runtime dependencies', () => {
    const installed = fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    assert.deepEqual(installed, ['psylint']);
  });

  it('npx psylint lints a draft', () => {
    const version = run('npx', ['--offline', 'psylint', '--version'], project, env);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const lint = run('npx', ['--offline', 'psylint', '--format', 'json', 'draft.md'], project, env);
    assert.equal(lint.status, 1, lint.stderr);
    const findings = JSON.parse(lint.stdout) as { file: string; ruleId: string; line: number }[];
    assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.line]), [['draft.md', 'term/outdated', 1]]);
    const fixed = run('npx', ['--offline', 'psylint', '--fix', 'draft.md'], project, env);
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.equal(fs.readFileSync(path.join(project, 'draft.md'), 'utf8'), DRAFT.replace('manic depression', 'bipolar disorder'));
    fs.writeFileSync(path.join(project, 'draft.md'), DRAFT);
  });

  // Two files on two jobs run on the worker bundle: it must be in the package.
  it('npx psylint lints several files on worker threads', () => {
    fs.writeFileSync(path.join(project, 'second.md'), DRAFT);
    try {
      const lint = run('npx', ['--offline', 'psylint', '--jobs', '2', '--format', 'json', 'draft.md', 'second.md'], project, env);
      assert.equal(lint.status, 1, lint.stderr);
      const findings = JSON.parse(lint.stdout) as { file: string; ruleId: string }[];
      assert.deepEqual(findings.map((f) => [f.file, f.ruleId]), [['draft.md', 'term/outdated'], ['second.md', 'term/outdated']]);
    } finally {
      fs.rmSync(path.join(project, 'second.md'));
    }
  });

  it('npx psylint-ls speaks LSP over stdio: diagnostics and a hover from the bundled glossary', async () => {
    const child = spawn('npx', ['--offline', 'psylint-ls', '--stdio'], { cwd: project, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    try {
      const uri = URI.file(path.join(project, 'draft.md')).toString();
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
          if (p.uri === uri && p.diagnostics.length) resolve(p);
        }),
      );
      connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
      connection.onRequest('client/registerCapability', () => null);
      connection.onNotification('window/logMessage', () => undefined);
      connection.listen();
      const init = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: URI.file(project).toString(),
        capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } },
      })) as { serverInfo?: { name: string } };
      assert.equal(init.serverInfo?.name, 'psylint');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
      const diagnostics = await Promise.race([
        published,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no diagnostics; stderr: ${stderr}`)), 30000)),
      ]);
      assert.deepEqual(diagnostics.diagnostics.map((d) => d.code), ['term/outdated']);
      const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 30 } })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /bipolar disorder/);
      // The hover links the glossary entry inside the installed package.
      assert.ok(hover?.contents.value.includes('node_modules/psylint/glossary/'), hover?.contents.value);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('in a clone that has not been built, both commands say what to run', () => {
    const clone = path.join(tmp, 'clone');
    fs.mkdirSync(clone);
    fs.cpSync(path.join(ROOT, 'bin'), path.join(clone, 'bin'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(clone, 'package.json'));
    for (const command of ['psylint', 'psylint-ls']) {
      const result = run('npx', ['--offline', command, '.'], clone, env);
      assert.equal(result.status, 2, `${command}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /has not been built/);
      assert.match(result.stderr, /npm run build/);
      assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
    }
  });
});
