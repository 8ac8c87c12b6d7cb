// Pandoc bibliographies named in a document's front matter (`bibliography:`),
// read from disk: BibTeX/BibLaTeX (.bib) and CSL JSON (.json). Keys and
// titles feed evidence checks and citekey completion.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Bibliography } from './engine/evidence';
import { yamlFrontMatter } from './engine/parse/frontMatter';
import { readCappedText } from './readFile';

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

/** The bibliography files a document's front matter names, resolved against its folder. */
export function bibliographyFiles(text: string, documentPath: string): string[] {
  const yaml = yamlFrontMatter(text);
  if (yaml === undefined) return [];
  let data: unknown;
  try {
    data = parse(yaml);
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
      const read = readCappedText(file, MAX_BIBLIOGRAPHY_BYTES);
      if ('problem' in read) {
        missing.push(file);
        continue;
      }
      cached = { mtimeMs: stat.mtimeMs, entries: parseBibliography(file, read.text) };
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
  return parseBibtex(text);
}

/**
 * BibTeX/BibLaTeX entries in one pass over the text (linear: each character
 * is looked at a bounded number of times, whatever the file holds). Braces
 * are balanced, `"…"` values are read whole, and an entry that never closes
 * ends at the next line starting with `@`.
 */
function parseBibtex(text: string): BibliographyEntry[] {
  const out: BibliographyEntry[] = [];
  const head = /@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(]/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(text))) {
    const type = m[1].toLowerCase();
    const close = text[m.index + m[0].length - 1] === '{' ? '}' : ')';
    const end = entryEnd(text, head.lastIndex, close);
    head.lastIndex = end;
    if (type === 'comment' || type === 'string' || type === 'preamble') continue;
    const body = text.slice(m.index + m[0].length, end);
    const comma = body.indexOf(',');
    const key = (comma === -1 ? body : body.slice(0, comma)).trim();
    if (!key || /[\s{}]/.test(key)) continue;
    const fields = comma === -1 ? new Map<string, string>() : bibtexFields(body.slice(comma + 1));
    const field = (name: string) => fields.get(name)?.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim() || undefined;
    out.push({ key, title: field('title'), author: field('author')?.split(/\s+and\s+/)[0]?.split(',')[0], year: field('year') ?? field('date')?.slice(0, 4) });
  }
  return out;
}

/** Where the entry opened just before `from` ends: after its balanced closing brace, or at the next line starting with `@`. */
function entryEnd(text: string, from: number, close: string): number {
  let depth = 1;
  let lineStart = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' || c === close) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '@' && lineStart) return i;
    if (c === '\n') lineStart = true;
    else if (c !== ' ' && c !== '\t' && c !== '\r') lineStart = false;
  }
  return text.length;
}

/** `name = {value}`, `name = "value"` or `name = bare` pairs, by lower-cased name. */
function bibtexFields(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  const n = body.length;
  while (i < n) {
    const eq = body.indexOf('=', i);
    if (eq === -1) break;
    const name = body.slice(i, eq).replace(/[\s,]+/g, ' ').trim().toLowerCase();
    i = eq + 1;
    while (i < n && /\s/.test(body[i])) i++;
    let value = '';
    if (body[i] === '{') {
      let depth = 0;
      const start = i;
      for (; i < n; i++) {
        if (body[i] === '{') depth++;
        else if (body[i] === '}' && --depth === 0) break;
      }
      value = body.slice(start + 1, i);
      i++;
    } else if (body[i] === '"') {
      const endQuote = body.indexOf('"', i + 1);
      const stop = endQuote === -1 ? n : endQuote;
      value = body.slice(i + 1, stop);
      i = stop + 1;
    } else {
      const comma = body.indexOf(',', i);
      const stop = comma === -1 ? n : comma;
      value = body.slice(i, stop).trim();
      i = stop;
    }
    if (name && !fields.has(name)) fields.set(name, value);
    const comma = body.indexOf(',', i);
    if (comma === -1) break;
    i = comma + 1;
  }
  return fields;
}

