// Pandoc bibliographies named in a document's front matter (`bibliography:`),
// read from disk: BibTeX/BibLaTeX (.bib) and CSL JSON (.json). Keys and
// titles feed evidence checks and citekey completion.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Bibliography } from './engine/evidence';

export interface BibliographyEntry {
  key: string;
  title?: string;
  author?: string;
  year?: string;
}

export interface LoadedBibliography extends Bibliography {
  entries: BibliographyEntry[];
  /** Files named in front matter that could not be read. */
  missing: string[];
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The bibliography files a document's front matter names, resolved against its folder. */
export function bibliographyFiles(text: string, documentPath: string): string[] {
  const m = FRONT_MATTER.exec(text);
  if (!m) return [];
  let data: unknown;
  try {
    data = parse(m[1]);
  } catch {
    return [];
  }
  const value = (data as { bibliography?: unknown } | null)?.bibliography;
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return names.map((n) => path.resolve(path.dirname(documentPath), n));
}

const MAX_BIBLIOGRAPHY_BYTES = 20_000_000;

const cache = new Map<string, { mtimeMs: number; entries: BibliographyEntry[] }>();

/** The document's bibliography, or undefined when its front matter names none. */
export function loadBibliography(text: string, documentPath: string): LoadedBibliography | undefined {
  const files = bibliographyFiles(text, documentPath);
  if (files.length === 0) return undefined;
  const entries: BibliographyEntry[] = [];
  const missing: string[] = [];
  for (const file of files) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      missing.push(file);
      continue;
    }
    // Only regular files of a sane size: a directory, pipe or device named in a draft must not hang or exhaust the linter.
    if (!stat.isFile() || stat.size > MAX_BIBLIOGRAPHY_BYTES) {
      missing.push(file);
      continue;
    }
    let cached = cache.get(file);
    if (!cached || cached.mtimeMs !== stat.mtimeMs) {
      cached = { mtimeMs: stat.mtimeMs, entries: parseBibliography(file, fs.readFileSync(file, 'utf8')) };
      cache.set(file, cached);
    }
    entries.push(...cached.entries);
  }
  // With no readable file, citekeys cannot be checked: treat them as evidence rather than report them all.
  if (missing.length === files.length) return undefined;
  return { files: files.map((f) => path.basename(f)), keys: new Set(entries.map((e) => e.key)), entries, missing };
}

export function parseBibliography(file: string, text: string): BibliographyEntry[] {
  if (/\.json$/i.test(file)) {
    try {
      const items = JSON.parse(text) as { id?: unknown; title?: unknown; issued?: { 'date-parts'?: unknown[][] }; author?: { family?: string }[] }[];
      return (Array.isArray(items) ? items : [])
        .filter((i) => typeof i.id === 'string')
        .map((i) => ({ key: i.id as string, title: typeof i.title === 'string' ? i.title : undefined, author: i.author?.[0]?.family, year: String(i.issued?.['date-parts']?.[0]?.[0] ?? '') || undefined }));
    } catch {
      return [];
    }
  }
  const out: BibliographyEntry[] = [];
  const entry = /@(\w+)\s*[{(]\s*([^,\s]+)\s*,([\s\S]*?)(?=\n\s*@\w+\s*[{(]|$)/g;
  for (const m of text.matchAll(entry)) {
    if (/^(comment|string|preamble)$/i.test(m[1])) continue;
    const field = (name: string) => new RegExp(String.raw`\b${name}\s*=\s*[{"]([^\n]*?)[}"]\s*,?\s*$`, 'im').exec(m[3])?.[1].replace(/[{}]/g, '');
    out.push({ key: m[2], title: field('title'), author: field('author')?.split(/\s+and\s+/)[0]?.split(',')[0], year: field('year') ?? field('date')?.slice(0, 4) });
  }
  return out;
}
