// Lints one draft: the work the CLI does per file, the same in the main
// thread (--jobs 1) and in a worker thread (pool.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBibliography } from '../bibliography';
import { applyEdits, editsOf, selectFixes } from '../engine/fixes';
import { lintSteps, type ClaimSummary } from '../engine/lint';
import { finish, type Steps } from '../engine/steps';
import type { Finding } from '../engine/types';
import { lintOptionsOf, type Settings } from '../workspace';

/** One file to lint. Plain data, so it can be posted to a worker. */
export interface LintTask {
  /** Absolute path: finds the configuration, the glossary and the bibliography. */
  file: string;
  /** The text as read (a worker does not read the file again). */
  text: string;
  /** Write the safe fixes to `file`. */
  fix: boolean;
}

export interface LintOutcome {
  /** The text the findings refer to, when --fix changed it (else the task's text: not sent back from a worker). */
  text?: string;
  findings: Finding[];
  claims: ClaimSummary;
  /** Problems to report against this file (exit code 2). */
  failures: string[];
}

export function lintTask(task: LintTask, settings: Settings): LintOutcome {
  return finish(lintTaskSteps(task, settings));
}

/** lintTask() in steps: the pool's main thread lints this way, so it can feed the workers between steps. */
export function* lintTaskSteps(task: LintTask, settings: Settings): Steps<LintOutcome> {
  let text = task.text;
  const failures: string[] = [];
  const options = { ...lintOptionsOf(settings), language: task.file, bibliography: loadBibliography(text, task.file) };
  let result = yield* lintSteps(text, options);
  if (task.fix) {
    const fixes = selectFixes(result.findings, { onlySafe: true });
    if (fixes.length) {
      text = applyEdits(text, editsOf(fixes));
      try {
        fs.writeFileSync(task.file, text);
      } catch (error) {
        failures.push(`cannot write fixes: ${(error as Error).message}`);
      }
      result = yield* lintSteps(text, options);
    }
  }
  return { text: text === task.text ? undefined : text, findings: result.findings, claims: result.claims, failures };
}

/** Whether --fix would change a file with these findings. */
export function hasSafeFixes(findings: Finding[]): boolean {
  return selectFixes(findings, { onlySafe: true }).length > 0;
}

/** `forFile` remembered per folder: the nearest configuration is the same for every file of a folder, and looking for it costs a dozen file-system calls. */
export function perFolder(forFile: (file: string) => Settings): (file: string) => Settings {
  const byFolder = new Map<string, Settings>();
  return (file) => {
    const folder = path.dirname(file);
    let settings = byFolder.get(folder);
    if (!settings) byFolder.set(folder, (settings = forFile(file)));
    return settings;
  };
}
