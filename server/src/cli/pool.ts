// Lints many files on all cores: a pool of worker threads (dist/cliWorker.js)
// fed one file at a time. Results come back by index, so the caller can
// print them in the file order whatever order the workers finish in.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SeveritySetting } from '../engine/types';
import { SettingsResolver, type Settings } from '../workspace';
import { lintTask, perFolder, type LintOutcome, type LintTask } from './lintFile';

export interface WorkerData {
  cwd: string;
  configFile?: string;
  /** --allow-outside-glossaries: workers resolve settings exactly as the main thread does. */
  allowOutsideGlossaries?: boolean;
  /** The editor's Lint Workspace: psylint.glossaries (absolute) and psylint.rules over the configuration's. */
  extraGlossaries?: string[];
  ruleOverrides?: Record<string, SeveritySetting>;
}

/** How a worker (and the main thread, linting for one) resolves a file's settings from its WorkerData. */
export function workerSettings(data: WorkerData): (file: string) => Settings {
  const resolver = new SettingsResolver(data.cwd, data.configFile, data.allowOutsideGlossaries, { extraGlossaries: data.extraGlossaries });
  const overrides = data.ruleOverrides;
  return perFolder((file) => {
    const settings = resolver.forFile(file);
    return overrides ? { ...settings, config: { ...settings.config, rules: { ...settings.config.rules, ...overrides } } } : settings;
  });
}

export type WorkerReply = { index: number; outcome: LintOutcome } | { index: number; error: string };

export function defaultJobs(): number {
  return os.availableParallelism();
}

/**
 * Lints `tasks` with up to `jobs` workers and calls `done` once per task.
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
  // One job, or one file: lint here with the caller's settings; no thread is worth its start-up.
  if (jobs <= 1 || tasks.length <= 1) {
    tasks.forEach((task, index) => {
      if (shouldStop()) return;
      try {
        done({ index, outcome: lintTask(task, settingsFor(task.file)) });
      } catch (error) {
        done({ index, error: (error as Error).stack ?? String(error) });
      }
    });
    return;
  }
  const script = workerScript();
  let next = 0;
  await new Promise<void>((resolve) => {
    let running = 0;
    const start = () => {
      if (next >= tasks.length || shouldStop()) {
        if (running === 0) resolve();
        return;
      }
      running++;
      const worker = new Worker(script, { workerData: data });
      let current = -1;
      const feed = () => {
        if (next >= tasks.length || shouldStop()) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, task: tasks[current] });
      };
      worker.on('message', (reply: WorkerReply) => {
        done(reply);
        feed();
      });
      let failure = '';
      worker.on('error', (error) => (failure = error.stack ?? String(error)));
      worker.on('exit', (code) => {
        running--;
        if (current >= 0) {
          // The worker died on this file: report it, and let a fresh worker take the rest.
          done({ index: current, error: failure || `worker stopped with exit code ${code}` });
          current = -1;
        }
        start();
      });
      feed();
    };
    for (let i = 0; i < Math.min(jobs, tasks.length); i++) start();
  });
}

/** dist/cliWorker.js, found above this module (dist/cli.js, or a test bundle in out/). */
export function workerScript(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'cliWorker.js');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no dist/cliWorker.js above ${__dirname}: run npm run build`);
  }
}
