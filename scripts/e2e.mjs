#!/usr/bin/env node
// End-to-end tests in a real VS Code: `node scripts/e2e.mjs [--require] [--update-images] [--keep] [--no-build]`.
// Over 400 lines: one script owns the whole editor run (download-free setup, both routes, screenshots), read top to bottom.
//
// Two routes, both running test/e2e/suite/*.test.ts inside the extension host:
// - VSCODE_EXECUTABLE_PATH set: @vscode/test-electron's runTests with that
//   executable (never a download).
// - otherwise: code-server (VS Code in a browser) with Node 24, both installed
//   once into .vscode-test/ and reused, driven by Debian's Chromium through
//   playwright-core. The suite pauses at known points so this script can take
//   screenshots into test-artifacts/ (see pauseForScreenshot in the suite).
//
// When neither route can work here, prints why and a "skipped" line and exits
// 0; with --require (or PSYLINT_E2E_REQUIRE=1, for CI) it exits 1 instead.
// --update-images also copies the screenshots to docs/images/.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, '.vscode-test');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
const FIXTURES = path.join(ROOT, 'test', 'e2e', 'fixtures');
const RUNNER = path.join(ROOT, 'out', 'test', 'e2e', 'runner.js');
const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = 24;
const CHROMIUM = process.env.PSYLINT_E2E_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.PSYLINT_E2E_TIMEOUT_MS || 5 * 60_000);
const SCREENSHOTS = ['hover', 'problems', 'quick-fix'];
const EXTENSION_ID = 'psylint.psylint';

const argv = process.argv.slice(2);
for (const arg of argv) {
  if (!['--require', '--update-images', '--keep', '--no-build'].includes(arg)) {
    console.error(`e2e: unknown option ${arg}\nusage: node scripts/e2e.mjs [--require] [--update-images] [--keep] [--no-build]`);
    process.exit(2);
  }
}
const REQUIRE = argv.includes('--require') || process.env.PSYLINT_E2E_REQUIRE === '1';
const UPDATE_IMAGES = argv.includes('--update-images');
const KEEP = argv.includes('--keep');
const BUILD = !argv.includes('--no-build');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`e2e: ${message}`);

/** Everything this run starts, so the hard timeout and every exit path can stop it. */
const cleanups = [];
let finishing = false;
async function finish(code, reason) {
  if (finishing) return;
  finishing = true;
  if (reason) console.error(`e2e: ${reason}`);
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup(code);
    } catch (error) {
      console.error(`e2e: cleanup failed: ${error?.message ?? error}`);
    }
  }
  say(`${code === 0 ? 'passed' : 'FAILED'} (exit ${code}) after ${elapsed()}`);
  process.exit(code);
}

function skip(reasons) {
  for (const reason of reasons) console.error(`e2e: ${reason}`);
  if (REQUIRE) {
    say('cannot run the end-to-end tests here and --require was given: failing');
    process.exit(1);
  }
  say('skipped (the end-to-end tests did not run; pass --require to make this an error)');
  process.exit(0);
}

// ---------------------------------------------------------------- shared steps

function build() {
  if (!BUILD) return;
  say('building the extension and the tests (node scripts/build.mjs)');
  // Bundles of deleted or renamed tests would still be loaded: start from an empty out/test/e2e.
  fs.rmSync(path.join(ROOT, 'out', 'test', 'e2e'), { recursive: true, force: true });
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('e2e: the build failed');
    process.exit(1);
  }
  for (const file of [path.join(ROOT, 'dist', 'client.js'), path.join(ROOT, 'dist', 'server.js'), RUNNER]) {
    if (!fs.existsSync(file)) {
      console.error(`e2e: the build did not produce ${path.relative(ROOT, file)}`);
      process.exit(1);
    }
  }
}

/**
 * A private folder per run: the workspace (a copy of the fixtures) and
 * HOME/TMPDIR/XDG dirs. It lives under /tmp with a short name because
 * Chromium and VS Code put Unix sockets in these dirs (108-byte path limit).
 */
function makeRunDir() {
  const base = process.platform !== 'win32' && fs.existsSync('/tmp') ? '/tmp' : os.tmpdir();
  // Keep the last few kept runs (failures, --keep) for inspection.
  const old = fs.readdirSync(base).filter((n) => n.startsWith('psylint-e2e-')).map((n) => path.join(base, n));
  old.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  for (const dir of old.slice(0, Math.max(0, old.length - 4))) fs.rmSync(dir, { recursive: true, force: true });
  const dir = fs.mkdtempSync(path.join(base, 'psylint-e2e-'));
  const paths = {
    dir,
    workspace: path.join(dir, 'workspace'),
    home: path.join(dir, 'home'),
    tmp: path.join(dir, 'tmp'),
    xdgConfig: path.join(dir, 'xdg-config'),
    xdgCache: path.join(dir, 'xdg-cache'),
    xdgRuntime: path.join(dir, 'xdg-runtime'),
    data: path.join(dir, 'vscode-data'),
    handshake: path.join(dir, 'handshake'),
  };
  for (const [key, value] of Object.entries(paths)) if (key !== 'dir') fs.mkdirSync(value, { recursive: true, mode: 0o700 });
  fs.cpSync(FIXTURES, paths.workspace, { recursive: true });
  cleanups.push((code) => {
    if (code === 0 && !KEEP) fs.rmSync(dir, { recursive: true, force: true });
    else say(`kept the run folder ${dir}`);
  });
  return paths;
}

/** The environment for VS Code and the browser: private HOME/TMPDIR/XDG dirs, no VS Code variables from a parent editor. */
function privateEnv(run, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key) || key.startsWith('npm_')) continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: run.home,
    TMPDIR: run.tmp,
    XDG_CONFIG_HOME: run.xdgConfig,
    XDG_CACHE_HOME: run.xdgCache,
    XDG_RUNTIME_DIR: run.xdgRuntime,
    XDG_DATA_HOME: path.join(run.home, '.local', 'share'),
    ...extra,
  };
}

function hardTimeout() {
  const timer = setTimeout(() => void finish(1, `hard timeout: the run took longer than ${TIMEOUT_MS / 1000} s; stopping everything`), TIMEOUT_MS);
  cleanups.push(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- route 1: a VS Code executable

async function runWithExecutable(executable) {
  if (!fs.existsSync(executable)) {
    console.error(`e2e: VSCODE_EXECUTABLE_PATH=${executable} does not exist`);
    process.exit(1);
  }
  build();
  const run = makeRunDir();
  hardTimeout();
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    say('note: no DISPLAY; on a headless Linux machine run this under xvfb-run');
  }
  const require = createRequire(import.meta.url);
  const { runTests } = require('@vscode/test-electron');
  say(`running the suite in ${executable}`);
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: RUNNER,
      launchArgs: [
        // runTests adds --extensionDevelopmentPath/--extensionTestsPath, --skip-welcome,
        // --disable-workspace-trust and --no-sandbox itself.
        run.workspace,
        '--disable-extensions',
        '--disable-telemetry',
        `--user-data-dir=${path.join(run.data, 'user-data')}`,
        `--extensions-dir=${path.join(run.data, 'extensions')}`,
      ],
      extensionTestsEnv: privateEnv(run),
    });
  } catch (error) {
    // runTests rejects with the exit code (or an error) when the tests fail.
    code = typeof error === 'number' ? error : 1;
    if (typeof error !== 'number') console.error(`e2e: ${error?.message ?? error}`);
  }
  await finish(code === 0 ? 0 : 1);
}

// ---------------------------------------------------------------- route 2: code-server and Chromium

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function nodeHomeIn(dir) {
  const name = `node-linux-${process.arch}`;
  for (const candidate of [path.join(dir, 'node_modules', 'node', 'node_modules', name), path.join(dir, 'node_modules', name)]) {
    if (fs.existsSync(path.join(candidate, 'bin', 'node'))) return candidate;
  }
  return undefined;
}

function nodeVersion(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The environment without npm's own variables: under `npm run`, npm_node_execpath and
 * friends would make the nested install's lifecycle scripts run on this Node, not Node 24.
 */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !['NODE', 'INIT_CWD'].includes(k)));
  return { ...env, ...extra };
}

function npmInstall(dir, spec, manifest, env) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const result = spawnSync('npm', ['install', spec, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: env ?? cleanEnv(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return result.status === 0;
}

/** Node 24 in .vscode-test/node24 (code-server's postinstall refuses any other major version). */
function ensureNode24() {
  const dir = path.join(CACHE, 'node24');
  let home = nodeHomeIn(dir);
  if (home && nodeVersion(path.join(home, 'bin', 'node'))?.startsWith(`v${NODE_MAJOR}.`)) return home;
  say(`installing Node ${NODE_MAJOR} into ${path.relative(ROOT, dir)} (npm install node@${NODE_MAJOR})`);
  const ok = npmInstall(dir, `node@${NODE_MAJOR}`, { name: 'psylint-e2e-node', private: true, allowScripts: { node: true } });
  home = nodeHomeIn(dir);
  if (!ok || !home || !nodeVersion(path.join(home, 'bin', 'node'))?.startsWith(`v${NODE_MAJOR}.`)) {
    return { problem: `could not install Node ${NODE_MAJOR} with "npm install node@${NODE_MAJOR}" in ${dir} (offline?)` };
  }
  return home;
}

/** code-server in .vscode-test/code-server, built with Node 24 first on PATH. */
function ensureCodeServer(nodeHome) {
  const dir = path.join(CACHE, 'code-server');
  const serverMain = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
  const stamp = path.join(dir, '.installed');
  if (fs.existsSync(serverMain) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === CODE_SERVER_VERSION) return serverMain;
  const missing = [];
  if (!debianPackageInstalled('libkrb5-dev') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    missing.push('libkrb5-dev is not installed (code-server\'s kerberos module compiles against it): apt-get install -y libkrb5-dev');
  }
  for (const tool of ['make', 'g++', 'python3']) {
    if (!has(tool)) missing.push(`${tool} is not installed (node-gyp needs it to compile code-server's native modules): apt-get install -y build-essential python3`);
  }
  if (missing.length) return { problems: missing };
  say(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, dir)} (about 2 minutes and 600 MB, once)`);
  fs.rmSync(stamp, { force: true });
  const env = cleanEnv({
    PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeHome,
  });
  const ok = npmInstall(
    dir,
    `code-server@${CODE_SERVER_VERSION}`,
    { name: 'psylint-e2e-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } },
    env,
  );
  if (!ok || !fs.existsSync(serverMain)) return { problems: [`could not install code-server ${CODE_SERVER_VERSION} in ${dir} (see npm's output above)`] };
  fs.writeFileSync(stamp, CODE_SERVER_VERSION + '\n');
  return serverMain;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Stops a process group: SIGTERM, then SIGKILL if anything is left after a grace period. */
async function killGroup(pid) {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 30 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Log messages (whole messages, stack traces included) that say nothing about the extension under test. */
const NOISE = [
  /No signed-in session/i,
  /Timed out waiting for authentication provider/i,
  /No default agent contributed/i,
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\b/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /service-?worker/i,
  /vsda(\.js)?/i,
  /404 \(Not Found\)/,
  /Failed to load resource/i,
  /marketplace\.visualstudio\.com|open-vsx\.org|gallery/i,
  /telemetry|dc\.services\.visualstudio\.com|mobile\.events\.data\.microsoft\.com/i,
  /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ENOTFOUND|EAI_AGAIN|getaddrinfo/i,
  /An iframe which has both allow-scripts and allow-same-origin/i,
];

const SCREENSHOT_MARKER = 'PSYLINT_E2E_SCREENSHOT ';

async function runWithCodeServer() {
  // Prerequisites that apt-get provides (.ci/run installs them).
  const problems = [];
  if (!fs.existsSync(CHROMIUM)) problems.push(`${CHROMIUM} not found: install Chromium with apt-get install -y chromium (or set PSYLINT_E2E_CHROMIUM)`);
  if (!has('npm')) problems.push('npm is not on PATH: it is needed to install Node 24 and code-server');
  if (process.platform !== 'linux') problems.push(`the code-server route is set up for Linux only (this is ${process.platform}); set VSCODE_EXECUTABLE_PATH to a VS Code executable instead`);
  if (problems.length) skip(['no VS Code executable was given (VSCODE_EXECUTABLE_PATH) and the code-server route cannot run:', ...problems]);

  fs.mkdirSync(CACHE, { recursive: true });
  const nodeHome = ensureNode24();
  if (typeof nodeHome !== 'string') skip([nodeHome.problem]);
  const serverMain = ensureCodeServer(nodeHome);
  if (typeof serverMain !== 'string') skip(['code-server is not installed and cannot be installed here:', ...serverMain.problems]);

  build();
  const run = makeRunDir();
  hardTimeout();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of SCREENSHOTS) fs.rmSync(path.join(ARTIFACTS, `${name}.png`), { force: true });
  const logFile = fs.createWriteStream(path.join(ARTIFACTS, 'e2e-log.txt'));
  const serverLog = fs.createWriteStream(path.join(ARTIFACTS, 'code-server-log.txt'));
  cleanups.push(() => new Promise((resolve) => logFile.end(() => serverLog.end(resolve))));

  // ---- the server, in its own process group (its helper processes outlive it otherwise)
  const port = await freePort();
  const node = path.join(nodeHome, 'bin', 'node');
  const dataDir = (name) => path.join(run.data, name);
  const env = privateEnv(run, { PATH: `${path.join(nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`, PSYLINT_E2E_HANDSHAKE: run.handshake });
  say(`starting code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port}`);
  const server = spawn(
    node,
    [
      serverMain,
      '--enable-smoke-test-driver',
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--host', '127.0.0.1',
      '--port', String(port),
      '--server-data-dir', dataDir('server-data'),
      '--extensions-dir', dataDir('extensions'),
      '--user-data-dir', dataDir('user-data'),
    ],
    { cwd: run.workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => killGroup(server.pid));
  let serverExited = false;
  const ready = new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk) => {
      serverLog.write(chunk);
      seen = (seen + chunk.toString()).slice(-4000);
      if (seen.includes('Extension host agent listening on')) resolve();
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code, signal) => {
      serverExited = true;
      reject(new Error(`code-server exited (${signal ?? code}) before it was ready; see test-artifacts/code-server-log.txt`));
    });
  });
  server.on('exit', (code, signal) => {
    if (!finishing) void finish(1, `code-server exited unexpectedly (${signal ?? code}); see test-artifacts/code-server-log.txt`);
  });
  const readyTimeout = new Promise((_, reject) => setTimeout(() => reject(new Error('code-server did not start listening within 60 s')), 60_000).unref());
  try {
    await Promise.race([ready, readyTimeout]);
  } catch (error) {
    await finish(1, error.message);
  }
  if (serverExited) return;

  // ---- the browser
  const require = createRequire(import.meta.url);
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, env: privateEnv(run) });
  cleanups.push(() => Promise.race([browser.close(), new Promise((r) => setTimeout(r, 5000))]));
  const screenshotErrors = [];
  const sessionCodes = [];
  const summaries = [];

  /** One workbench window with a test payload, until the runner exits: its exit code and the log lines it printed. */
  async function session(label, payload) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
    const lines = [];
    let screenshots = Promise.resolve();
    let exitCode;
    let onExit;
    const exited = new Promise((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => {
      exitCode = Number(code);
      onExit();
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const list = Array.isArray(args) ? args : [args];
      // Every line also arrives %c-styled for the browser console; keep the plain one.
      if (typeof list[0] === 'string' && list[0].includes('%c')) return;
      const text = util.format(...list);
      logFile.write(`[${type}] ${text}\n`);
      if (NOISE.some((re) => re.test(text))) return;
      for (const line of text.split(/\r?\n/)) {
        if (line.startsWith(SCREENSHOT_MARKER)) {
          screenshots = screenshots.then(() => takeScreenshot(page, line.slice(SCREENSHOT_MARKER.length)));
          continue;
        }
        lines.push(line);
        console.log(line);
      }
    });
    page.on('console', (message) => logFile.write(`[browser ${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => logFile.write(`[browser pageerror] ${error.message}\n`));
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify([...payload, ['skipWelcome', 'true']]))}`;
    say(`opening the workbench in Chromium: ${label}`);
    await page.goto(url);
    await exited;
    await screenshots;
    await page.close().catch(() => undefined);
    return { exitCode, lines };
  }

  /** The suite logged `PSYLINT_E2E_SCREENSHOT {"name", "selector", "text"}` and waits for handshake/<name>.done. */
  async function takeScreenshot(page, json) {
    let request;
    try {
      request = JSON.parse(json);
    } catch {
      screenshotErrors.push(`bad screenshot request: ${json}`);
      return;
    }
    const { name, selector, text } = request;
    const file = path.join(ARTIFACTS, `${name}.png`);
    let seen = 'ok';
    try {
      const target = page.locator(selector, text ? { hasText: text } : {}).first();
      await target.waitFor({ state: 'visible', timeout: 10_000 });
      await page.screenshot({ path: file });
      if (UPDATE_IMAGES && SCREENSHOTS.includes(name)) {
        fs.mkdirSync(DOC_IMAGES, { recursive: true });
        fs.copyFileSync(file, path.join(DOC_IMAGES, `${name}.png`));
      }
      logFile.write(`[driver] screenshot ${name} -> ${path.relative(ROOT, file)}\n`);
    } catch (error) {
      await page.screenshot({ path: file }).catch(() => undefined);
      screenshotErrors.push(`screenshot ${name}: ${selector}${text ? ` with "${text}"` : ''} did not show up (${error.message.split('\n')[0]}); the picture may not show it`);
      seen = 'not shown';
    } finally {
      // The suite's expectOnScreen reads the verdict: written whole, then renamed (the suite watches for the name).
      const done = path.join(run.handshake, `${name}.done`);
      fs.writeFileSync(`${done}.tmp`, `${seen}\n`);
      fs.renameSync(`${done}.tmp`, done);
    }
  }

  /** Reads a session's "N passed, N failed" line; a session that ran nothing under PSYLINT_E2E_GREP counts as skipped. */
  function verdict(name, result) {
    const summary = result.lines.map((l) => /^(\d+) passed, (\d+) failed$/.exec(l.trim())).filter(Boolean).pop();
    if (!summary) {
      console.error(`e2e: the ${name} runner never printed its "N passed, N failed" line`);
      return 1;
    }
    summaries.push(`${name}: ${summary[1]} passed, ${summary[2]} failed`);
    return result.exitCode === 0 && Number(summary[2]) === 0 ? 0 : 1;
  }

  // 1. The extension as VS Code desktop and remote windows run it: main entry, Node extension host.
  sessionCodes.push(verdict('main', await session('the extension in the Node extension host', [
    ['extensionDevelopmentPath', `vscode-remote://remote${ROOT}`],
    ['extensionTestsPath', `vscode-remote://remote${RUNNER}`],
  ])));

  // 2. The browser build in the web worker extension host. The payload's extensionDevelopmentKind is
  // ignored by the web workbench (its environment service names it differently), so the setting
  // remote.extensionKind (in the workspace settings, the web window has no user settings file) puts
  // the extension there. The tests must run in the Node host (mocha, fs): VS Code runs them in the
  // host of the extension whose folder holds the runner, else, for a vscode-remote path, in the
  // remote (Node) host, so the runner is loaded through a shim outside ROOT.
  const workspaceSettings = path.join(run.workspace, '.vscode', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(workspaceSettings, 'utf8'));
  fs.writeFileSync(workspaceSettings, JSON.stringify({ ...settings, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } }, null, 2));
  const shim = path.join(run.dir, 'web-tests', 'runner.js');
  fs.mkdirSync(path.dirname(shim), { recursive: true });
  fs.writeFileSync(shim, `// Loads the e2e runner from outside the extension's folder (see scripts/e2e.mjs).\nconst { runSuite } = require(${JSON.stringify(RUNNER)});\nexports.run = () => runSuite('web');\n`);
  sessionCodes.push(verdict('web', await session('the browser build in the web worker extension host', [
    ['extensionDevelopmentPath', `vscode-remote://remote${ROOT}`],
    ['extensionDevelopmentKind', 'web'],
    ['extensionTestsPath', `vscode-remote://remote${shim}`],
  ])));

  // ---- verdict
  let code = sessionCodes.every((c) => c === 0) ? 0 : 1;
  for (const line of summaries) say(line);
  for (const error of screenshotErrors) console.error(`e2e: ${error}`);
  if (code === 0 && screenshotErrors.length) code = 1;
  if (code === 0 && !process.env.PSYLINT_E2E_GREP) {
    const missing = SCREENSHOTS.filter((name) => !fs.existsSync(path.join(ARTIFACTS, `${name}.png`)));
    if (missing.length) {
      console.error(`e2e: no screenshot of ${missing.join(', ')} (the suite did not pause for it)`);
      code = 1;
    } else {
      say(`screenshots in ${path.relative(ROOT, ARTIFACTS)}/: ${SCREENSHOTS.map((n) => `${n}.png`).join(', ')}${UPDATE_IMAGES ? ' (copied to docs/images/)' : ''}`);
    }
  }
  await finish(code);
}

// ---------------------------------------------------------------- main

process.on('SIGINT', () => void finish(130, 'interrupted'));
process.on('SIGTERM', () => void finish(143, 'terminated'));
try {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (executable) await runWithExecutable(executable);
  else await runWithCodeServer();
} catch (error) {
  await finish(1, `error: ${error?.stack ?? error}`);
}
