// Reading glossary files: YAML with exact positions, schema validation with
// ajv, merging by id, and reference checks. Parsing is separated from file
// reading so the server can validate unsaved editor text and the web build
// can pass bundled text.

import Ajv, { type ValidateFunction } from 'ajv';
import { isSeq, type Node as YamlNode } from 'yaml';
import schema from '../../../glossary/schema.json';
import { loadYamlData } from '../yamlData';
import type { EntryOrigin, GlossaryEntry, GlossaryFile, GlossaryProblem } from './types';

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator;
}

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
  const loaded = loadYamlData(text, validate());
  if (loaded.problems.length) return { problems: loaded.problems.map((p) => ({ file: fileName, ...p })) };
  const typed = loaded.data as { domain?: string; entries: GlossaryEntry[] };
  const origins = new Map<string, EntryOrigin>();
  const problems: GlossaryProblem[] = [];
  const entriesNode = loaded.doc.get('entries', true);
  typed.entries.forEach((entry, index) => {
    const node = isSeq(entriesNode) ? (entriesNode.items[index] as YamlNode | undefined) : undefined;
    const pos = loaded.positionAt(node?.range?.[0] ?? 0);
    if (origins.has(entry.id)) problems.push({ file: fileName, line: pos.line, column: pos.column, message: `duplicate id '${entry.id}' in this file` });
    origins.set(entry.id, { file: fileName, line: pos.line, column: pos.column });
  });
  if (problems.length) return { problems };
  return { file: { file: fileName, domain: typed.domain, entries: typed.entries, origins }, problems };
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
  for (const file of files) {
    for (const entry of file.entries) {
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
  return { entries, origins, problems };
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
