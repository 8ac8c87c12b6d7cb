// The workspace figures of `npm run bench`: the psylint CLI on a generated
// workspace of psychology drafts (bench/corpus.mjs buildWorkspace), cold on
// one job, on all cores and with no --jobs (the default, pool.ts autoJobs;
// runs taken in turn), then a re-run answered by --cache. Whole processes,
// wall-clock time.
//
// Alone: node bench/workspace.mjs (BENCH_QUICK=1 for 200 files instead of 2,000).

import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildWorkspace } from './corpus.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const CLI = path.join(ROOT, 'bin', 'psylint.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const CPU_FILE = path.join(BENCH, 'tmp', 'workspace-cpu.txt');

/** One CLI run over the workspace; its wall-clock time in ms (its CPU time, all threads, pushed to `cpu` if given). Exit 0 or 1 (findings) is success. */
function timeRun(dir, args, cpu) {
  fs.rmSync(CPU_FILE, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(BENCH, 'cpu-report.cjs'), CLI, '--format', 'json', ...args, '.'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CI: '1', BENCH_CPU_FILE: CPU_FILE },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`psylint ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  cpu?.push(Number(fs.readFileSync(CPU_FILE, 'utf8')));
  return ms;
}

/**
 * What the machine gives N threads at the moment: N threads each spinning
 * through the same loop, against one thread; N× on idle cores, less when
 * other processes hold them (this machine is shared). Reported beside the
 * speed-up so a low figure can be read.
 */
async function parallelThroughput(n) {
  const spin = 'let x = 0; for (let i = 0; i < 1e8; i++) x = (x + i * 7) % 1000003; require("node:worker_threads").parentPort.postMessage(x);';
  const wall = async (threads) => {
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: threads }, () => new Promise((resolve) => new Worker(spin, { eval: true }).once('message', resolve))));
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const one = await wall(1);
  const many = await wall(n);
  return (n * one) / many;
}

export async function workspaceFigures({ quick = false, log = console.log } = {}) {
  const files = quick ? 200 : 2000;
  const runs = quick ? 2 : 3;
  const jobs = os.availableParallelism();
  const ws = buildWorkspace(ROOT, path.join(BENCH, 'tmp', 'workspace-drafts'), files, 250);
  log(`\n— workspace: ${ws.files} files, ${ws.words.toLocaleString('en-US')} words of psychology drafts (bench/tmp/workspace-drafts), psylint CLI, ${runs} runs each, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const one = [];
  const all = [];
  const oneCpu = [];
  const allCpu = [];
  const auto = [];
  timeRun(ws.dir, ['--jobs', String(jobs)]); // warms the file system cache, unmeasured
  for (let i = 0; i < runs; i++) {
    // Taken in turn, so a change in the machine's load falls on each.
    one.push(timeRun(ws.dir, ['--jobs', '1'], oneCpu));
    all.push(timeRun(ws.dir, ['--jobs', String(jobs)], allCpu));
    auto.push(timeRun(ws.dir, []));
  }
  const { autoJobs } = createRequire(import.meta.url)(path.join(ROOT, 'out', 'bench', 'engine.js'));
  const defaultThreads = autoJobs(ws.chars, jobs);
  const throughput = await parallelThroughput(jobs);
  const cacheFile = path.join(ws.dir, '..', 'workspace.psylintcache');
  fs.rmSync(cacheFile, { force: true });
  const cacheArgs = ['--jobs', String(jobs), '--cache', '--cache-location', cacheFile];
  const filling = timeRun(ws.dir, cacheArgs);
  const cached = [];
  for (let i = 0; i < runs; i++) cached.push(timeRun(ws.dir, cacheArgs));
  const out = {
    files: ws.files,
    words: ws.words,
    jobs,
    oneJobMs: median(one),
    allCoresMs: median(all),
    speedup: median(one) / median(all),
    chars: ws.chars,
    defaultThreads,
    defaultMs: median(auto),
    cacheFillMs: filling,
    cachedMs: median(cached),
    cachedShare: median(cached) / median(all),
    machineThroughput: throughput,
    // Median CPU time of the same runs (all threads of the process).
    oneJobCpuMs: median(oneCpu),
    allCoresCpuMs: median(allCpu),
    runs: { one, all, auto, cached, oneCpu, allCpu },
  };
  // One job already keeps more than one core busy (V8 compiles and collects garbage on threads of its own):
  // that share of the machine is not there for a second lint thread, which also compiles the same code again.
  out.oneJobCores = out.oneJobCpuMs / out.oneJobMs;
  log(`  cold, 1 job:            ${out.oneJobMs.toFixed(0)} ms (${one.map((x) => x.toFixed(0)).join(', ')})`);
  log(`  cold, ${jobs} jobs:           ${out.allCoresMs.toFixed(0)} ms (${all.map((x) => x.toFixed(0)).join(', ')}): ${out.speedup.toFixed(2)}× faster (target ≥ 1.7× on 2 cores)`);
  log(`  cold, no --jobs:         ${out.defaultMs.toFixed(0)} ms (${auto.map((x) => x.toFixed(0)).join(', ')}): ${defaultThreads} thread(s) for ${(ws.chars / 1e6).toFixed(1)} million characters, ${(out.oneJobMs / out.defaultMs).toFixed(2)}× one job`);
  log(`  (the machine gave ${jobs} spinning threads ${throughput.toFixed(2)}× the throughput of one, at most ${jobs}×)`);
  log(`  CPU time, all threads:   1 job ${out.oneJobCpuMs.toFixed(0)} ms (${out.oneJobCores.toFixed(2)} cores busy), ${jobs} jobs ${out.allCoresCpuMs.toFixed(0)} ms (${(out.allCoresCpuMs / out.oneJobCpuMs).toFixed(2)}× one job's)`);
  log(`  --cache, filling it:    ${filling.toFixed(0)} ms`);
  log(`  --cache, re-run:        ${out.cachedMs.toFixed(0)} ms (${cached.map((x) => x.toFixed(0)).join(', ')}): ${(out.cachedShare * 100).toFixed(1)}% of the cold run on ${jobs} jobs (target ≤ 10%)`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await workspaceFigures({ quick: process.env.BENCH_QUICK === '1' });
