// Entry of dist/cliWorker.js: a worker thread of the CLI's pool (pool.ts).
// It resolves configuration and glossary from the same paths as the main
// thread, so every file is linted with the same settings.

import { parentPort, workerData } from 'node:worker_threads';
import { lintTask, type LintTask } from './lintFile';
import { workerSettings, type WorkerData, type WorkerReply } from './pool';

const settingsFor = workerSettings(workerData as WorkerData);

parentPort!.on('message', ({ index, task }: { index: number; task: LintTask }) => {
  // Lets the tests crash a worker on one file, as an out-of-memory error would.
  if (process.env.PSYLINT_TEST_CRASH_ON && task.file.endsWith(process.env.PSYLINT_TEST_CRASH_ON)) process.exit(70);
  let reply: WorkerReply;
  try {
    reply = { index, outcome: lintTask(task, settingsFor(task.file)) };
  } catch (error) {
    reply = { index, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
