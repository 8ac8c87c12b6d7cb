// Reading glossary files: YAML with exact positions, validation by the schema
// (compiled at build: schemaValidators.ts), merging by id, and reference checks. Parsing is separated from file
// reading so the server can validate unsaved editor text and the web build
// can pass bundled text.

import { isSeq, type Node as YamlNode } from 'yaml';
import schema from '../../../glossary/schema.json';
import { loadYamlData } from '../yamlData';
import { validateGlossaryFile } from '../schemaValidators';
import type { EntryOrigin, GlossaryEntry, GlossaryFile, GlossaryProblem } from './types';

/** Fields every entry needs once files are merged; one file may give only some of them to override an earlier entry. */
const REQUIRED_FIELDS: string[] = schema.definitions.entry.required;

/** Largest glossary file we read; a bigger one is reported, not parsed. */
export const MAX_GLOSSARY_BYTES = 5 * 1024 * 1024;

export interface ParsedGlossaryFile {
  file?: GlossaryFile;
  problems: GlossaryProblem[];
}

/** Parse and validate one glossary file's text. On any problem, `file` is undefined. */
export function parseGlossaryText(fileName: string, text: string): ParsedGlossaryFile {
  if (text.length > MAX_GLOSSARY_BYTES / 4 && new TextEncoder().encode(text).length > MAX_GLOSSARY_BYTES) {
    return { problems: [{ file: fileName, line: 1, column: 1, message: `glossary file is larger than ${MAX_GLOSSARY_BYTES} bytes; not loaded` }] };
  }
  const loaded = loadYamlData(text, validateGlossaryFile, { kind: 'glossary' });
  if (loaded.problems.length) return { problems: loaded.problems.map((p) => ({ file: fileName, ...p })) };
  const typed = loaded.data as { domain?: string; entries: GlossaryEntry[] };
  const origins = new Map<string, EntryOrigin>();
  const problems: GlossaryProblem[] = [];
  const entriesNode = loaded.doc.get('entries', true);
  typed.entries.forEach((entry, index) => {
    const node = isSeq(entriesNode) ? (entriesNode.items[index] as YamlNode | undefined) : undefined;
    const pos = loaded.positionAt(node?.range?.[0] ?? 0);
    if (origins.has(entry.id)) problems.push({ file: fileName, line: pos.line, column: pos.column, message: `duplicate id '${entry.id}' in this file` });
    const long = overlongPhrase(entry);
    if (long) problems.push({ file: fileName, line: pos.line, column: pos.column, message: `entry '${entry.id}': ${long}` });
    origins.set(entry.id, { file: fileName, line: pos.line, column: pos.column });
  });
  if (problems.length) return { problems };
  return { file: { file: fileName, domain: typed.domain, entries: typed.entries, origins }, problems };
}

/** Phrases are matched in text and compiled into patterns: the longest real one is 11 words and 115 characters. */
export const MAX_PHRASE_CHARS = 200;
export const MAX_PHRASE_WORDS = 20;

/** Why an entry's matched phrases are too long to be phrases, if they are. */
function overlongPhrase(entry: GlossaryEntry): string | undefined {
  const phrases: [string, string | undefined][] = [
    ['term', entry.term],
    ...(entry.aliases ?? []).flatMap((a): [string, string][] => (typeof a === 'string' ? [['aliases', a]] : [['aliases', a.text], ...(a.prefer ?? []).map((p): [string, string] => ['aliases.prefer', p])])),
    ...(entry.replaced_by ?? []).map((r): [string, string] => ['replaced_by', r.term]),
    ...(entry.still_current_in ?? []).map((t): [string, string] => ['still_current_in', t]),
    ...(entry.avoid?.prefer ?? []).map((t): [string, string] => ['avoid.prefer', t]),
    ...(entry.avoid?.unless_followed_by ?? []).map((t): [string, string] => ['avoid.unless_followed_by', t]),
    ...(entry.misdefinition_cues ?? []).flatMap((c) => c.cues.map((t): [string, string] => ['misdefinition_cues', t])),
  ];
  for (const [field, phrase] of phrases) {
    if (typeof phrase !== 'string') continue;
    if (phrase.length > MAX_PHRASE_CHARS) return `a phrase in ${field} is ${phrase.length} characters long; the limit is ${MAX_PHRASE_CHARS}`;
    const words = phrase.trim().split(/\s+/).length;
    if (words > MAX_PHRASE_WORDS) return `a phrase in ${field} is ${words} words long; the limit is ${MAX_PHRASE_WORDS}`;
  }
  return undefined;
}

export interface MergedGlossary {
  entries: Map<string, GlossaryEntry>;
  origins: Map<string, EntryOrigin>;
  /** Which file contributed each entry last (for reference errors). */
  problems: GlossaryProblem[];
}

/**
 * Merge files in order: a later file may add entries or override fields of an
 * earlier entry with the same id. References to unknown ids and cycles in
 * `kind_of` are reported at the referencing entry.
 */
export function mergeGlossaryFiles(files: GlossaryFile[]): MergedGlossary {
  const entries = new Map<string, GlossaryEntry>();
  const origins = new Map<string, EntryOrigin>();
  const definedIn = new Map<string, GlossaryFile>();
  for (const file of files) {
    for (const entry of file.entries) {
      const previous = entries.get(entry.id);
      entries.set(entry.id, previous ? { ...previous, ...entry } : entry);
      if (!previous) origins.set(entry.id, file.origins.get(entry.id)!);
      definedIn.set(entry.id, file);
    }
  }
  const problems: GlossaryProblem[] = [];
  // A field missing from the merged entry: the file that introduced the id left it out and nothing earlier gave it.
  for (const [id, entry] of [...entries]) {
    const missing = REQUIRED_FIELDS.filter((field) => (entry as unknown as Record<string, unknown>)[field] === undefined);
    if (missing.length === 0) continue;
    const origin = origins.get(id)!;
    problems.push({ file: origin.file, line: origin.line, column: origin.column, message: `entry '${id}': missing ${missing.map((f) => `'${f}'`).join(', ')} (a new entry needs ${REQUIRED_FIELDS.join(', ')}; only an override of an earlier entry may leave fields out)` });
    entries.delete(id);
    origins.delete(id);
  }
  for (const file of files) {
    for (const entry of file.entries) {
      if (!entries.has(entry.id)) continue;
      const origin = file.origins.get(entry.id)!;
      const report = (message: string) => problems.push({ file: file.file, line: origin.line, column: origin.column, message: `entry '${entry.id}': ${message}` });
      for (const ref of references(entry)) {
        if (!entries.has(ref.id)) report(`${ref.field} refers to unknown id '${ref.id}'`);
        else if (ref.id === entry.id) report(`${ref.field} refers to the entry itself`);
      }
    }
  }
  // Cycles in the kind-of hierarchy make classification meaningless.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = trail.slice(trail.indexOf(id)).concat(id);
      const file = definedIn.get(id)!;
      const origin = file.origins.get(id) ?? origins.get(id)!;
      problems.push({ file: file.file, line: origin.line, column: origin.column, message: `entry '${id}': cycle in kind_of: ${cycle.join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const parent of entries.get(id)?.kind_of ?? []) if (entries.has(parent)) visit(parent, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of entries.keys()) visit(id, []);
  problems.push(...refuseUnsettledRewrites(entries, origins));
  return { entries, origins, problems };
}

/** Lower-cased words of a phrase, for whole-word containment. */
function words(phrase: string): string[] {
  return phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function containsWords(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((w, k) => haystack[i + k] === w)) return true;
  return false;
}

/**
 * `--fix` must settle: a replacement that contains its own entry's term
 * ("depression" → "major depression") would be rewritten again on every run,
 * and entries whose replacements name each other (A → B, B → A) would swap
 * for ever. Such `replaced_by` lists are refused (dropped) with a problem.
 */
function refuseUnsettledRewrites(entries: Map<string, GlossaryEntry>, origins: Map<string, EntryOrigin>): GlossaryProblem[] {
  const problems: GlossaryProblem[] = [];
  const names = new Map<string, string[][]>();
  for (const [id, e] of entries) names.set(id, [e.term, ...(e.aliases ?? []).map((a) => (typeof a === 'string' ? a : a.text))].map(words));
  const report = (id: string, message: string) => {
    const origin = origins.get(id)!;
    problems.push({ file: origin.file, line: origin.line, column: origin.column, message: `entry '${id}': ${message}; its replacement is not offered` });
  };
  // Edges: A's replacement contains a name of B, and B itself is replaced. Looked up, not compared
  // pairwise: every entry's names against every replacement cost 20 ms of each start-up.
  const currentNames = new Map<string, string[]>();
  const replaced: string[] = [];
  for (const [id, e] of entries) {
    if (e.replaced_by) replaced.push(id);
    else for (const n of names.get(id)!) currentNames.set(n.join(' '), [...(currentNames.get(n.join(' ')) ?? []), id]);
  }
  const next = new Map<string, string[]>();
  for (const id of replaced) {
    const targets = new Set<string>();
    for (const r of entries.get(id)!.replaced_by!) {
      const replacement = words(r.term);
      // A replacement that is itself the name of a current entry ("male hypoactive sexual desire disorder")
      // is matched as that longer term after the fix, so it does not match the retired one again.
      if (currentNames.get(replacement.join(' '))?.some((other) => other !== id)) continue;
      for (const other of replaced) if (names.get(other)!.some((n) => containsWords(replacement, n))) targets.add(other);
    }
    next.set(id, [...targets]);
  }
  const refused = new Set<string>();
  for (const [id, targets] of next) {
    if (targets.includes(id)) {
      report(id, 'replaced_by contains the term it replaces, so --fix would rewrite it again on every run');
      refused.add(id);
    }
  }
  // Longer cycles: follow the edges from each entry (few entries have replaced_by; depth is bounded by their number).
  for (const start of next.keys()) {
    if (refused.has(start)) continue;
    const trail: string[] = [start];
    const seen = new Set<string>();
    const walk = (id: string): string[] | undefined => {
      for (const to of next.get(id) ?? []) {
        if (to === id) continue;
        if (to === start) return [...trail, start];
        if (seen.has(to)) continue;
        seen.add(to);
        trail.push(to);
        const found = walk(to);
        if (found) return found;
        trail.pop();
      }
      return undefined;
    };
    const cycle = walk(start);
    if (cycle) {
      report(start, `replacements lead back to it (${cycle.map((id) => entries.get(id)!.term).join(' → ')}), so --fix would never settle`);
      refused.add(start);
    }
  }
  for (const id of refused) entries.set(id, { ...entries.get(id)!, replaced_by: undefined });
  return problems;
}

function references(entry: GlossaryEntry): { field: string; id: string }[] {
  return [
    ...(entry.kind_of ?? []).map((id) => ({ field: 'kind_of', id })),
    ...(entry.maybe_kind_of ?? []).map((id) => ({ field: 'maybe_kind_of', id })),
    ...(entry.not_a_kind_of ?? []).map((r) => ({ field: 'not_a_kind_of', id: r.id })),
    ...(entry.distinct_from ?? []).map((r) => ({ field: 'distinct_from', id: r.id })),
    ...(entry.misdefinition_cues ?? []).map((r) => ({ field: 'misdefinition_cues', id: r.concept })),
    ...(entry.replaced_by ?? []).filter((r) => r.id).map((r) => ({ field: 'replaced_by', id: r.id! })),
    ...(entry.see_also ?? []).map((id) => ({ field: 'see_also', id })),
  ];
}
