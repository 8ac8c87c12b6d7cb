// Lint Workspace on worker threads in the Node server: the CLI's worker pool
// (server/src/cli/pool.ts, dist/cliWorker.js), given the editor's settings.
// Only server.ts imports this; the web worker has no threads.

import * as path from 'node:path';
import { autoJobsFor, lintAll, workerScript, workerSettings, type WorkerData } from '../cli/pool';
import type { DraftPool } from './workspaceLint';

/** Whether the worker bundle is there (a package built without it lints on the main thread). */
function hasWorker(): boolean {
  try {
    workerScript();
    return true;
  } catch {
    return false;
  }
}

export function nodeDraftPool(): DraftPool {
  let available: boolean | undefined;
  const threads = (drafts: readonly { text: string }[]) =>
    (available ??= hasWorker()) ? Math.min(autoJobsFor(drafts), drafts.length) : 1;
  return {
    threads,
    async lint(drafts, { root, settings }, done, shouldStop) {
      const data: WorkerData = {
        cwd: root,
        allowOutsideGlossaries: settings.allowGlossariesOutsideWorkspace,
        extraGlossaries: settings.glossaries.map((g) => path.resolve(root, g)),
        ruleOverrides: settings.rules,
        dialect: settings.dialect,
      };
      await lintAll(
        drafts.map((d) => ({ file: d.file, text: d.text, fix: false })),
        threads(drafts),
        data,
        workerSettings(data),
        (reply) => done(reply.index, 'error' in reply ? { error: reply.error } : { findings: reply.outcome.findings }),
        shouldStop,
      );
    },
  };
}
