// A compiled glossary: merged entries, where each was defined, and the term
// index. Immutable; a change builds a new one with a new version.

import { compiledGlossaryFile } from './compiled';
import { mergeGlossaryFiles, parseGlossaryText } from './load';
import { TermIndex } from './termIndex';
import type { EntryOrigin, GlossaryEntry, GlossaryFile, GlossaryProblem } from './types';

let nextVersion = 1;

export class Glossary {
  readonly version = nextVersion++;
  readonly index: TermIndex;

  constructor(
    readonly entries: ReadonlyMap<string, GlossaryEntry>,
    readonly origins: ReadonlyMap<string, EntryOrigin>,
  ) {
    this.index = new TermIndex(entries.values());
  }

  get(id: string): GlossaryEntry | undefined {
    return this.entries.get(id);
  }

  /** Display name of an entry id (its term), or the id itself. */
  name(id: string): string {
    return this.entries.get(id)?.term ?? id;
  }

  static empty(): Glossary {
    return new Glossary(new Map(), new Map());
  }
}

export interface GlossaryBuild {
  glossary: Glossary;
  problems: GlossaryProblem[];
  /** Files that did not parse or validate (their last good version is used when known). */
  rejected: string[];
}

/**
 * Builds a glossary from file texts in merge order. A file that does not
 * parse or validate is left out (or replaced by its last good version from
 * `lastGood`), so one bad file never takes the rest down. Problems between
 * files (a reference to an unknown id, a kind_of cycle) are reported but keep
 * the file: rules ignore a relation they cannot resolve.
 */
export function buildGlossary(sources: { file: string; text: string }[], lastGood: Map<string, GlossaryFile> = new Map()): GlossaryBuild {
  const problems: GlossaryProblem[] = [];
  const rejected: string[] = [];
  const files: GlossaryFile[] = [];
  for (const source of sources) {
    const compiled = compiledGlossaryFile(source.file, source.text);
    const parsed = compiled ? { file: compiled, problems: [] } : parseGlossaryText(source.file, source.text);
    problems.push(...parsed.problems);
    if (parsed.file) {
      files.push(parsed.file);
      lastGood.set(source.file, parsed.file);
    } else {
      rejected.push(source.file);
      const previous = lastGood.get(source.file);
      if (previous) files.push(previous);
    }
  }
  const merged = mergeGlossaryFiles(files);
  problems.push(...merged.problems);
  return { glossary: new Glossary(merged.entries, merged.origins), problems, rejected };
}
