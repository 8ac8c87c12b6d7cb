// Glossary files on disk: the bundled glossary/ folder, a workspace's
// .psylint/glossary.yaml and files named in configuration or settings.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildGlossary, type GlossaryBuild } from './glossary';
import type { GlossaryFile } from './types';
import { MAX_GLOSSARY_BYTES } from './load';
import { readCappedText } from '../readFile';

/** The bundled glossary folder: the nearest `glossary/schema.json` above this module. */
export function bundledGlossaryDir(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'glossary', 'schema.json'))) return path.join(dir, 'glossary');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no bundled glossary found above ${from}`);
    dir = parent;
  }
}

export function bundledGlossaryFiles(dir = bundledGlossaryDir()): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Builds glossaries from files and remembers each file's last good version,
 * so a broken edit to one file keeps its previous entries serving.
 */
export class GlossaryStore {
  private readonly lastGood = new Map<string, GlossaryFile>();

  /**
   * @param files glossary files in merge order (bundled first)
   * @param overrides unsaved text of files open in the editor
   */
  build(files: string[], overrides: ReadonlyMap<string, string> = new Map()): GlossaryBuild {
    const sources: { file: string; text: string }[] = [];
    const unreadable: GlossaryBuild['problems'] = [];
    for (const file of files) {
      const text = overrides.get(file) ?? readOrUndefined(file, unreadable);
      if (text !== undefined) sources.push({ file, text });
    }
    const build = buildGlossary(sources, this.lastGood);
    return { ...build, problems: [...unreadable, ...build.problems] };
  }
}

function readOrUndefined(file: string, problems: GlossaryBuild['problems']): string | undefined {
  const read = readCappedText(file, MAX_GLOSSARY_BYTES);
  if ('text' in read) return read.text;
  problems.push({ file, line: 1, column: 1, message: read.problem === 'no such file or directory' ? 'glossary file not found' : `glossary not read: ${read.problem}` });
  return undefined;
}
