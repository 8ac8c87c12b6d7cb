// Lints many files on several threads (by default as many as autoJobs finds
// worth it): the main thread and `jobs - 1` worker threads (dist/cliWorker.js)
// take files from one queue. Results come back by
// index, so the caller can print them in the file order whatever order the
// threads finish in.
//
// Why the main thread lints too: every thread compiles the engine's hot code
// for itself (V8's optimising compiler runs beside it, on the other core of a
// 2-core machine), so a thread that only waited for results would cost a core's
// share of compiling and copying and lint nothing. Between steps of its own
// lint it tops up each worker's few queued files, so no worker waits for it.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Dialect } from '../engine/dialect';
import type { SeveritySetting } from '../engine/types';
import { SettingsResolver, withOverrides, type Settings } from '../workspace';
import { lintTask, lintTaskSteps, perFolder, type LintOutcome, type LintTask } from './lintFile';

export interface WorkerData {
  cwd: string;
  configFile?: string;
  /** --allow-outside-glossaries: workers resolve settings exactly as the main thread does. */
  allowOutsideGlossaries?: boolean;
  /** The editor's Lint Workspace: psylint.glossaries (absolute) and psylint.rules over the configuration's. */
  extraGlossaries?: string[];
  ruleOverrides?: Record<string, SeveritySetting>;
  /** --dialect or psylint.dialect: over the configuration's `dialect:`. */
  dialect?: Dialect;
}

/** How a worker (and the main thread, linting for one) resolves a file's settings from its WorkerData. */
export function workerSettings(data: WorkerData): (file: string) => Settings {
  const resolver = new SettingsResolver(data.cwd, data.configFile, data.allowOutsideGlossaries, { extraGlossaries: data.extraGlossaries });
  const overrides = { rules: data.ruleOverrides, dialect: data.dialect };
  return perFolder((file) => withOverrides(resolver.forFile(file), overrides));
}

export type WorkerReply = { index: number; outcome: LintOutcome } | { index: number; error: string };

/** Files posted to a worker ahead of its replies: enough that it never waits while the main thread lints a file. */
const QUEUED_PER_WORKER = 4;
/** The main thread's longest stretch of linting before it reads the workers' replies and feeds them. */
const TURN_MS = 5;

/**
 * Characters of drafts that pay for one thread. Every thread compiles the
 * engine's hot code for itself, and V8's compiler threads want a core beside
 * it: on the 2-core machine of bench/workspace.mjs, two threads were slower
 * than one on 4.7 MB of drafts (0.83–0.99×), even at 9.5 MB (1.09×) and
 * ahead at 14 MB (1.2×).
 */
export const CHARS_PER_THREAD = 4_000_000;

/** The default number of threads for `totalChars` of drafts: one per CHARS_PER_THREAD, at least one, at most one per core. */
export function autoJobs(totalChars: number, cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(totalChars / CHARS_PER_THREAD)));
}

/** autoJobs for these drafts (the CLI's files, Lint Workspace's closed drafts). */
export function autoJobsFor(drafts: readonly { text: string }[]): number {
  return autoJobs(drafts.reduce((sum, d) => sum + d.text.length, 0));
}

/**
 * Lints `tasks` on up to `jobs` threads and calls `done` once per task.
 * A task whose worker throws or dies is reported as an error; the others go on.
 * Once `shouldStop` says so (the editor's Lint Workspace was cancelled), no further task starts.
 */
export async function lintAll(
  tasks: LintTask[],
  jobs: number,
  data: WorkerData,
  settingsFor: (file: string) => Settings,
  done: (reply: WorkerReply) => void,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  const here = (index: number, lintHere: () => LintOutcome) => {
    try {
      done({ index, outcome: lintHere() });
    } catch (error) {
      done({ index, error: (error as Error).stack ?? String(error) });
    }
  };
  // One job, or one file: lint here with the caller's settings; no thread is worth its start-up.
  if (jobs <= 1 || tasks.length <= 1) {
    for (const [index, task] of tasks.entries()) {
      if (shouldStop()) return;
      here(index, () => lintTask(task, settingsFor(task.file)));
    }
    return;
  }
  const script = workerScript();
  // Task indices not yet taken, in file order; a dead worker's untouched files go back to the front.
  const queue = tasks.map((_, index) => index);
  // The tests' hook that kills a worker on one file (worker.ts): the main thread leaves that file to the workers.
  const crashTest = process.env.PSYLINT_TEST_CRASH_ON;
  // A cancelled run drops the files no thread has taken; those in flight still answer.
  const dropIfStopped = () => {
    if (shouldStop()) queue.length = 0;
  };
  const takeForMain = (): number | undefined => {
    dropIfStopped();
    const at = crashTest ? queue.findIndex((i) => !tasks[i].file.endsWith(crashTest)) : queue.length ? 0 : -1;
    return at < 0 ? undefined : queue.splice(at, 1)[0];
  };

  const feeders = new Set<() => void>();
  let running = 0;
  let allDone: () => void = () => {};
  const workersDone = new Promise<void>((resolve) => (allDone = resolve));
  const start = () => {
    running++;
    const worker = new Worker(script, { workerData: data });
    // Posted and not yet answered, in the order the worker lints them.
    const posted: number[] = [];
    const feed = () => {
      dropIfStopped();
      while (posted.length < QUEUED_PER_WORKER && queue.length) {
        const index = queue.shift()!;
        posted.push(index);
        worker.postMessage({ index, task: tasks[index] });
      }
      if (posted.length === 0) void worker.terminate();
    };
    worker.on('message', (reply: WorkerReply) => {
      posted.shift();
      done(reply);
      feed();
    });
    let failure = '';
    worker.on('error', (error) => (failure = error.stack ?? String(error)));
    worker.on('exit', (code) => {
      running--;
      if (posted.length) {
        // The worker died on its first unanswered file: report it, and put the others back for the rest.
        done({ index: posted[0], error: failure || `worker stopped with exit code ${code}` });
        queue.unshift(...posted.slice(1));
      }
      if (queue.length) start();
      else if (running === 0) allDone();
    });
    feeders.add(feed);
    worker.on('exit', () => feeders.delete(feed));
    feed();
  };
  for (let i = 0; i < Math.min(jobs - 1, tasks.length - 1); i++) start();

  // The main thread's share: file after file, giving the event loop a turn (replies, feeding) every TURN_MS.
  let turnStart = performance.now();
  const turnDue = () => performance.now() - turnStart >= TURN_MS;
  const takeTurn = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    turnStart = performance.now();
  };
  for (let index = takeForMain(); index !== undefined; index = takeForMain()) {
    const task = tasks[index];
    let outcome: LintOutcome | undefined;
    try {
      const steps = lintTaskSteps(task, settingsFor(task.file));
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          outcome = step.value;
          break;
        }
        if (turnDue()) await takeTurn();
      }
    } catch (error) {
      done({ index, error: (error as Error).stack ?? String(error) });
    }
    if (outcome) done({ index, outcome });
    if (turnDue()) await takeTurn();
  }
  // Workers with nothing left to take end themselves (feed terminates them); wait for their last replies.
  for (const feed of feeders) feed();
  if (running > 0) await workersDone;
}

/** dist/cliWorker.js, found above this module (dist/cli.js, or a test bundle in out/). */
export function workerScript(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'cliWorker.js');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no dist/cliWorker.js above ${__dirname}: run npm run build`);
  }
}
