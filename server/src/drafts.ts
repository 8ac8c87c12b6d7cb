// Finding and reading drafts on disk, for the CLI and "Lint Workspace".
// Every failure becomes one message naming the file; nothing throws.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlob, escapeGlob, globBase, isGlob } from './glob';
import { describeError, readCapped } from './readFile';

/** Extensions linted when a directory is given. Plain .txt only when named explicitly. */
export const DRAFT_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd', '.mdx'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '_site', '_freeze', '.quarto', 'renv']);

export interface DraftProblem {
  file: string;
  message: string;
}

export function isDraftFile(file: string): boolean {
  return DRAFT_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Expand files, directories and glob patterns into draft files, in a stable
 * order, without following a symlink into a directory already visited.
 */
export function collectDrafts(args: string[], cwd: string, extraExtensions: readonly string[] = []): { files: string[]; problems: DraftProblem[] } {
  const wanted = (file: string) => isDraftFile(file) || extraExtensions.includes(path.extname(file).toLowerCase());
  const files = new Set<string>();
  const problems: DraftProblem[] = [];
  for (const arg of args) {
    const full = path.resolve(cwd, arg);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(full);
    } catch (error) {
      if (isGlob(arg)) {
        const before = files.size;
        walkGlob(arg, cwd, files, problems);
        if (files.size === before) problems.push({ file: arg, message: 'no drafts match this pattern' });
        continue;
      }
      problems.push({ file: arg, message: describeError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.size;
      walk(full, new Set(), (file) => wanted(file) && files.add(file), problems);
      if (files.size === before) problems.push({ file: arg, message: `no drafts (${DRAFT_EXTENSIONS.join(', ')}) in this directory` });
    } else {
      files.add(full);
    }
  }
  return { files: [...files], problems };
}

function walkGlob(pattern: string, cwd: string, files: Set<string>, problems: DraftProblem[]): void {
  const posix = pattern.split(path.sep).join('/');
  const base = path.resolve(cwd, globBase(posix));
  let isMatch: (file: string) => boolean;
  try {
    isMatch = compileGlob(path.posix.normalize(path.isAbsolute(posix) ? posix : `${escapeGlob(cwd.split(path.sep).join('/'))}/${posix}`));
  } catch (error) {
    problems.push({ file: pattern, message: (error as Error).message });
    return;
  }
  if (!fs.existsSync(base)) return;
  walk(base, new Set(), (file) => isMatch(file.split(path.sep).join('/')) && files.add(file), problems);
}

function walk(dir: string, seen: Set<string>, visit: (file: string) => unknown, problems: DraftProblem[]): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (error) {
    problems.push({ file: dir, message: describeError(error) });
    return;
  }
  if (seen.has(real)) return; // a symlink loop
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: dir, message: describeError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, seen, visit, problems);
    } else if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(full);
        if (stat.isDirectory()) walk(full, seen, visit, problems);
        else visit(full);
      } catch (error) {
        problems.push({ file: full, message: describeError(error) });
      }
    } else if (entry.isFile()) {
      visit(full);
    }
  }
}

export type DraftText = { text: string } | { problem: string };

/** Read a draft as UTF-8 text, refusing binary, non-UTF-8, oversized and non-regular files with a reason. */
export function readDraft(file: string, maxBytes: number): DraftText {
  const read = readCapped(file, maxBytes);
  if ('bytes' in read) return decodeDraft(read.bytes);
  return { problem: read.skipped ? `skipped: ${read.problem}${read.problem.includes('limit') ? ' (maxFileSize)' : ''}` : read.problem };
}

export function decodeDraft(bytes: Uint8Array): DraftText {
  if (bytes.subarray(0, 8192).includes(0)) return { problem: 'skipped: binary file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { problem: 'skipped: not valid UTF-8 text' };
  }
}
