// Drives the built language server (dist/server.js) over stdio as an editor
// would (pull diagnostics, incremental sync), and measures it: cold start,
// edit-to-diagnostics latency, hover latency and peak memory.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export const now = () => performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A seeded PRNG (mulberry32), so hover positions are the same on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank percentile.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** UTF-16 line/character of an offset (LSP's default position encoding). */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export function peakRss(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => {
      const kb = Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1]);
      return kb ? +(kb / 1024).toFixed(1) : null;
    };
    return { hwmMB: field('VmHWM'), rssMB: field('VmRSS') };
  } catch {
    return { hwmMB: null, rssMB: null };
  }
}

/** A workspace folder whose .psylint.yaml lifts maxFileSize, so the 1M-word document is linted rather than skipped. */
export function makeWorkspace(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.psylint.yaml'), '# Written by bench/run.mjs\nmaxFileSize: 100000000\n');
  return dir;
}

/** The server as the extension starts it, with `execArgv` as Node options (the extension gives none). */
export async function startServer(serverJs, workspace, execArgv) {
  const child = spawn(process.execPath, [...execArgv, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (d) => stderr.push(d.toString()));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'psylint' ? {} : null)));
  connection.onRequest((method) => {
    // client/registerCapability, workspace/diagnostic/refresh, window/workDoneProgress/create, ...
    void method;
    return null;
  });
  connection.onNotification(() => undefined);
  connection.onError(() => undefined);
  connection.listen();
  const wsUri = pathToFileURL(workspace).href;
  const capabilities = {
    workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true } },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    },
  };
  const server = {
    child,
    pid: child.pid,
    connection,
    stderr,
    exited,
    async initialize() {
      const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: wsUri, workspaceFolders: [{ uri: wsUri, name: 'bench' }], capabilities });
      await connection.sendNotification('initialized', {});
      return result;
    },
    open(file, text, version = 1) {
      fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
      return uri;
    },
    pull(uri, previousResultId) {
      return connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
    },
    async stop(timeoutMs = 5000) {
      try {
        await withTimeout(connection.sendRequest('shutdown'), timeoutMs);
        await connection.sendNotification('exit');
      } catch {
        /* killed below */
      }
      const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(t);
      connection.dispose();
    },
    kill() {
      child.kill('SIGKILL');
      connection.dispose();
    },
  };
  return server;
}

export function withTimeout(promise, ms, what = 'request') {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

const itemsOf = (report) => (report && report.kind === 'full' ? report.items.length : null);

/** Spawn → initialize → didOpen of a ~1k-word document → its first (pulled) diagnostics. */
export async function coldStart({ serverJs, execArgv, workspace, text, repeats, log }) {
  const file = path.join(workspace, 'cold-start.md');
  const samples = [];
  let diagnostics;
  // One start first to warm the OS file cache; it is not counted.
  for (let i = 0; i <= repeats; i++) {
    const t0 = now();
    const server = await startServer(serverJs, workspace, execArgv);
    try {
      await withTimeout(server.initialize(), 30_000, 'initialize');
      const tInit = now();
      const uri = server.open(file, text);
      const report = await withTimeout(server.pull(uri), 30_000, 'diagnostic');
      const t1 = now();
      diagnostics = itemsOf(report);
      if (i > 0) samples.push({ totalMs: t1 - t0, initializeMs: tInit - t0 });
    } finally {
      await server.stop();
    }
  }
  const total = samples.map((s) => s.totalMs);
  log?.(`cold start: ${total.map((x) => x.toFixed(0)).join(', ')} ms`);
  return { medianMs: median(total), samplesMs: total, initializeMedianMs: median(samples.map((s) => s.initializeMs)), diagnostics, repeats };
}

/**
 * One server with the 100k-word document open: first diagnostics, then hovers
 * on glossary terms (positions from the engine's own term matches, seeded),
 * then one-character edits typed into a paragraph in the middle of the
 * document, each followed by a diagnostic pull.
 */
export async function editAndHover({ serverJs, execArgv, workspace, name, text, termRanges, hover, edits, log }) {
  const file = path.join(workspace, `${name}.md`);
  const server = await startServer(serverJs, workspace, execArgv);
  const out = {};
  try {
    await withTimeout(server.initialize(), 30_000, 'initialize');
    const t0 = now();
    const uri = server.open(file, text);
    let report = await withTimeout(server.pull(uri), 300_000, 'first diagnostics');
    out.openToDiagnosticsMs = now() - t0;
    out.openDiagnostics = itemsOf(report);
    // Kept for the caller to compare with a from-scratch lint (not written to the results).
    Object.defineProperty(out, 'openItems', { value: report.items, enumerable: false });
    let resultId = report.resultId;
    log?.(`${name} open → diagnostics: ${out.openToDiagnosticsMs.toFixed(0)} ms, ${out.openDiagnostics} diagnostics`);

    // Hovers on version 1, which the server has linted.
    const random = rng(hover.seed);
    const targets = [];
    for (let i = 0; i < hover.warmup + hover.count && termRanges.length; i++) {
      const [start, end] = termRanges[Math.floor(random() * termRanges.length)];
      const offset = start + Math.floor(random() * Math.max(1, end - start));
      targets.push(positionAt(text, offset));
    }
    const hoverMs = [];
    let hits = 0;
    for (let i = 0; i < targets.length; i++) {
      const t = now();
      const result = await withTimeout(server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: targets[i] }), 60_000, 'hover');
      const dt = now() - t;
      if (i >= hover.warmup) {
        hoverMs.push(dt);
        if (result && result.contents) hits++;
      }
    }
    out.hover = { p50Ms: percentile(hoverMs, 50), p95Ms: percentile(hoverMs, 95), count: hoverMs.length, withContent: hits, seed: hover.seed };
    log?.(`hover: p50 ${out.hover.p50Ms?.toFixed(2)} ms, p95 ${out.hover.p95Ms?.toFixed(2)} ms, ${hits}/${hoverMs.length} with content`);

    // Typing into the paragraph nearest the middle of the document.
    let current = text;
    const at = insertionPoint(current);
    out.editOffset = at;
    out.editLine = positionAt(current, at).line + 1;
    let version = 1;
    let lastItems = report.items;
    const editMs = [];
    const started = now();
    const typed = edits.typed;
    for (let k = 0; ; k++) {
      const measuredSoFar = k - edits.warmup;
      if (measuredSoFar >= edits.count) break;
      if (measuredSoFar >= edits.min && now() - started > edits.capMs) break;
      const ch = typed[k % typed.length];
      const offset = at + k;
      const pos = positionAt(current, offset);
      version++;
      const t = now();
      void server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: pos, end: pos }, rangeLength: 0, text: ch }],
      });
      report = await withTimeout(server.pull(uri, resultId), 300_000, 'diagnostic after edit');
      const dt = now() - t;
      current = current.slice(0, offset) + ch + current.slice(offset);
      resultId = report.resultId ?? resultId;
      out.lastDiagnostics = itemsOf(report);
      if (report.kind === 'full') lastItems = report.items;
      else out.unchangedReports = (out.unchangedReports ?? 0) + 1;
      if (k >= edits.warmup) editMs.push(dt);
      await sleep(edits.pauseMs);
    }
    Object.defineProperty(out, 'finalText', { value: current, enumerable: false });
    Object.defineProperty(out, 'finalItems', { value: lastItems, enumerable: false });
    out.edit = { p50Ms: percentile(editMs, 50), p95Ms: percentile(editMs, 95), count: editMs.length, requested: edits.count, samplesMs: editMs.map((x) => +x.toFixed(2)) };
    log?.(`edit → diagnostics: p50 ${out.edit.p50Ms?.toFixed(1)} ms, p95 ${out.edit.p95Ms?.toFixed(1)} ms over ${editMs.length} edits`);
    out.serverMemory = peakRss(server.pid);
  } finally {
    await server.stop();
  }
  return out;
}

/** Peak resident memory of a fresh server after the 1M-word document is opened and its diagnostics pulled. */
export async function peakMemory({ serverJs, execArgv, workspace, name, text, timeoutMs, log }) {
  const file = path.join(workspace, `${name}.md`);
  const server = await startServer(serverJs, workspace, execArgv);
  const out = {};
  try {
    await withTimeout(server.initialize(), 30_000, 'initialize');
    out.afterInitialize = peakRss(server.pid);
    const t0 = now();
    const uri = server.open(file, text);
    try {
      const report = await withTimeout(server.pull(uri), timeoutMs, 'diagnostics of the 1M-word document');
      out.openToDiagnosticsMs = now() - t0;
      out.diagnostics = itemsOf(report);
      out.skipped = report.kind === 'full' && report.items.length === 1 && /skipped this file/.test(report.items[0].message) ? report.items[0].message : undefined;
      out.finished = !out.skipped;
    } catch (error) {
      out.finished = false;
      out.error = String(error.message ?? error);
    }
    const mem = peakRss(server.pid);
    out.peakRssMB = mem.hwmMB;
    out.rssAfterMB = mem.rssMB;
    log?.(`${name} open → diagnostics: ${out.finished ? `${out.openToDiagnosticsMs.toFixed(0)} ms` : `did not finish (${out.error ?? out.skipped})`}; peak RSS ${out.peakRssMB} MB`);
  } finally {
    if (out.finished) await server.stop(10_000);
    else server.kill();
  }
  return out;
}

/**
 * Where to type: the end of a prose line (starts with a letter, outside fenced
 * code) at or after the middle of the document.
 */
export function insertionPoint(text) {
  const middle = text.length >> 1;
  let fence;
  let offset = 0;
  for (const line of text.split('\n')) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length && /^ {0,3}(`{3,}|~{3,})\s*$/.test(line)) fence = undefined;
    } else if (open) fence = open[1];
    else if (offset >= middle && line.length >= 40 && /^\p{L}/u.test(line) && /[\p{L},;]$/u.test(line)) return offset + line.length;
    offset += line.length + 1;
  }
  return middle;
}
