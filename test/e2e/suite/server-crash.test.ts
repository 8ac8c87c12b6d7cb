// A crashed language server is restarted by the client: kill the server
// process and the open draft gets diagnostics again, also for new text.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient';
import { activate, EXTENSION_ID, openDraft, rangeOfText, waitForDiagnostics, waitForEvent } from './helpers';
import type { PsylintApi } from '../../../client/src/extension';

/** How long a restart may take on a slow, shared machine. */
const RESTART_MS = 60_000;

/**
 * The language server processes: children of this extension host (the tests
 * run inside it) whose arguments name the extension's dist/server.js.
 */
function serverProcesses(): { pid: number; args: string[] }[] {
  const server = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'server.js');
  const children: { pid: number; args: string[] }[] = [];
  if (process.platform === 'linux') {
    for (const name of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        // "pid (comm) state ppid …": comm may contain spaces and parentheses.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === process.pid) children.push({ pid: Number(name), args: fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0') });
      } catch {
        // The process ended while we looked.
      }
    }
  } else {
    for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid=,command='], { encoding: 'utf8' }).split('\n')) {
      const [pid, ppid, ...args] = line.trim().split(/\s+/);
      if (Number(ppid) === process.pid) children.push({ pid: Number(pid), args });
    }
  }
  return children.filter((c) => c.args.some((a) => a && path.resolve(a) === server));
}

function serverPids(): number[] {
  return serverProcesses().map((c) => c.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Server crash', () => {
  let api: PsylintApi;

  before(async function () {
    // Finding the server process needs /proc or ps.
    if (process.platform === 'win32') this.skip();
    api = await activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('restarts a killed server; the draft gets its diagnostics again and new text is linted', async function () {
    this.timeout(3 * RESTART_MS);
    const editor = await openDraft('crash.md');
    const document = editor.document;
    const [before] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'one finding in crash.md');
    const client = api.client()!;
    const pids = serverPids();
    assert.equal(pids.length, 1, `one language server process is a child of the extension host (found ${JSON.stringify(pids)})`);
    const [killed] = pids;

    const stopped = waitForEvent(client.onDidChangeState, (e) => e.newState !== State.Running, 'the client to notice the crash', RESTART_MS);
    process.kill(killed, 'SIGKILL');
    await stopped;
    // The default error handler of vscode-languageclient restarts the server (up to 4 times in 3 minutes).
    if (!client.isRunning()) await waitForEvent(client.onDidChangeState, (e) => e.newState === State.Running, 'the client to restart the server', RESTART_MS);
    assert.equal(api.client(), client, 'the same client restarted its server (not the Restart Server command)');
    assert.ok(!alive(killed), `the killed server ${killed} is gone`);
    const now = serverPids();
    assert.ok(now.length === 1 && now[0] !== killed, `a new server process (before ${killed}, now ${JSON.stringify(now)})`);

    const [after] = await waitForDiagnostics(document.uri, (d) => d.length === 1, 'the finding to come back after the crash', RESTART_MS);
    assert.ok(after.range.isEqual(before.range));
    assert.equal(after.message, before.message);
    // Only a running server can lint new text: stale diagnostics from before the crash would not do.
    assert.ok(await editor.edit((b) => b.insert(document.lineAt(document.lineCount - 1).range.end, '\nHe was also treated for manic depression.\n')));
    const both = await waitForDiagnostics(document.uri, (d) => d.length === 2, 'a finding for the new sentence', RESTART_MS);
    assert.ok(both[1].range.isEqual(rangeOfText(document, 'manic depression', 1)), 'the finding is on the new sentence');
  });
});
