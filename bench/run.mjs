// The Psylint benchmark (`npm run bench`; never part of `npm test`).
// Over 400 lines: the benchmark is one report, and each of its steps is only meaningful with the others.
//
// 1. Builds the corpora (bench/corpus.mjs) in bench/tmp/: about 1k, 10k, 100k
//    and 1M words of psychology drafts (the users' workload, first table),
//    and of package README/docs prose mixed with drafts (second table).
// 2. Full lint of each corpus by Psylint's engine and by each peer, each
//    tool and size in its own child process (bench/worker.mjs) with a time
//    budget per run: past it the child is killed and the result is "did not
//    finish".
// 3. The real language server over stdio (bench/lsp.mjs): cold start, edit
//    and hover latency on the 100k-word psychology document, peak memory
//    with the 1M-word one open.
// 3b. The CLI on a generated 2,000-file workspace (bench/workspace.mjs):
//    one job against all cores, and a re-run answered by --cache.
// 4. Prints the tables and targets; writes bench/results.json (the agreed
//    shape), bench/results-detail.json (everything), bench/RESULTS.md,
//    bench/scaling.svg and bench/scaling.png (for the README).
//
// Environment:
//   BENCH_QUICK=1          1k and 10k only, fewer runs, quick server checks (smoke test)
//   BENCH_TOOLS=a,b        only these full-lint tools (psylint, alex, write-good, harper, textlint-prh, floor, floor-chunked)
//   BENCH_NO_PROJECT=1     run every size, even when a tool's smaller size projects to more than twice the budget
//   BENCH_NO_SERVER=1      skip the server measurements
//   BENCH_NO_README=1      skip the README-prose table
//   BENCH_NO_WORKSPACE=1   skip the workspace figures (BENCH_QUICK: 200 files instead of 2,000)
//   BENCH_BUDGET_SCALE=x   multiply every time budget by x
//   BENCH_SERVER_NODE_OPTIONS="..."  start the server with these Node options (the extension gives none)

import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildCorpora, buildPsychCorpora, SIZES } from './corpus.mjs';
import { workspaceFigures } from './workspace.mjs';
import { writeAdversarial } from './adversarial.mjs';
import { coldStart, editAndHover, makeWorkspace, median, peakMemory, peakRss } from './lsp.mjs';
import { scalingSvg } from './svg.mjs';

const require = createRequire(import.meta.url);
const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const TMP = path.join(BENCH, 'tmp');
const SERVER_JS = path.join(ROOT, 'dist', 'server.js');
const ENGINE_JS = path.join(ROOT, 'out', 'bench', 'engine.js');

const QUICK = process.env.BENCH_QUICK === '1';
const PROJECT = process.env.BENCH_NO_PROJECT !== '1';
const SCALE = Number(process.env.BENCH_BUDGET_SCALE ?? 1) || 1;

const PEERS = ['alex', 'write-good', 'harper', 'textlint-prh', 'floor'];
const EXTRA = ['floor-chunked'];
const ALL_TOOLS = ['psylint', ...PEERS, ...EXTRA];
const TOOLS = process.env.BENCH_TOOLS ? process.env.BENCH_TOOLS.split(',').map((s) => s.trim()).filter((t) => ALL_TOOLS.includes(t)) : ALL_TOOLS;
const LABEL = { psylint: 'Psylint', alex: 'alex', 'write-good': 'write-good', harper: 'harper.js', 'textlint-prh': 'textlint + prh', floor: 'floor (parse only)', 'floor-chunked': 'floor, 20 kB pieces' };

/**
 * Per size: at most maxRuns measured runs, and no new run once the measured
 * time would pass softCapMs; budgetMs is the limit for one run (the child is
 * killed past it); setup and warm-up get setupBudgetMs.
 */
const PLAN = {
  '1k': { maxRuns: QUICK ? 5 : 15, softCapMs: 3_000, budgetMs: 15_000 },
  '10k': { maxRuns: QUICK ? 3 : 7, softCapMs: 6_000, budgetMs: 30_000 },
  '100k': { maxRuns: 5, softCapMs: 15_000, budgetMs: 60_000 },
  '1M': { maxRuns: 3, softCapMs: 20_000, budgetMs: 120_000 },
};
for (const p of Object.values(PLAN)) p.budgetMs *= SCALE;
const SETUP_BUDGET_MS = 90_000 * SCALE;
const PROJECTION_MARGIN = 2;
const SIZE_KEYS = SIZES.map((s) => s.key).filter((k) => !QUICK || k === '1k' || k === '10k');

const SERVER_PLAN = {
  coldStartRepeats: QUICK ? 2 : 5,
  hover: { seed: 20240611, warmup: 20, count: QUICK ? 50 : 200 },
  // 50 measured edits; when each takes seconds (a full re-lint), stop after capMs but measure at least `min`.
  edits: { warmup: 3, count: 50, min: QUICK ? 3 : 10, capMs: (QUICK ? 20_000 : 90_000) * SCALE, pauseMs: 50, typed: ' Psychoanalysis is a type of CBT that cures depression in most patients, and experts agree on it.' },
  memoryTimeoutMs: 240_000 * SCALE,
};

const TARGETS = {
  alexThroughputRatio: 5,
  floorRatio: 2,
  editP50Ms: 30,
  editP95Ms: 80,
  hoverP50Ms: 2,
  coldStartMs: 500,
  peakRssMB: 150,
  scale1Mover100k: 12,
};

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const log = (...args) => console.log(...args);
const fmtMs = (ms) => (ms == null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const fmtInt = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const fmtRate = (wps) => (wps == null ? '—' : wps >= 1e6 ? `${(wps / 1e6).toFixed(2)}M` : wps >= 1e3 ? `${(wps / 1e3).toFixed(1)}k` : wps.toFixed(0));
const loadavg = () => os.loadavg().map((x) => +x.toFixed(2));

/**
 * For a size that has a larger corpus: as much text again, from where this
 * size's corpus ends in the larger one (cut at a blank line): a text of the
 * same kind and size that no run has linted.
 */
function controlFile(corpora, size) {
  const next = SIZES[SIZES.findIndex((s) => s.key === size) + 1];
  if (!next) return undefined;
  const own = fs.readFileSync(corpora.files[size], 'utf8');
  const larger = fs.readFileSync(corpora.files[next.key], 'utf8');
  const end = larger.indexOf('\n\n', 2 * own.length);
  const file = path.join(TMP, `control-${corpora.name}-${size}.md`);
  fs.writeFileSync(file, larger.slice(own.length, end < 0 ? larger.length : end + 1));
  return file;
}

/** Runs one tool on one corpus in a child process; resolves with its measurements or why it did not finish. */
function measure(tool, file, warmupFile, plan, controlFile) {
  return new Promise((resolve) => {
    const job = { tool, file, warmupFile, controlFile, maxRuns: plan.maxRuns, softCapMs: plan.softCapMs };
    const child = fork(path.join(BENCH, 'worker.mjs'), [JSON.stringify(job)], {
      execArgv: ['--expose-gc', '--max-old-space-size=8192'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const result = { status: 'ok', runsMs: [], messages: null, setupMs: null, warmup: null, peakRssMB: null };
    let timer;
    let settled = false;
    const arm = (ms, why) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        result.status = 'timeout';
        result.note = why;
        result.peakRssMB = peakRss(child.pid).hwmMB;
        result.peakRssAtKill = true;
        child.kill('SIGKILL');
      }, ms);
    };
    arm(SETUP_BUDGET_MS, `setup and warm-up over ${SETUP_BUDGET_MS / 1000} s`);
    child.on('message', (m) => {
      if (m.type === 'setup') result.setupMs = m.ms;
      else if (m.type === 'warm') result.warmup = { runs: m.runs, ms: m.ms };
      else if (m.type === 'start') arm(plan.budgetMs, `a run went over the ${plan.budgetMs / 1000} s budget`);
      else if (m.type === 'run') {
        clearTimeout(timer);
        result.runsMs.push(m.ms);
        result.messages = m.messages;
        arm(SETUP_BUDGET_MS, 'no answer after a run');
      } else if (m.type === 'control') {
        result.controlMs = m.ms;
      } else if (m.type === 'done') {
        clearTimeout(timer);
        result.peakRssMB = m.peakRssMB;
      } else if (m.type === 'error') {
        result.status = 'crashed';
        result.note = m.message.split('\n')[0];
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (settled) return;
      settled = true;
      if (result.status === 'ok' && (code !== 0 || result.runsMs.length === 0)) {
        result.status = 'crashed';
        const oom = /heap out of memory|Allocation failed/i.test(stderr);
        result.note = oom ? 'JavaScript heap out of memory' : `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300)}`;
      }
      // A timed-out or crashed tool did not finish, whatever runs it completed before.
      result.medianMs = result.status === 'ok' ? median(result.runsMs) : null;
      resolve(result);
    });
  });
}

/** Psylint alone on each adversarial document: median time and cost per character against ordinary prose (the 100k corpus). */
async function adversarial(corpora, full) {
  log('\n— adversarial documents (Psylint only)');
  const docs = writeAdversarial(path.join(TMP, 'adversarial'), corpora.files);
  const prose = full.psylint?.['100k']?.medianMs;
  const proseUsPerChar = prose ? (prose * 1000) / corpora.bytes['100k'] : null;
  const out = [];
  for (const doc of docs) {
    const r = await measure('psylint', doc.file, corpora.files.warmup, { maxRuns: 3, softCapMs: 5_000, budgetMs: 120_000 * SCALE });
    const usPerChar = r.medianMs != null ? (r.medianMs * 1000) / doc.chars : null;
    const row = { name: doc.name, chars: doc.chars, status: r.status, note: r.note, medianMs: r.medianMs, runsMs: r.runsMs, messages: r.messages, peakRssMB: r.peakRssMB, usPerChar, vsProse: usPerChar != null && proseUsPerChar ? usPerChar / proseUsPerChar : null };
    out.push(row);
    log(`  ${doc.name.padEnd(56)} ${fmtInt(doc.chars).padStart(11)} chars  ${r.status === 'ok' ? fmtMs(r.medianMs).padStart(9) : r.status}  ${usPerChar != null ? usPerChar.toFixed(2) + ' µs/char' : ''}  ${row.vsProse != null ? '×' + row.vsProse.toFixed(1) + ' prose' : ''}  peak RSS ${r.peakRssMB} MB`);
  }
  return { proseUsPerChar, documents: out };
}

function adversarialTable(adv) {
  return table(
    ['document', 'characters', 'median time', 'µs per character', 'vs ordinary prose', 'peak RSS'],
    adv.documents.map((d) => [d.name, fmtInt(d.chars), d.status === 'ok' ? fmtMs(d.medianMs) : `${d.status}: ${d.note}`, d.usPerChar != null ? d.usPerChar.toFixed(2) : '—', d.vsProse != null ? `${d.vsProse.toFixed(1)}×` : '—', d.peakRssMB != null ? `${d.peakRssMB} MB` : '—']),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  );
}

async function fullLint(corpora) {
  const full = {};
  for (const tool of TOOLS) full[tool] = {};
  for (const size of SIZE_KEYS) {
    const plan = PLAN[size];
    log(`\n— full lint, ${size} (${fmtInt(corpora.words[size])} words; up to ${plan.maxRuns} runs, ${plan.budgetMs / 1000} s budget per run)`);
    for (const tool of TOOLS) {
      const prevKey = SIZE_KEYS[SIZE_KEYS.indexOf(size) - 1];
      const prev = prevKey && full[tool][prevKey];
      if (prev && prev.status !== 'ok') {
        const crashed = prev.status === 'crashed';
        full[tool][size] = { status: crashed ? 'crashed' : 'skipped', medianMs: null, runsMs: [], note: crashed ? `crashed at ${prevKey}` : `did not finish at ${prevKey}` };
        log(`  ${LABEL[tool].padEnd(22)} not run (${full[tool][size].note})`);
        continue;
      }
      if (PROJECT && prev && prev.medianMs != null) {
        // Not run when linear scaling from the smaller size needs more than PROJECTION_MARGIN × the budget.
        // An estimate, not a proof: cost per word is not uniform (a few paragraphs can dominate a small
        // document), hence the margin; BENCH_NO_PROJECT=1 measures instead.
        const projected = prev.medianMs * (corpora.words[size] / corpora.words[prevKey]);
        if (projected > PROJECTION_MARGIN * plan.budgetMs) {
          full[tool][size] = { status: 'projected', medianMs: null, runsMs: [], projectedMs: projected, note: `${prevKey} took ${fmtMs(prev.medianMs)}; linear scaling projects ${fmtMs(projected)}, over twice the ${plan.budgetMs / 1000} s budget` };
          log(`  ${LABEL[tool].padEnd(22)} not run: ${full[tool][size].note} (BENCH_NO_PROJECT=1 runs it)`);
          continue;
        }
      }
      const r = await measure(tool, corpora.files[size], corpora.files.warmup, plan, tool === 'psylint' ? controlFile(corpora, size) : undefined);
      full[tool][size] = r;
      if (r.status === 'ok') {
        log(`  ${LABEL[tool].padEnd(22)} ${fmtMs(r.medianMs).padStart(9)} median of ${r.runsMs.length} (${r.runsMs.map((x) => x.toFixed(0)).join(', ')} ms) · ${fmtRate(corpora.words[size] / (r.medianMs / 1000))} words/s · ${r.messages} messages · peak RSS ${r.peakRssMB} MB`);
        if (tool === 'psylint' && r.runsMs.length > 2 && median(r.runsMs.slice(1)) < 0.5 * r.runsMs[0]) {
          // A cache answering repeated lints of one text, or the JIT still warming up? A text never linted before tells.
          r.cacheSuspected = !(r.controlMs != null && r.controlMs < 0.5 * r.runsMs[0]);
          log(`    note: the later runs took under half the first; a text of the same size not linted before took ${r.controlMs != null ? fmtMs(r.controlMs) : '—'}: ${r.cacheSuspected ? 'something may be answering from a cache' : 'warm-up, not a cache'}`);
        }
      } else log(`  ${LABEL[tool].padEnd(22)} did not finish: ${r.status} — ${r.note}`);
    }
  }
  return full;
}

/** A from-scratch engine lint in this process: glossary term ranges (where hovers go) and the diagnostics the server should report. */
function engineLint(text) {
  const engine = require(ENGINE_JS);
  const glossary = new engine.GlossaryStore().build(engine.bundledGlossaryFiles()).glossary;
  return engine.lint(text, { glossary, language: 'markdown' });
}

/** Server diagnostics against a from-scratch lint of the same text: rule, range and message must agree. */
function compareDiagnostics(text, items, result) {
  const lines = new (require(ENGINE_JS).LineIndex)(text);
  const pos = (offset) => {
    const p = lines.position(offset);
    return { line: p.line - 1, character: p.column - 1 };
  };
  const key = (code, s, e, message) => `${code} ${s.line}:${s.character}-${e.line}:${e.character} ${message}`;
  const expected = new Set(result.findings.map((f) => key(f.ruleId, pos(f.start), pos(f.end), f.message)));
  const got = new Set((items ?? []).map((d) => key(d.code, d.range.start, d.range.end, d.message)));
  const missing = [...expected].filter((k) => !got.has(k));
  const extra = [...got].filter((k) => !expected.has(k));
  return { match: missing.length === 0 && extra.length === 0, server: got.size, engine: expected.size, missing: missing.slice(0, 5), extra: extra.slice(0, 5) };
}

/** Node options for the server: none, as the extension starts it, unless BENCH_SERVER_NODE_OPTIONS gives some. */
function serverExecArgv() {
  return (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
}

async function server(corpora) {
  const out = {};
  const ws = makeWorkspace(path.join(TMP, 'workspace'));
  const execArgv = serverExecArgv();
  out.execArgv = execArgv;
  log(`\n— language server (node ${[...execArgv, 'dist/server.js'].join(' ')} over stdio, pull diagnostics)`);
  try {
    const oneK = fs.readFileSync(corpora.files['1k'], 'utf8');
    out.coldStart = await coldStart({ serverJs: SERVER_JS, execArgv, workspace: ws, text: oneK, repeats: SERVER_PLAN.coldStartRepeats, log: (s) => log('  ' + s) });
  } catch (error) {
    out.coldStart = { error: String(error.message ?? error) };
    log(`  cold start failed: ${out.coldStart.error}`);
  }
  const editKey = QUICK ? '10k' : '100k';
  try {
    const text = fs.readFileSync(corpora.files[editKey], 'utf8');
    const before = engineLint(text);
    const ranges = before.matches.map((m) => [m.start, m.end]);
    log(`  ${ranges.length} glossary term matches in the ${editKey} document to hover`);
    out.editHover = await editAndHover({ serverJs: SERVER_JS, execArgv, workspace: ws, name: `corpus-${editKey}`, text, termRanges: ranges, hover: SERVER_PLAN.hover, edits: SERVER_PLAN.edits, log: (s) => log('  ' + s) });
    out.editHover.document = editKey;
    // Fast but stale diagnostics would make the latency meaningless: check the first and the last against from-scratch lints.
    out.editHover.checkOpen = compareDiagnostics(text, out.editHover.openItems, before);
    if (out.editHover.finalText !== undefined) out.editHover.checkAfterEdits = compareDiagnostics(out.editHover.finalText, out.editHover.finalItems, engineLint(out.editHover.finalText));
    const c = (x) => (x ? (x.match ? `match (${x.server})` : `DIFFER (server ${x.server}, from scratch ${x.engine})`) : '—');
    log(`  server diagnostics vs a from-scratch engine lint: on open ${c(out.editHover.checkOpen)}; after the edits ${c(out.editHover.checkAfterEdits)}`);
  } catch (error) {
    out.editHover = { error: String(error.message ?? error) };
    log(`  edit/hover failed: ${out.editHover.error}`);
  }
  const memKey = QUICK ? '10k' : '1M';
  try {
    const text = fs.readFileSync(corpora.files[memKey], 'utf8');
    out.memory = await peakMemory({ serverJs: SERVER_JS, execArgv, workspace: ws, name: `corpus-${memKey}`, text, timeoutMs: SERVER_PLAN.memoryTimeoutMs, log: (s) => log('  ' + s) });
    out.memory.document = memKey;
    // With BENCH_SERVER_NODE_OPTIONS: the same with V8's own heap settings, to show what the options are worth.
    if (execArgv.length > 0) {
      out.memoryV8Defaults = await peakMemory({ serverJs: SERVER_JS, execArgv: [], workspace: ws, name: `corpus-${memKey}`, text, timeoutMs: SERVER_PLAN.memoryTimeoutMs, log: (s) => log('  without the Node options: ' + s) });
    }
  } catch (error) {
    out.memory = { error: String(error.message ?? error) };
    log(`  memory run failed: ${out.memory.error}`);
  }
  return out;
}

/**
 * Psylint's ratio to a tool at one size: how many times faster Psylint is
 * (their time ÷ Psylint's), or a lower bound (bound: true) when the tool did
 * not finish: its time was over the budget, or over the projection.
 */
function ratio(full, tool, size) {
  const p = full.psylint?.[size];
  const q = full[tool]?.[size];
  if (!p || p.medianMs == null || !q) return null;
  if (q.medianMs != null) return { value: q.medianMs / p.medianMs, bound: false };
  // Timed out here, or at a smaller size whose budget times the word ratio exceeds this size's budget,
  // or projected past twice the budget: counted as taking the budget (the cautious bound).
  if (q.status === 'timeout' || q.status === 'skipped' || q.status === 'projected') return { value: PLAN[size].budgetMs / p.medianMs, bound: true };
  return null;
}

function fmtRatio(r) {
  if (!r) return '—';
  const v = r.value >= 10 ? r.value.toFixed(0) : r.value.toFixed(2);
  return `${r.bound ? '> ' : ''}${v}×`;
}

/** Each target: met (true), not met (false) or unknown (null), with the evidence. */
function evaluateTargets(full, srv) {
  const t = [];
  const sizes = SIZE_KEYS;
  const every = (fn) => {
    const per = sizes.map(fn);
    if (per.some((x) => x === false)) return false;
    if (per.some((x) => x === null)) return null;
    return true;
  };
  const alex = sizes.map((s) => ratio(full, 'alex', s));
  t.push({
    id: 'alex',
    text: `README prose: full lint ≥ ${TARGETS.alexThroughputRatio}× alex's throughput on every size`,
    met: every((s, i = sizes.indexOf(s)) => (full.psylint?.[s]?.medianMs == null ? false : alex[i] == null ? null : alex[i].value >= TARGETS.alexThroughputRatio ? true : alex[i].bound ? null : false)),
    detail: sizes.map((s, i) => `${s} ${fmtRatio(alex[i])}`).join(', '),
  });
  const tl = sizes.map((s) => ratio(full, 'textlint-prh', s));
  t.push({
    id: 'textlint',
    text: 'README prose: full lint faster than textlint + prh on every size',
    met: every((s, i = sizes.indexOf(s)) => (full.psylint?.[s]?.medianMs == null ? false : tl[i] == null ? null : tl[i].value > 1 ? true : tl[i].bound ? null : false)),
    detail: sizes.map((s, i) => `${s} ${fmtRatio(tl[i])}`).join(', '),
  });
  const fl = sizes.map((s) => ratio(full, 'floor', s));
  t.push({
    id: 'floor',
    text: `README prose: full lint within ${TARGETS.floorRatio}× of the parse-only floor on every size`,
    met: every((s, i = sizes.indexOf(s)) => (full.psylint?.[s]?.medianMs == null ? false : fl[i] == null ? null : 1 / fl[i].value <= TARGETS.floorRatio ? true : fl[i].bound ? null : false)),
    detail: sizes.map((s, i) => `${s} ${fl[i] ? `${fl[i].bound ? '< ' : ''}${(1 / fl[i].value).toFixed(2)}× the floor` : '—'}`).join(', '),
  });
  const e = srv?.editHover?.edit;
  // Latency only counts if the diagnostics are right: the last edit's must equal a from-scratch lint of the same text.
  const openOk = srv?.editHover?.checkOpen?.match;
  const afterOk = srv?.editHover?.checkAfterEdits?.match;
  const editMet = (ms, limit) => (ms == null ? null : openOk === false ? null : afterOk === false ? false : ms <= limit);
  const editNote = openOk === false ? ' (unknown: the server and the engine disagree even on the opened document)' : afterOk === false ? ' (but the diagnostics after the edits differ from a from-scratch lint)' : '';
  t.push({ id: 'editP50', text: `Edit → diagnostics p50 ≤ ${TARGETS.editP50Ms} ms`, met: editMet(e?.p50Ms, TARGETS.editP50Ms), detail: e ? `${fmtMs(e.p50Ms)} over ${e.count} edits${editNote}` : 'not measured' });
  t.push({ id: 'editP95', text: `Edit → diagnostics p95 ≤ ${TARGETS.editP95Ms} ms`, met: editMet(e?.p95Ms, TARGETS.editP95Ms), detail: e ? `${fmtMs(e.p95Ms)} over ${e.count} edits${editNote}` : 'not measured' });
  const h = srv?.editHover?.hover;
  t.push({ id: 'hover', text: `Hover p50 ≤ ${TARGETS.hoverP50Ms} ms`, met: h?.p50Ms == null ? null : h.p50Ms <= TARGETS.hoverP50Ms, detail: h ? `${h.p50Ms?.toFixed(2)} ms over ${h.count} hovers` : 'not measured' });
  const c = srv?.coldStart;
  t.push({ id: 'coldStart', text: `Cold start to first diagnostics ≤ ${TARGETS.coldStartMs} ms`, met: c?.medianMs == null ? null : c.medianMs <= TARGETS.coldStartMs, detail: c?.medianMs != null ? `${fmtMs(c.medianMs)} (median of ${c.repeats})` : 'not measured' });
  const m = srv?.memory;
  t.push({
    id: 'memory',
    text: `Server peak memory ≤ ${TARGETS.peakRssMB} MB with the 1M-word document open`,
    met: m?.finished ? m.peakRssMB <= TARGETS.peakRssMB : m?.peakRssMB != null && m.peakRssMB > TARGETS.peakRssMB ? false : null,
    detail: m ? `${m.peakRssMB ?? '—'} MB${m.finished ? '' : ' (diagnostics did not finish)'}` : 'not measured',
  });
  const p100 = full.psylint?.['100k']?.medianMs;
  const p1m = full.psylint?.['1M']?.medianMs;
  const psylint1M = full.psylint?.['1M'];
  t.push({
    id: 'scaling',
    text: `README prose: 1M-word full lint ≤ ${TARGETS.scale1Mover100k}× the 100k run`,
    met: p100 != null && p1m != null ? p1m / p100 <= TARGETS.scale1Mover100k : psylint1M && psylint1M.status !== 'ok' ? false : null,
    detail: p100 != null && p1m != null ? `${(p1m / p100).toFixed(1)}×` : 'not measured',
  });
  return t;
}

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => (align?.[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (align?.[i] === 'l' ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|') + '|';
  return [line(headers), sep, ...rows.map(line)].join('\n');
}

function cellFor(r) {
  if (!r) return '—';
  if (r.status === 'ok') return `${fmtMs(r.medianMs)} (${r.runsMs.length})`;
  if (r.status === 'projected') return `DNF (proj. ${fmtMs(r.projectedMs)})`;
  if (r.status === 'timeout') return 'DNF (timeout)';
  if (r.status === 'skipped') return 'DNF';
  return 'crashed';
}

function tables(full, corpora) {
  const tools = TOOLS;
  const headers = ['tool', ...SIZE_KEYS.map((s) => `${s} (${fmtInt(corpora.words[s])} w)`)];
  const align = ['l', ...SIZE_KEYS.map(() => 'r')];
  const times = table(headers, tools.map((tool) => [LABEL[tool], ...SIZE_KEYS.map((s) => cellFor(full[tool][s]))]), align);
  const rates = table(headers, tools.map((tool) => [LABEL[tool], ...SIZE_KEYS.map((s) => (full[tool][s]?.medianMs ? fmtRate(corpora.words[s] / (full[tool][s].medianMs / 1000)) : '—'))]), align);
  const ratios = table(headers, tools.filter((t) => t !== 'psylint').map((tool) => [LABEL[tool], ...SIZE_KEYS.map((s) => fmtRatio(ratio(full, tool, s)))]), align);
  const rss = table(headers, tools.map((tool) => [LABEL[tool], ...SIZE_KEYS.map((s) => (full[tool][s]?.peakRssMB ? `${Math.round(full[tool][s].peakRssMB)} MB${full[tool][s].peakRssAtKill ? ' (killed)' : ''}` : '—'))]), align);
  const messages = table(headers, tools.filter((t) => !t.startsWith('floor')).map((tool) => [LABEL[tool], ...SIZE_KEYS.map((s) => (full[tool][s]?.status === 'ok' ? fmtInt(full[tool][s].messages) : '—'))]), align);
  return { times, rates, ratios, rss, messages };
}

function serverTable(srv) {
  const e = srv.editHover ?? {};
  const rows = [
    ['Cold start → first diagnostics (~1k words)', srv.coldStart?.medianMs != null ? `${fmtMs(srv.coldStart.medianMs)} median of ${srv.coldStart.repeats} (${srv.coldStart.samplesMs.map((x) => x.toFixed(0)).join(', ')} ms); initialize ${fmtMs(srv.coldStart.initializeMedianMs)}` : srv.coldStart?.error ?? '—'],
    [`Open → first diagnostics (${e.document ?? '100k'})`, e.openToDiagnosticsMs != null ? `${fmtMs(e.openToDiagnosticsMs)}, ${e.openDiagnostics} diagnostics` : e.error ?? '—'],
    ['Edit → diagnostics p50 / p95', e.edit ? `${fmtMs(e.edit.p50Ms)} / ${fmtMs(e.edit.p95Ms)} over ${e.edit.count} one-character edits (line ${e.editLine})` : '—'],
    [
      'Server diagnostics = from-scratch engine lint',
      ['checkOpen', 'checkAfterEdits'].map((k, i) => {
        const c = e[k];
        const when = i === 0 ? 'on open' : 'after the edits';
        return c ? `${when}: ${c.match ? `yes (${c.server})` : `NO (server ${c.server}, engine ${c.engine})`}` : `${when}: —`;
      }).join('; '),
    ],
    ['Hover p50 / p95', e.hover ? `${e.hover.p50Ms?.toFixed(2)} ms / ${e.hover.p95Ms?.toFixed(2)} ms over ${e.hover.count} hovers (${e.hover.withContent} with content)` : '—'],
    [`Peak RSS, ${srv.memory?.document ?? '1M'} document open`, srv.memory?.peakRssMB != null ? `${srv.memory.peakRssMB} MB (RSS after: ${srv.memory.rssAfterMB} MB; ${srv.memory.finished ? `diagnostics in ${fmtMs(srv.memory.openToDiagnosticsMs)}, ${srv.memory.diagnostics} diagnostics` : `diagnostics did not finish: ${srv.memory.error ?? srv.memory.skipped}`})` : srv.memory?.error ?? '—'],
    ...(srv.memoryV8Defaults ? [[`Peak RSS, ${srv.memory?.document ?? '1M'} document open, V8's default heap settings`, srv.memoryV8Defaults.peakRssMB != null ? `${srv.memoryV8Defaults.peakRssMB} MB` : srv.memoryV8Defaults.error ?? '—']] : []),
    [`Peak RSS, ${e.document ?? '100k'} document after the edits`, e.serverMemory?.hwmMB != null ? `${e.serverMemory.hwmMB} MB` : '—'],
  ];
  return table(['measure', 'result'], rows, ['l', 'l']);
}

function targetLines(targets) {
  return targets.map((t) => `- ${t.met === true ? '✅ met' : t.met === false ? '❌ not met' : '❔ unknown'} — ${t.text}: ${t.detail}`).join('\n');
}

async function main() {
  const started = Date.now();
  for (const f of [SERVER_JS, ENGINE_JS]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`node scripts/build.mjs\` first (npm run bench does)`);
  }
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}`, loadavgStart: loadavg() };
  log(`Psylint benchmark — ${new Date().toISOString()} — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadavgStart.join(' ')}`);
  if (QUICK) log('BENCH_QUICK=1: 1k and 10k only; server on the 10k document');

  const psych = { name: 'psych', ...buildPsychCorpora(ROOT, TMP) };
  log(`\n— psychology corpora (bench/tmp/psych-*.md): ${psych.sources.psychDrafts.length} drafts, ${fmtInt(psych.sources.sourceWords)} words, repeated with "Revision n." in each paragraph`);
  for (const s of SIZES) log(`  ${s.key.padEnd(5)} ${fmtInt(psych.words[s.key]).padStart(9)} words  ${fmtInt(psych.bytes[s.key]).padStart(10)} bytes  repeated source text ${(psych.repeatedShare[s.key] * 100).toFixed(1)}%  identical paragraphs ${(psych.duplicateParagraphShare[s.key] * 100).toFixed(1)}%  sha1 ${psych.sha1[s.key]}`);
  const corpora = { name: 'readme', ...buildCorpora(ROOT, TMP) };
  log('\n— README-prose corpora (bench/tmp/corpus-*.md)');
  for (const s of SIZES) log(`  ${s.key.padEnd(5)} ${fmtInt(corpora.words[s.key]).padStart(9)} words  ${fmtInt(corpora.bytes[s.key]).padStart(10)} bytes  psychology ${(corpora.psychShare[s.key] * 100).toFixed(0)}%  repeated paragraphs ${(corpora.duplicateParagraphShare[s.key] * 100).toFixed(1)}%  sha1 ${corpora.sha1[s.key]}`);

  log('\n=== psychology prose');
  const fullPsych = await fullLint(psych);
  log('\n=== README prose');
  const full = process.env.BENCH_NO_README === '1' ? Object.fromEntries(TOOLS.map((t) => [t, {}])) : await fullLint(corpora);
  const adv = QUICK || process.env.BENCH_TOOLS || process.env.BENCH_NO_README === '1' ? { documents: [] } : await adversarial(corpora, full);
  const srv = process.env.BENCH_NO_SERVER === '1' ? {} : await server(psych);
  const ws = process.env.BENCH_NO_WORKSPACE === '1' ? null : await workspaceFigures({ quick: QUICK, log });
  machine.loadavgEnd = loadavg();

  const words = Object.fromEntries(SIZES.map((s) => [s.key, corpora.words[s.key]]));
  const medians = (f) => Object.fromEntries(['psylint', ...PEERS].map((tool) => [tool, Object.fromEntries(SIZES.map((s) => [s.key, f[tool]?.[s.key]?.medianMs != null ? +f[tool][s.key].medianMs.toFixed(2) : null]))]));
  const fullJson = medians(full);
  const e = srv.editHover ?? {};
  const results = {
    words,
    full: fullJson,
    server: {
      editP50Ms: e.edit?.p50Ms != null ? +e.edit.p50Ms.toFixed(2) : null,
      editP95Ms: e.edit?.p95Ms != null ? +e.edit.p95Ms.toFixed(2) : null,
      hoverP50Ms: e.hover?.p50Ms != null ? +e.hover.p50Ms.toFixed(3) : null,
      hoverP95Ms: e.hover?.p95Ms != null ? +e.hover.p95Ms.toFixed(3) : null,
      coldStartMs: srv.coldStart?.medianMs != null ? +srv.coldStart.medianMs.toFixed(1) : null,
      peakRssMB: srv.memory?.finished ? srv.memory.peakRssMB : null,
      peakRssV8DefaultsMB: srv.memoryV8Defaults?.finished ? srv.memoryV8Defaults.peakRssMB : null,
      execArgv: srv.execArgv ?? null,
      document: 'psychology prose',
    },
    psych: { words: Object.fromEntries(SIZES.map((s) => [s.key, psych.words[s.key]])), repeatedShare: psych.repeatedShare, full: medians(fullPsych) },
    workspace: ws && { files: ws.files, words: ws.words, jobs: ws.jobs, oneJobMs: +ws.oneJobMs.toFixed(0), allCoresMs: +ws.allCoresMs.toFixed(0), speedup: +ws.speedup.toFixed(2), defaultThreads: ws.defaultThreads, defaultMs: +ws.defaultMs.toFixed(0), machineThroughput: +ws.machineThroughput.toFixed(2), oneJobCpuMs: +ws.oneJobCpuMs.toFixed(0), allCoresCpuMs: +ws.allCoresCpuMs.toFixed(0), cachedMs: +ws.cachedMs.toFixed(0), cachedShare: +ws.cachedShare.toFixed(3) },
  };
  const targets = [...psychTargets(fullPsych, ws), ...evaluateTargets(full, srv)];
  const tbl = tables(full, corpora);
  const tblPsych = tables(fullPsych, psych);
  const elapsedS = Math.round((Date.now() - started) / 1000);

  const runsNote = SIZE_KEYS.map((s) => `${s}: up to ${PLAN[s].maxRuns} runs, ${PLAN[s].budgetMs / 1000} s budget per run`).join('; ');
  log('\n— psychology prose, full lint: median time (measured runs)\n' + tblPsych.times);
  log('\n— psychology prose, Psylint speed-up over each\n' + tblPsych.ratios);
  log('\n— README prose, full lint: median time (measured runs)\n' + tbl.times);
  log('\n— words per second\n' + tbl.rates);
  log('\n— Psylint speed-up over each (their time ÷ Psylint time; "> x" when they did not finish)\n' + tbl.ratios);
  log('\n— server\n' + serverTable(srv));
  log('\n— targets\n' + targetLines(targets));
  log(`\n(${runsNote}; load average ${machine.loadavgStart.join(' ')} at start, ${machine.loadavgEnd.join(' ')} at end; ${elapsedS} s in all)`);

  if (QUICK || process.env.BENCH_TOOLS || process.env.BENCH_NO_SERVER === '1') {
    log('\nPartial run (BENCH_QUICK, BENCH_TOOLS or BENCH_NO_SERVER): bench/results.json, RESULTS.md and the plots left as they were; see bench/tmp/results-partial.json and scaling-partial.svg.');
    fs.writeFileSync(path.join(TMP, 'results-partial.json'), JSON.stringify({ results, full, fullPsych, server: srv, corpora, psych, workspace: ws, machine, targets }, null, 2) + '\n');
    fs.writeFileSync(path.join(TMP, 'scaling-partial.svg'), scalingSvg({ full, words, sizes: SIZE_KEYS, tools: TOOLS, labels: LABEL, budgets: Object.fromEntries(SIZE_KEYS.map((s) => [s, PLAN[s].budgetMs])) }));
    return;
  }

  fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  const detail = {
    date: new Date().toISOString(),
    elapsedS,
    machine,
    plan: { sizes: PLAN, setupBudgetMs: SETUP_BUDGET_MS, server: { ...SERVER_PLAN }, projection: PROJECT },
    corpora: { ...corpora, files: Object.fromEntries(Object.entries(corpora.files).map(([k, f]) => [k, path.relative(ROOT, f)])) },
    full: detailOf(full, corpora),
    psych: { ...psych, files: Object.fromEntries(Object.entries(psych.files).map(([k, f]) => [k, path.relative(ROOT, f)])) },
    fullPsych: detailOf(fullPsych, psych),
    workspace: ws,
    server: srv,
    adversarial: adv,
    targets,
  };
  fs.writeFileSync(path.join(BENCH, 'results-detail.json'), JSON.stringify(detail, null, 2) + '\n');
  const svg = scalingSvg({ full, words, sizes: SIZE_KEYS, tools: TOOLS, labels: LABEL, budgets: Object.fromEntries(SIZE_KEYS.map((s) => [s, PLAN[s].budgetMs])) });
  fs.writeFileSync(path.join(BENCH, 'scaling.svg'), svg);
  // The README shows the PNG: the VS Code Marketplace (vsce) refuses SVG images in a README.
  const { Resvg } = require('@resvg/resvg-js');
  fs.writeFileSync(path.join(BENCH, 'scaling.png'), new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng());
  fs.writeFileSync(path.join(BENCH, 'RESULTS.md'), resultsMarkdown({ corpora, tbl, srv, targets, machine, runsNote, elapsedS, full, adv, psych, tblPsych, ws }));
  log('\nWrote bench/results.json, bench/results-detail.json, bench/RESULTS.md, bench/scaling.svg and bench/scaling.png.');
}

function detailOf(full, corpora) {
  return Object.fromEntries(Object.entries(full).map(([tool, bySize]) => [tool, Object.fromEntries(Object.entries(bySize).map(([s, r]) => [s, { ...r, runsMs: r.runsMs?.map((x) => +x.toFixed(2)), wordsPerSecond: r.medianMs ? Math.round(corpora.words[s] / (r.medianMs / 1000)) : null }]))]));
}

/** Issue 20's targets on psychology prose and on the workspace. */
function psychTargets(full, ws) {
  const at = (tool, sizes, min) => {
    const rs = sizes.map((s) => ratio(full, tool, s));
    const met = rs.some((r) => r && !r.bound && r.value < min) ? false : rs.every((r) => r && r.value >= min) ? true : null;
    return { met, detail: sizes.map((s, i) => `${s} ${fmtRatio(rs[i])}`).join(', ') };
  };
  const p100 = full.psylint?.['100k']?.medianMs;
  const p1m = full.psylint?.['1M'];
  const rss = Math.max(...SIZE_KEYS.map((s) => full.psylint?.[s]?.peakRssMB ?? 0));
  return [
    { id: 'psych-alex', text: 'Psychology prose: ≥ 10× alex at 10k and 100k words', ...at('alex', ['10k', '100k'], 10) },
    { id: 'psych-textlint', text: 'Psychology prose: ≥ 3× textlint + prh at 10k and 100k words', ...at('textlint-prh', ['10k', '100k'], 3) },
    { id: 'psych-scaling', text: 'Psychology prose: 1M words ≤ 11× the 100k time', met: p100 != null && p1m?.medianMs != null ? p1m.medianMs / p100 <= 11 : p1m && p1m.status !== 'ok' ? false : null, detail: p100 != null && p1m?.medianMs != null ? `${(p1m.medianMs / p100).toFixed(1)}×` : 'not measured' },
    { id: 'psych-memory', text: 'Psychology prose: peak memory < 300 MB', met: rss ? rss < 300 : null, detail: rss ? `${Math.round(rss)} MB at ${SIZE_KEYS.at(-1)}` : 'not measured' },
    { id: 'workspace-jobs', text: `Workspace: all cores ≥ 1.7× one job (${ws?.files ?? '—'} files)`, met: ws ? ws.speedup >= 1.7 : null, detail: ws ? `${ws.speedup.toFixed(2)}× on ${ws.jobs} jobs (the machine gave ${ws.jobs} spinning threads ${ws.machineThroughput.toFixed(2)}× one; one job keeps ${ws.oneJobCores.toFixed(2)} cores busy, so at most ${(ws.jobs / ws.oneJobCores).toFixed(2)}×)` : 'not measured' },
    { id: 'workspace-cache', text: 'Workspace: a cached re-run ≤ 10 % of the cold run', met: ws ? ws.cachedShare <= 0.1 : null, detail: ws ? `${(ws.cachedShare * 100).toFixed(1)}%` : 'not measured' },
  ];
}

function resultsMarkdown({ corpora, tbl, srv, targets, machine, runsNote, elapsedS, full, adv, psych, tblPsych, ws }) {
  const corpusTable = table(
    ['size', 'words', 'bytes', 'psychology drafts', 'repeated paragraphs', 'sha1'],
    SIZES.map((s) => [s.key, fmtInt(corpora.words[s.key]), fmtInt(corpora.bytes[s.key]), `${(corpora.psychShare[s.key] * 100).toFixed(0)}%`, `${(corpora.duplicateParagraphShare[s.key] * 100).toFixed(1)}%`, corpora.sha1[s.key]]),
    ['l', 'r', 'r', 'r', 'r', 'l'],
  );
  const notes = [];
  for (const tool of TOOLS) {
    for (const s of SIZE_KEYS) {
      const r = full[tool][s];
      if (r && r.status !== 'ok' && r.status !== 'skipped') notes.push(`- ${LABEL[tool]} at ${s}: ${r.status === 'projected' ? 'not run' : r.status} — ${r.note}.`);
      if (r?.cacheSuspected) notes.push(`- ${LABEL[tool]} at ${s}: the later runs took under half the first (${r.runsMs.map((x) => x.toFixed(0)).join(', ')} ms), but a text of the same size that no run had linted took ${fmtMs(r.controlMs)}: check for a cache answering repeated full lints.`);
      else if (r?.controlMs != null && r.runsMs.length > 2 && median(r.runsMs.slice(1)) < 0.5 * r.runsMs[0]) notes.push(`- ${LABEL[tool]} at ${s}: the later runs took under half the first (${r.runsMs.map((x) => x.toFixed(0)).join(', ')} ms); a text of the same size that no run had linted took ${fmtMs(r.controlMs)}, so the first run is warm-up of the JIT, not a cache at work.`);
    }
  }
  const e = srv.editHover ?? {};
  if (e.edit && e.edit.count < e.edit.requested) notes.push(`- Edits: ${e.edit.count} of ${e.edit.requested} measured; the run stops typing after ${SERVER_PLAN.edits.capMs / 1000} s (at least ${SERVER_PLAN.edits.min} edits) while each edit costs a full re-lint.`);
  if (e.hover && e.hover.withContent < e.hover.count) notes.push(`- Hover: ${e.hover.count - e.hover.withContent} of ${e.hover.count} hovers on engine term matches came back empty.`);
  return `# Benchmark results

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node}. Load average ${machine.loadavgStart.join(' / ')} at the start and ${machine.loadavgEnd.join(' / ')} at the end (this machine is shared: compare runs, not single figures). ${elapsedS} s in all. Raw numbers: \`results.json\` (summary) and \`results-detail.json\` (every run).

![Full-lint time against document size, log-log](scaling.svg)

## Psychology prose (the users' workload)

\`bench/corpus.mjs\` (\`buildPsychCorpora\`) reads ${psych.sources.psychDrafts.length} psychology drafts at run time (${fmtInt(psych.sources.sourceWords)} words: \`examples/\`, \`eval/drafts/\`, \`eval/heldout*/drafts/\`, then \`../shared/realworld/\` and \`../shared/corpus/\` where present; never copied into the repository), whole and in sorted order, round after round, into \`bench/tmp/psych-*.md\`. From the second round on, every paragraph, heading, list item, quote, table and HTML block of prose gets "Revision n." before its first words, so no cache keyed by a paragraph can answer a repetition; code and front matter stay identical (the "identical paragraphs" column). Each size is a prefix of the next. Same workers, warm-up (\`psych-warmup.md\`, the stream's continuation), budgets and DNF rules as the README-prose table below.

${table(
  ['size', 'words', 'bytes', 'repeated source text', 'identical paragraphs', 'sha1'],
  SIZES.map((s) => [s.key, fmtInt(psych.words[s.key]), fmtInt(psych.bytes[s.key]), `${(psych.repeatedShare[s.key] * 100).toFixed(1)}%`, `${(psych.duplicateParagraphShare[s.key] * 100).toFixed(1)}%`, psych.sha1[s.key]]),
  ['l', 'r', 'r', 'r', 'r', 'l'],
)}

Median time (runs):

${tblPsych.times}

Words per second:

${tblPsych.rates}

Psylint's speed-up over each:

${tblPsych.ratios}

Peak RSS:

${tblPsych.rss}

Messages reported:

${tblPsych.messages}

## Workspace

${ws ? `\`bench/workspace.mjs\`: ${fmtInt(ws.files)} generated drafts of about 250 words (${fmtInt(ws.words)} words from the same psychology stream, so no two files share a paragraph), \`node bin/psylint.js --format json .\` as whole processes, wall-clock median of ${ws.runs.one.length} runs, one job, ${ws.jobs} jobs and no --jobs taken in turn, \`CI=1\` (no progress line). CPU time is the process's own (\`process.resourceUsage()\` at exit, through \`bench/cpu-report.cjs\`): every thread, V8's compiler and garbage-collector threads included. One job keeps more than one core busy, because V8 compiles the hot code on a thread beside the lint; on ${ws.jobs} cores that share is not there for a second lint thread, which also compiles the same code again for itself, so ${ws.jobs} jobs can be at most ${ws.jobs} ÷ ${ws.oneJobCores.toFixed(2)} = ${(ws.jobs / ws.oneJobCores).toFixed(2)}× faster than one here.

${table(
  ['run', 'time', 'ratio'],
  [
    ['cold, --jobs 1', fmtMs(ws.oneJobMs), `CPU time ${fmtMs(ws.oneJobCpuMs)} (all threads): ${ws.oneJobCores.toFixed(2)} cores busy`],
    [`cold, --jobs ${ws.jobs} (all cores)`, fmtMs(ws.allCoresMs), `${ws.speedup.toFixed(2)}× faster than one job; CPU time ${fmtMs(ws.allCoresCpuMs)}, ${(ws.allCoresCpuMs / ws.oneJobCpuMs).toFixed(2)}× one job's`],
    [`cold, no --jobs (the default: ${ws.defaultThreads} thread${ws.defaultThreads === 1 ? '' : 's'} for ${(ws.chars / 1e6).toFixed(1)} million characters)`, fmtMs(ws.defaultMs), `${(ws.oneJobMs / ws.defaultMs).toFixed(2)}× one job`],
    [`${ws.jobs} threads spinning, against one (what the machine gave; at most ${ws.jobs}×)`, '', `${ws.machineThroughput.toFixed(2)}×`],
    ['--cache, filling it', fmtMs(ws.cacheFillMs), ''],
    ['--cache, re-run on the unchanged workspace', fmtMs(ws.cachedMs), `${(ws.cachedShare * 100).toFixed(1)}% of the cold run on all cores`],
  ],
  ['l', 'r', 'l'],
)}` : 'Not measured (BENCH_NO_WORKSPACE=1).'}

## README prose (second table)

### Corpora

Built at run time by \`bench/corpus.mjs\` into \`bench/tmp/\`: README and \`docs/\` Markdown of the packages in \`node_modules\`, then of the npm bundled with Node, then Node's own docs where installed (each set in sorted path order, identical files once, non-Latin-script files left out, licence/contribution paragraphs of 8+ words that already appeared skipped), with the psychology drafts (\`examples/\`, \`eval/drafts/\`, \`/work/shared/corpus/\`) interleaved to keep them at about 20% of the words. Each size is a prefix of the next, cut at a blank line. Later copies of a draft carry "Revision n." in front of each prose paragraph so that no paragraph repeats exactly. A word is a run of non-whitespace (\`wc -w\`), code included.

${corpusTable}

### Full lint

Every tool runs in its own child process per size (\`bench/worker.mjs\`): load, warm up on \`bench/tmp/warmup.md\` (${fmtInt(corpora.words.warmup)} words that share no paragraph with the corpora), then time whole-document lints after a forced GC. Psylint is its engine's \`lint()\` (out/bench/engine.js) with the bundled glossary built once, and no \`cache\` option: a lint from scratch (the server passes a per-document cache; that is what the edit latency below measures). Peers: alex 11 (\`markdown()\`), write-good 1 (on the raw text), harper.js 2 (a new \`LocalLinter\` per run, since a linter answers a text it has seen from its cache; inlined WASM; markdown), textlint 15 kernel with the Markdown plugin and textlint-rule-prh on \`bench/prh.yml\` (33 rules of our own), and the floor: remark-parse → remark-retext → retext-english (this project's versions) with no rules, on the whole document as alex runs its pipeline (alex adds remark-gfm and remark-frontmatter, so the floor is the lower of the two). "floor, 20 kB pieces" is the same pipeline on pieces cut at blank lines (not a target, shown because the whole-document parse grows faster than linearly). ${runsNote}; runs stop early once their total passes a few seconds (the count is in brackets). DNF: did not finish — killed at the budget ("timeout"), or not started because the previous size's median times the word ratio exceeds ${PROJECTION_MARGIN}× the budget ("proj.": an estimate, since cost per word is not uniform, hence the margin; \`BENCH_NO_PROJECT=1\` measures it instead). Where a tool did not finish, ratios count it as taking the budget, so they are lower bounds ("> x").

Median time (runs):

${tbl.times}

Words per second:

${tbl.rates}

Psylint's speed-up over each (their time ÷ Psylint's; "> x" where they did not finish, counting the budget as their time):

${tbl.ratios}

Peak RSS of each tool's process:

${tbl.rss}

Messages reported (a sanity check that each tool did its work):

${tbl.messages}

## Adversarial documents

Psylint alone, in the same worker (warm-up, forced GC, up to 3 runs), on documents built to be hard (\`bench/adversarial.mjs\`; \`test/unit/adversarial.test.ts\` bounds the same kinds generously). Cost per character is compared with the 100k corpus's full lint (${adv.proseUsPerChar != null ? adv.proseUsPerChar.toFixed(2) + ' µs per character' : '—'}): a large factor on a large document would mean superlinear work.

${adversarialTable(adv)}

## Language server

\`node ${[...(srv.execArgv ?? []), 'dist/server.js', '--stdio'].join(' ')}\` (as the extension starts it: no Node options unless BENCH_SERVER_NODE_OPTIONS gives some), driven as an editor would (pull diagnostics, incremental sync), in a workspace whose \`.psylint.yaml\` raises \`maxFileSize\` so the 1M-word document is linted, not skipped. Cold start: spawn → initialize → didOpen of the 1k document → its pulled diagnostics (one unmeasured start first). Edits: one character at a time typed at the end of a prose line in the middle of the 100k document, each followed by a \`textDocument/diagnostic\` request; the time is from sending didChange to the response (${SERVER_PLAN.edits.warmup} warm-up edits not counted, ${SERVER_PLAN.edits.pauseMs} ms pause between edits). Hovers: on glossary terms the engine matched in that document, seeded random positions (seed ${SERVER_PLAN.hover.seed}), ${SERVER_PLAN.hover.warmup} warm-up. Memory: VmHWM from /proc of a fresh server after the 1M document's diagnostics; measured a second time without them when Node options were given.

${serverTable(srv)}

## Targets

${targetLines(targets)}
${notes.length ? `\n## Notes\n\n${notes.join('\n')}\n` : ''}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
