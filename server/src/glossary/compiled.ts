// The bundled glossary, parsed and validated at build time into
// dist/glossary.json (scripts/compile-glossary.ts), so the server starts
// without parsing YAML or compiling the schema. Files are looked up by a hash
// of their text: a file edited since the build, or any other file, is parsed
// as usual.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GlossaryEntry, GlossaryFile } from './types';
import { textKey } from '../engine/text';

export const COMPILED_GLOSSARY_NAME = 'glossary.json';

export interface CompiledGlossaryFile {
  domain?: string;
  entries: GlossaryEntry[];
  /** [id, line, column] of each entry. */
  origins: [string, number, number][];
}

export interface CompiledGlossary {
  /** Keyed by textKey() of the file's text. */
  files: Record<string, CompiledGlossaryFile>;
}

export function compileGlossaryFile(file: GlossaryFile): CompiledGlossaryFile {
  return { domain: file.domain, entries: file.entries, origins: [...file.origins].map(([id, o]) => [id, o.line, o.column]) };
}

/** Per folder read from (the server's own, or a test's), null where there is none. */
const tables = new Map<string, CompiledGlossary['files'] | null>();

/** The build-time parse of a file with exactly this text, if there is one. */
export function compiledGlossaryFile(fileName: string, text: string, dir: string = __dirname): GlossaryFile | undefined {
  let table = tables.get(dir);
  if (table === undefined) {
    try {
      table = (JSON.parse(fs.readFileSync(path.join(dir, COMPILED_GLOSSARY_NAME), 'utf8')) as CompiledGlossary).files;
    } catch {
      // None beside this bundle (the tests' and the benchmark's builds): every file is parsed.
      table = null;
    }
    tables.set(dir, table);
  }
  const compiled = table?.[textKey(text)];
  if (!compiled) return undefined;
  // A copy: entries are merged and read, never changed, but the table outlives any one glossary.
  const parsed = structuredClone(compiled);
  return {
    file: fileName,
    domain: parsed.domain,
    entries: parsed.entries,
    origins: new Map(parsed.origins.map(([id, line, column]) => [id, { file: fileName, line, column }])),
  };
}
