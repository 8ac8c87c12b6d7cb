// psylint-ls in a real LSP client that is not VS Code: Neovim, run headless.
// test/lsp/neovim/client.lua opens a draft, waits for the diagnostics the
// server pushes, shows the hover in a floating window, asks for code actions
// and applies the preferred quick fix; it writes what Neovim received as JSON,
// and the assertions below read that file.
// Needs `nvim` on PATH (Debian package neovim; .ci/run installs it).

import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DRAFT, ROOT, tempWorkspace } from './harness';

const BIN = path.join(ROOT, 'bin', 'psylint-ls.js');
const SCRIPT = path.join(ROOT, 'test', 'lsp', 'neovim', 'client.lua');


interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_col: number;
  message: string;
  source: string;
  code: string;
  severity: number;
}

interface Received {
  error?: string;
  nvim: { major: number; minor: number; patch: number };
  got_diagnostics: boolean;
  diagnostics: NeovimDiagnostic[];
  hover_kind?: string;
  hover_float?: string[];
  actions?: { title: string; kind: string; isPreferred: boolean }[];
  applied?: string;
  lines_after?: string[];
  relinted?: boolean;
  diagnostics_after?: NeovimDiagnostic[];
}

function hasNeovim(): boolean {
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
}

function runNeovim(dir: string, draft: string, out: string): Promise<{ code: number | null; stderr: string }> {
  const env = {
    ...process.env,
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, '.config'),
    XDG_CACHE_HOME: path.join(dir, '.cache'),
    XDG_DATA_HOME: path.join(dir, '.local', 'share'),
    XDG_STATE_HOME: path.join(dir, '.local', 'state'),
    PSYLINT_OUT: out,
    PSYLINT_DRAFT: draft,
    PSYLINT_CMD: JSON.stringify([process.execPath, BIN, '--stdio']),
  };
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('psylint-ls in Neovim (headless)', function () {
  this.timeout(60000);
  let received: Received;
  let draftFile: string;

  before(async function () {
    if (!hasNeovim()) {
      console.log('    (skipped: `nvim` is not on PATH; install the Debian package neovim to run this suite)');
      this.skip();
    }
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run npm run build');
    const dir = tempWorkspace({ 'draft.md': DRAFT });
    draftFile = path.join(dir, 'draft.md');
    const out = path.join(dir, 'received.json');
    const { code, stderr } = await runNeovim(dir, draftFile, out);
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${code}): ${stderr}`);
    received = JSON.parse(fs.readFileSync(out, 'utf8')) as Received;
    assert.equal(received.error, undefined, `the Lua client failed: ${received.error}`);
  });

  it('receives the finding in prose, and none for the code span', () => {
    assert.ok(received.got_diagnostics, 'no diagnostics arrived');
    assert.equal(received.diagnostics.length, 1, JSON.stringify(received.diagnostics));
    const [d] = received.diagnostics;
    assert.equal(d.code, 'term/outdated');
    assert.equal(d.source, 'psylint');
    assert.equal(d.lnum, 2);
    assert.equal(DRAFT.split('\n')[2].slice(d.col, d.end_col), 'manic depression');
    assert.equal(d.severity, 2, 'a warning (vim.diagnostic.severity.WARN)');
    assert.match(d.message, /bipolar disorder/);
  });

  it('shows the glossary entry in a hover float', () => {
    assert.equal(received.hover_kind, 'markdown');
    const text = (received.hover_float ?? []).join('\n');
    assert.match(text, /manic depression/);
    assert.match(text, /bipolar disorder/);
    assert.match(text, /Sources/);
  });

  it('lists the quick fixes and applies the preferred one', () => {
    const titles = (received.actions ?? []).map((a) => a.title);
    assert.ok(titles.includes('Replace with “bipolar disorder”'), titles.join(' | '));
    assert.ok(titles.includes('Disable term/outdated for this line'), titles.join(' | '));
    assert.equal(received.applied, 'Replace with “bipolar disorder”');
    assert.equal(received.lines_after?.[2], 'Her uncle was treated for bipolar disorder in the 2010s.');
    assert.equal(received.lines_after?.[4], 'The record also mentions `manic depression` in a code span.', 'the code span is left alone');
  });

  it('re-lints after the edit: the finding is gone', () => {
    assert.ok(received.relinted, 'the diagnostics did not change after the edit');
    assert.deepEqual(received.diagnostics_after, []);
    assert.equal(fs.readFileSync(draftFile, 'utf8'), DRAFT, 'the edit stays in the buffer until the writer saves');
  });
});
