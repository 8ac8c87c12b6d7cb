// --cache: a file's findings are kept under a key made of its content, its
// configuration, its glossary files' contents, its bibliography files'
// contents and the engine (engineKey: a hash of the built code, so a rebuilt
// engine that kept its version number misses). An unchanged file with
// unchanged settings is not linted again; any change to one of these misses.
// Standard input is never cached: it has no file whose later runs it could answer.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bibliographyFiles } from '../bibliography';
import type { ClaimSummary } from '../engine/lint';
import type { Finding } from '../engine/types';
import type { Settings } from '../workspace';

export const CACHE_FILE_NAME = '.psylintcache';
const FORMAT = 1;

interface Entry {
  key: string;
  findings: Finding[];
  claims: ClaimSummary;
}

/** The cache file for --cache-location (a file, or a directory ending in / or existing), or the default. */
export function cacheFile(cwd: string, location?: string): string {
  if (location === undefined) {
    // Like other linters: under node_modules/.cache when the project has node_modules, else beside the project.
    const modules = path.join(cwd, 'node_modules');
    return fs.existsSync(modules) ? path.join(modules, '.cache', 'psylint', CACHE_FILE_NAME) : path.join(cwd, CACHE_FILE_NAME);
  }
  const full = path.resolve(cwd, location);
  const isDir = /[\\/]$/.test(location) || (fs.existsSync(full) && fs.statSync(full).isDirectory());
  return isDir ? path.join(full, CACHE_FILE_NAME) : full;
}

export class LintCache {
  private readonly entries: Record<string, Entry>;
  private readonly settingsKeys = new WeakMap<Settings, string>();
  /** A glossary file's content hash, read once per run: every folder's settings name the same bundled glossary. */
  private readonly glossaryKeys = new Map<string, string>();
  private changed = false;

  /** Reads the cache file; a missing one is empty, an unreadable one is empty with a warning. */
  constructor(
    readonly file: string,
    /** engineKey() of the code that lints. */
    private readonly engine: string,
    private readonly warn: (message: string) => void,
  ) {
    this.entries = {};
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return;
    }
    try {
      const data = JSON.parse(text) as { format?: unknown; entries?: unknown };
      if (data?.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null || Array.isArray(data.entries)) throw new Error('not a Psylint cache');
      this.entries = data.entries as Record<string, Entry>;
    } catch (error) {
      warn(`ignoring the cache file ${file} (${(error as Error).message}); it will be rewritten`);
      this.changed = true;
    }
  }

  /** The key of one file's results: everything its findings depend on. */
  key(file: string, text: string, settings: Settings): string {
    const hash = createHash('sha256').update(this.settingsKey(settings)).update('\0').update(text);
    // A bibliography is read from front matter: its entries decide which citekeys count as evidence.
    for (const bib of bibliographyFiles(text, file)) hash.update('\0').update(bib).update('\0').update(readOr(bib));
    return hash.digest('hex');
  }

  get(file: string, key: string): { findings: Finding[]; claims: ClaimSummary } | undefined {
    const entry = this.entries[file];
    return entry && entry.key === key && Array.isArray(entry.findings) && entry.claims ? entry : undefined;
  }

  set(file: string, key: string, findings: Finding[], claims: ClaimSummary): void {
    this.entries[file] = { key, findings, claims };
    this.changed = true;
  }

  /** Writes the cache (atomically), dropping files that no longer exist. */
  save(): void {
    if (!this.changed) return;
    for (const file of Object.keys(this.entries)) if (!fs.existsSync(file)) delete this.entries[file];
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ format: FORMAT, entries: this.entries }));
      fs.renameSync(temp, this.file);
    } catch (error) {
      this.warn(`cannot write the cache file ${this.file}: ${(error as Error).message}`);
    }
  }

  private settingsKey(settings: Settings): string {
    let key = this.settingsKeys.get(settings);
    if (key === undefined) {
      const hash = createHash('sha256').update(this.engine).update('\0').update(JSON.stringify(settings.config));
      for (const file of settings.glossaryFiles) hash.update('\0').update(file).update('\0').update(this.glossaryKey(file));
      key = hash.digest('hex');
      this.settingsKeys.set(settings, key);
    }
    return key;
  }

  private glossaryKey(file: string): string {
    let key = this.glossaryKeys.get(file);
    if (key === undefined) this.glossaryKeys.set(file, (key = createHash('sha256').update(readOr(file)).digest('hex')));
    return key;
  }
}

/** The engine's identity: the version and a hash of the built code that lints (the main thread's and the workers' bundles). */
export function engineKey(version: string, codeFiles: string[]): string {
  const hash = createHash('sha256').update(version);
  for (const file of codeFiles) hash.update('\0').update(readOr(file));
  return hash.digest('hex');
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '\0missing';
  }
}
