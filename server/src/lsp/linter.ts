// Lints open documents for the server: resolves each document's
// configuration and glossary, and caches the result per document version so
// diagnostics, hovers and code actions of one version agree.

import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { defaultConfig, findConfigFile, loadConfigFile, parseConfig, type Config, type ConfigProblem } from '../config';
import { loadBibliography } from '../bibliography';
import { lint, LintCache, type LintResult } from '../engine/lint';
import type { Glossary } from '../glossary/glossary';
import { GlossaryStore } from '../glossary/files';
import type { GlossaryProblem } from '../glossary/types';
import { glossaryFilesFor } from '../workspace';
import { effectiveRules, type EditorSettings } from './settings';

/** Makes every result id unique for the server's lifetime, across close/reopen of the same version. */
let outcomeCounter = 0;

export interface Outcome {
  version: number;
  /** Identifies the inputs: unchanged id, unchanged diagnostics. */
  resultId: string;
  result?: LintResult;
  /** The glossary this outcome was linted with (hovers and definitions read it). */
  glossary: Glossary;
  /** Why the document was not linted (too large, disabled). */
  skipped?: string;
}

interface Resolved {
  config: Config;
  glossary: Glossary;
  glossaryFiles: string[];
}

export class DocumentLinter {
  private readonly outcomes = new Map<string, Outcome>();
  /** On-save mode: the outcome of the last saved version, and that version's text for positions. */
  private readonly saved = new Map<string, { outcome: Outcome; doc: TextDocument }>();
  /** Per open document: what the last lint can lend the next (unchanged blocks are not re-parsed or re-linted). */
  private readonly caches = new Map<string, LintCache>();
  private readonly configs = new Map<string, { config: Config; problems: ConfigProblem[] }>();
  private readonly glossaries = new Map<string, { glossary: Glossary; problems: GlossaryProblem[]; files: string[] }>();
  private readonly store = new GlossaryStore();
  private epoch = 0;

  constructor(
    private readonly workspaceRoot: (uri: string) => string,
    /** Unsaved text of open configuration and glossary files. */
    private readonly openText: (file: string) => string | undefined,
  ) {}

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
  save(doc: TextDocument, settings: EditorSettings): void {
    const snapshot = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
    this.saved.set(doc.uri, { outcome: this.lint(doc, settings), doc: snapshot });
  }

  /** On-save mode: the last saved outcome and the text its offsets refer to. */
  lastSaved(uri: string): { outcome: Outcome; doc: TextDocument } | undefined {
    return this.saved.get(uri);
  }

  lint(doc: TextDocument, settings: EditorSettings): Outcome {
    const cached = this.outcomes.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const resolved = this.resolve(doc.uri, settings);
    const resultId = `${++outcomeCounter}.${this.epoch}.${resolved.glossary.version}.${doc.version}`;
    let outcome: Outcome;
    const text = doc.getText();
    if (!settings.enable) {
      outcome = { version: doc.version, resultId, glossary: resolved.glossary, skipped: 'disabled' };
    } else if (text.length > resolved.config.maxFileSize) {
      outcome = { version: doc.version, resultId, glossary: resolved.glossary, skipped: `Psylint skipped this file: ${text.length} characters is over the ${resolved.config.maxFileSize} limit (maxFileSize in .psylint.yaml).` };
    } else {
      const uri = URI.parse(doc.uri);
      const file = uri.scheme === 'file' ? uri.fsPath : undefined;
      const result = lint(text, {
        glossary: resolved.glossary,
        rules: effectiveRules(resolved.config, settings),
        language: doc.languageId === 'plaintext' || doc.languageId === 'mdx' ? doc.languageId : doc.uri,
        bibliography: file ? loadBibliography(text, file) : undefined,
        cache: this.cacheFor(doc.uri),
      });
      outcome = { version: doc.version, resultId, glossary: resolved.glossary, result };
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
    const files = glossaryFilesFor(config, root, extra);
    const key = files.join('\n');
    let built = this.glossaries.get(key);
    if (!built) {
      const overrides = new Map<string, string>();
      for (const file of files) {
        const text = this.openText(file);
        if (text !== undefined) overrides.set(file, text);
      }
      const build = this.store.build(files, overrides);
      built = { glossary: build.glossary, problems: build.problems, files };
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
