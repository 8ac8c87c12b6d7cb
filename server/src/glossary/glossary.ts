// A compiled glossary: merged entries, where each was defined, and the term
// index. Immutable; a change builds a new one with a new version.

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
  /** Files left out because of their problems (their last good version is used when known). */
  rejected: string[];
}

/**
 * Builds a glossary from file texts in merge order. A file with problems is
 * left out (or replaced by its last good version from `lastGood`), so one bad
 * file never takes the rest down. Reference errors drop the referencing file
 * and the merge is retried until it is clean.
 */
export function buildGlossary(sources: { file: string; text: string }[], lastGood: Map<string, GlossaryFile> = new Map()): GlossaryBuild {
  const problems: GlossaryProblem[] = [];
  const rejected: string[] = [];
  // The version of each file that takes part in the merge, in source order.
  const chosen = new Map<string, GlossaryFile | undefined>();
  for (const source of sources) {
    const parsed = parseGlossaryText(source.file, source.text);
    problems.push(...parsed.problems);
    if (!parsed.file) rejected.push(source.file);
    chosen.set(source.file, parsed.file ?? lastGood.get(source.file));
  }
  const fellBack = new Set(rejected);
  // Each round drops at least one file, so this ends.
  for (;;) {
    const files = [...chosen.values()].filter((f): f is GlossaryFile => f !== undefined);
    const merged = mergeGlossaryFiles(files);
    if (merged.problems.length === 0) {
      for (const f of files) if (!rejected.includes(f.file)) lastGood.set(f.file, f);
      return { glossary: new Glossary(merged.entries, merged.origins), problems, rejected };
    }
    for (const problem of merged.problems) if (!fellBack.has(problem.file)) problems.push(problem);
    for (const file of new Set(merged.problems.map((p) => p.file))) {
      if (!rejected.includes(file)) rejected.push(file);
      const previous = fellBack.has(file) ? undefined : lastGood.get(file);
      fellBack.add(file);
      chosen.set(file, previous);
    }
  }
}
