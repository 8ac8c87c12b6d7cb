// The language service: what every provider needs, over a workspace
// interface (lsp/workspace.ts) and no connection. It lints open documents
// (through DocumentLinter, one result per version), knows which files are
// configuration or glossary, and reports their problems.

import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES, WORKSPACE_GLOSSARY } from '../config';
import type { LintResult } from '../engine/lint';
import type { Glossary } from '../glossary/glossary';
import type { SettingsResolver } from '../workspace';
import { DocumentLinter } from './linter';
import { fileOf, openText, rootOf, type LspWorkspace } from './workspace';

export interface ServiceLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT_LOG: ServiceLog = { info() {}, warn() {}, error() {} };

/** A document's lint for the version asked about: offsets of `result` are for `doc`'s current text. */
export interface Linted {
  doc: TextDocument;
  result: LintResult;
  glossary: Glossary;
}

export class PsylintService {
  readonly linter: DocumentLinter;
  private lastStatus = '';

  constructor(
    readonly workspace: LspWorkspace,
    readonly log: ServiceLog = SILENT_LOG,
    /** Configuration and glossary problems changed (the client's status item shows them). */
    private readonly onStatus: (problems: string[]) => void = () => undefined,
    resolver?: SettingsResolver,
  ) {
    this.linter = new DocumentLinter(
      (uri) => rootOf(workspace.folders, uri),
      (file) => openText(workspace.documents, file),
      (message) => log.info(message),
      resolver,
    );
  }

  /** A configuration file, the workspace glossary or a glossary some document uses: its edits re-lint everything. */
  isGlossaryOrConfig(uri: string): boolean {
    const file = fileOf(uri);
    if (!file) return false;
    return CONFIG_FILE_NAMES.includes(path.basename(file)) || file.endsWith(path.sep + WORKSPACE_GLOSSARY) || this.linter.resolver.knownGlossaryFiles().includes(file);
  }

  /** Tell the client when the configuration and glossary problems change. */
  reportStatus(): void {
    const problems = this.linter.resolver.problems();
    const key = problems.join('\n');
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    for (const p of problems) this.log.warn(p);
    this.onStatus(problems);
  }

  /**
   * The lint of an open prose document for its current version, for hovers, definitions, code actions and
   * lenses. Undefined when it is not open, is a configuration or glossary file, was not linted (disabled, too
   * large), or moved on while it was linted.
   */
  async linted(uri: string, token?: CancellationToken): Promise<Linted | undefined> {
    if (this.isGlossaryOrConfig(uri)) return undefined;
    const settings = await this.workspace.settings(uri);
    // Read the document after waiting: it may have changed, or closed and reopened, meanwhile.
    const doc = this.workspace.documents.get(uri);
    if (!doc) return undefined;
    const version = doc.version;
    const text = doc.getText();
    const outcome = await this.linter.lint(doc, settings, () => !token?.isCancellationRequested && this.workspace.documents.get(uri)?.version === version && doc.getText() === text);
    // Offsets are for that version's text.
    if (!outcome?.result || doc.version !== version || doc.getText() !== text || outcome.text !== text) return undefined;
    return { doc, result: outcome.result, glossary: outcome.glossary };
  }
}
