// Lints open documents for the server: resolves each document's
// configuration and glossary, and caches the result per document version so
// diagnostics, hovers and code actions of one version agree.

import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isIgnored, utf8Length } from '../config';
import { loadBibliography } from '../bibliography';
import { lintAsync, LintCache, type LintResult } from '../engine/lint';
import type { Glossary } from '../glossary/glossary';
import { lintOptionsOf, SettingsResolver, withOverrides, type Settings } from '../workspace';
import { isDraftFile } from '../drafts';
import { type EditorSettings } from './settings';

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
  /** Why the document was not linted: disabled in settings, ignored by `ignore:` (both show nothing), or a message (too large). */
  skipped?: 'disabled' | 'ignored' | string;
}

interface Job {
  version: number;
  text: string;
  settingsKey: string;
  /** A newer version wants linting: stop this one. */
  superseded: boolean;
  done: Promise<Outcome | undefined>;
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
  private epoch = 0;
  /** Configuration and glossaries: the same resolver as the CLI's, reading unsaved configuration and glossary text. */
  readonly resolver: SettingsResolver;

  constructor(
    private readonly workspaceRoot: (uri: string) => string,
    /** Unsaved text of open configuration and glossary files. */
    openText: (file: string) => string | undefined,
    /** What was loaded, for the output channel. */
    log: (message: string) => void = () => undefined,
    /** A resolver to share (the provider tests build the bundled glossary once, not once per test). */
    resolver?: SettingsResolver,
  ) {
    this.resolver = resolver ?? new SettingsResolver('/', undefined, false, { openText, log });
  }

  /** Changes whenever cached configuration, glossaries and results are dropped: a result from before is stale. */
  get generation(): number {
    return this.epoch;
  }

  /** Forget cached configuration, glossaries and results: something they depend on changed. */
  invalidate(): void {
    this.resolver.invalidate();
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
    const uri = URI.parse(doc.uri);
    const file = uri.scheme === 'file' ? uri.fsPath : undefined;
    if (!settings.enable) {
      outcome = { ...base, skipped: 'disabled' };
    } else if (file && isIgnored(resolved.config, file)) {
      // As the CLI does for a file `ignore:` matches, even one named on its command line: nothing to report.
      outcome = { ...base, skipped: 'ignored' };
    } else if (text.length > resolved.config.maxFileSize / 3 && utf8Length(text) > resolved.config.maxFileSize) {
      // Bytes, as the CLI counts a file on disk (a character can take up to three bytes, hence the cheap test first).
      outcome = { ...base, skipped: `Psylint skipped this file: ${utf8Length(text)} bytes is over the ${resolved.config.maxFileSize}-byte limit (maxFileSize in .psylint.yaml).` };
    } else {
      const epoch = this.epoch;
      const cache = this.cacheFor(doc.uri);
      const result = await lintAsync(
        text,
        {
          ...lintOptionsOf(withOverrides(resolved, settings)),
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

  /** The configuration and glossary for a document or folder URI, with the editor's settings. */
  resolve(uri: string, settings: EditorSettings): Settings {
    const root = this.workspaceRoot(uri);
    const parsed = URI.parse(uri);
    return this.resolver.resolve({
      dir: parsed.scheme === 'file' ? path.dirname(parsed.fsPath) : root,
      root,
      extraGlossaries: settings.glossaries.map((g) => path.resolve(root, g)),
      allowOutside: settings.allowGlossariesOutsideWorkspace,
    });
  }
}
