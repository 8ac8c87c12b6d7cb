// Lints open documents for the server: resolves each document's
// configuration and glossary, and caches the result per document version so
// diagnostics, hovers and code actions of one version agree.

import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { defaultConfig, findConfigFile, loadConfigFile, parseConfig, utf8Length, type Config, type ConfigProblem } from '../config';
import { loadBibliography } from '../bibliography';
import { lintAsync, LintCache, type LintResult } from '../engine/lint';
import type { Glossary } from '../glossary/glossary';
import { bundledGlossaryFiles, GlossaryStore } from '../glossary/files';
import type { GlossaryProblem } from '../glossary/types';
import { glossaryFilesFor } from '../workspace';
import { isDraftFile } from '../drafts';
import { effectiveRules, type EditorSettings } from './settings';

/** Makes every result id unique for the server's lifetime, across close/reopen of the same version. */
let outcomeCounter = 0;

export interface Outcome {
  version: number;
  /** The text linted: a result is for a version *and* its text (a client may repeat or reuse a version number). */
  text: string;
  /** The settings it was linted with (see settingsKey). */
  settingsKey: string;
  /** Identifies the inputs: unchanged id, unchanged diagnostics. */
  resultId: string;
  result?: LintResult;
  /** The glossary this outcome was linted with (hovers and definitions read it). */
  glossary: Glossary;
  /** Why the document was not linted (too large, disabled). */
  skipped?: string;
}

interface Job {
  version: number;
  text: string;
  settingsKey: string;
  /** A newer version wants linting: stop this one. */
  superseded: boolean;
  done: Promise<Outcome | undefined>;
}

interface Resolved {
  config: Config;
  glossary: Glossary;
  glossaryFiles: string[];
}

/** "glossary: 412 entries; bundled 400 (12 files), /ws/.psylint/glossary.yaml 12" — entries counted where first defined. */
function describeGlossary(glossary: Glossary, files: string[], problems: number): string {
  const counts = new Map<string, number>(files.map((f) => [f, 0]));
  for (const origin of glossary.origins.values()) counts.set(origin.file, (counts.get(origin.file) ?? 0) + 1);
  const bundled = new Set(bundledGlossaryFiles());
  let bundledCount = 0;
  const parts: string[] = [];
  for (const [file, n] of counts) {
    if (bundled.has(file)) bundledCount += n;
    else parts.push(`${file} ${n}`);
  }
  const summary = [`bundled ${bundledCount} (${files.filter((f) => bundled.has(f)).length} files)`, ...parts].join(', ');
  return `glossary: ${glossary.entries.size} entries; ${summary}${problems ? `; ${problems} problem(s)` : ''}`;
}

/**
 * What the engine is told the document is. The file name decides for a draft extension: a .qmd or .Rmd
 * opens as Plain Text when no Quarto or R extension is installed, and must still be linted as Markdown
 * (code chunks skipped, disable comments honoured). Otherwise the language id does.
 */
export function languageOf(doc: { languageId: string; uri: string }): string {
  if (isDraftFile(URI.parse(doc.uri).path)) return doc.uri;
  return doc.languageId === 'plaintext' || doc.languageId === 'mdx' ? doc.languageId : doc.uri;
}

/** Settings as a cache key: an outcome linted with other settings is not reused. */
function settingsKey(settings: EditorSettings): string {
  return JSON.stringify(settings);
}

export class DocumentLinter {
  private readonly outcomes = new Map<string, Outcome>();
  /** On-save mode: the outcome of the last saved version, and that version's text for positions. */
  private readonly saved = new Map<string, { outcome: Outcome; doc: TextDocument }>();
  /** Per open document: what the last lint can lend the next (unchanged blocks are not re-parsed or re-linted). */
  private readonly caches = new Map<string, LintCache>();
  /** The lint under way per document. */
  private readonly running = new Map<string, Job>();
  private readonly configs = new Map<string, { config: Config; problems: ConfigProblem[] }>();
  private readonly glossaries = new Map<string, { glossary: Glossary; problems: GlossaryProblem[]; files: string[] }>();
  private readonly store = new GlossaryStore();
  private epoch = 0;

  constructor(
    private readonly workspaceRoot: (uri: string) => string,
    /** Unsaved text of open configuration and glossary files. */
    private readonly openText: (file: string) => string | undefined,
    /** What was loaded, for the output channel. */
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Every problem of the configurations and glossaries in use, one line each. */
  problems(): string[] {
    const lines = new Set<string>();
    for (const { problems } of this.configs.values()) for (const p of problems) lines.add(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    for (const { problems } of this.glossaries.values()) for (const p of problems) lines.add(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    return [...lines];
  }

  /** Changes whenever cached configuration, glossaries and results are dropped: a result from before is stale. */
  get generation(): number {
    return this.epoch;
  }

  /** Forget cached configuration, glossaries and results: something they depend on changed. */
  invalidate(): void {
    this.configs.clear();
    this.glossaries.clear();
    this.outcomes.clear();
    this.epoch++;
  }

  /** The document closed: drop its results and cache. */
  close(uri: string): void {
    this.outcomes.delete(uri);
    this.caches.delete(uri);
    this.saved.delete(uri);
  }

  /** On-save mode: lint the saved version and keep it (with its text) as the published result until the next save. */
  async save(doc: TextDocument, settings: EditorSettings, stillWanted?: () => boolean): Promise<void> {
    const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
    const outcome = await this.lint(doc, settings, stillWanted);
    if (outcome && outcome.version === snapshot.version && outcome.text === snapshot.getText()) this.saved.set(doc.uri, { outcome, doc: snapshot });
  }

  /** On-save mode: the last saved outcome and the text its offsets refer to. */
  lastSaved(uri: string): { outcome: Outcome; doc: TextDocument } | undefined {
    return this.saved.get(uri);
  }

  /**
   * The outcome for this version of the document: cached, or linted in time
   * slices so other requests are answered meanwhile. Undefined if `stillWanted`
   * says no before it is done (the request was cancelled, the document moved
   * on or closed). One lint per document at a time: a lint of an older version
   * gives way to a newer one.
   */
  async lint(doc: TextDocument, settings: EditorSettings, stillWanted: () => boolean = () => true): Promise<Outcome | undefined> {
    const key = settingsKey(settings);
    for (;;) {
      const text = doc.getText();
      const cached = this.outcomes.get(doc.uri);
      if (cached && cached.version === doc.version && cached.text === text && cached.settingsKey === key) return cached;
      if (!stillWanted()) return undefined;
      const running = this.running.get(doc.uri);
      if (!running) break;
      if (running.version !== doc.version || running.text !== text || running.settingsKey !== key) running.superseded = true;
      // Then look again: it may have linted this version, or stopped.
      await running.done;
    }
    const job: Job = { version: doc.version, text: doc.getText(), settingsKey: key, superseded: false, done: Promise.resolve(undefined) };
    job.done = this.lintNow(doc, settings, () => !job.superseded && stillWanted());
    this.running.set(doc.uri, job);
    try {
      return await job.done;
    } finally {
      if (this.running.get(doc.uri) === job) this.running.delete(doc.uri);
    }
  }

  private async lintNow(doc: TextDocument, settings: EditorSettings, stillWanted: () => boolean): Promise<Outcome | undefined> {
    // TextDocuments updates a document in place: read its version and text now, not after a slice.
    const version = doc.version;
    const text = doc.getText();
    const resolved = this.resolve(doc.uri, settings);
    const resultId = `${++outcomeCounter}.${this.epoch}.${resolved.glossary.version}.${version}`;
    const base = { version, text, settingsKey: settingsKey(settings), resultId, glossary: resolved.glossary };
    let outcome: Outcome;
    if (!settings.enable) {
      outcome = { ...base, skipped: 'disabled' };
    } else if (text.length > resolved.config.maxFileSize / 3 && utf8Length(text) > resolved.config.maxFileSize) {
      // Bytes, as the CLI counts a file on disk (a character can take up to three bytes, hence the cheap test first).
      outcome = { ...base, skipped: `Psylint skipped this file: ${utf8Length(text)} bytes is over the ${resolved.config.maxFileSize}-byte limit (maxFileSize in .psylint.yaml).` };
    } else {
      const uri = URI.parse(doc.uri);
      const file = uri.scheme === 'file' ? uri.fsPath : undefined;
      const epoch = this.epoch;
      const cache = this.cacheFor(doc.uri);
      const result = await lintAsync(
        text,
        {
          glossary: resolved.glossary,
          rules: effectiveRules(resolved.config, settings),
          accept: resolved.config.accept,
          language: languageOf(doc),
          bibliography: file ? loadBibliography(text, file) : undefined,
          cache,
        },
        stillWanted,
      );
      // Stopped, closed meanwhile, or linted with settings or a glossary that changed meanwhile: no outcome to keep.
      if (!result || this.caches.get(doc.uri) !== cache || this.epoch !== epoch) return undefined;
      outcome = { ...base, result };
    }
    this.outcomes.set(doc.uri, outcome);
    return outcome;
  }

  private cacheFor(uri: string): LintCache {
    let cache = this.caches.get(uri);
    if (!cache) this.caches.set(uri, (cache = new LintCache()));
    return cache;
  }

  resolve(uri: string, settings: EditorSettings): Resolved {
    const root = this.workspaceRoot(uri);
    const parsed = URI.parse(uri);
    const dir = parsed.scheme === 'file' ? path.dirname(parsed.fsPath) : root;
    const configFile = findConfigFile(dir);
    const { config } = this.config(configFile);
    const extra = settings.glossaries.map((g) => path.resolve(root, g));
    const { files, refused } = glossaryFilesFor(config, root, extra, settings.allowGlossariesOutsideWorkspace);
    const key = [...files, ...refused.map((r) => `refused:${r.file}`)].join('\n');
    let built = this.glossaries.get(key);
    if (!built) {
      const overrides = new Map<string, string>();
      for (const file of files) {
        const text = this.openText(file);
        if (text !== undefined) overrides.set(file, text);
      }
      const build = this.store.build(files, overrides);
      built = { glossary: build.glossary, problems: [...refused, ...build.problems], files: [...files, ...refused.map((r) => r.file)] };
      this.log(describeGlossary(build.glossary, files, built.problems.length));
      this.glossaries.set(key, built);
    }
    return { config, glossary: built.glossary, glossaryFiles: files };
  }

  config(file: string | undefined): { config: Config; problems: ConfigProblem[] } {
    if (!file) return { config: defaultConfig(), problems: [] };
    let entry = this.configs.get(file);
    if (!entry) {
      const text = this.openText(file);
      entry = text !== undefined ? parseConfig(file, text) : loadConfigFile(file);
      this.configs.set(file, entry);
      this.log(`configuration ${file}${text !== undefined ? ' (unsaved)' : ''}: ${entry.problems.length ? `${entry.problems.length} problem(s)` : 'loaded'}`);
    }
    return entry;
  }

  /** Problems of a glossary file across every glossary built so far. */
  glossaryProblems(file: string): GlossaryProblem[] {
    const seen = new Set<string>();
    const out: GlossaryProblem[] = [];
    for (const built of this.glossaries.values()) {
      for (const p of built.problems) {
        const key = `${p.line}:${p.column}:${p.message}`;
        if (p.file === file && !seen.has(key)) {
          seen.add(key);
          out.push(p);
        }
      }
    }
    return out;
  }

  /** Every glossary file some open document uses. */
  knownGlossaryFiles(): string[] {
    return [...new Set([...this.glossaries.values()].flatMap((g) => g.files))];
  }
}
