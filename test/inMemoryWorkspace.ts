// A workspace held in memory for the language service (server/src/lsp/):
// drafts, open documents and editor settings without a server process or a
// disk, so provider tests run in-process (as vscode-markdown-languageservice
// tests its providers). The bundled glossary is still read from the repository.

import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isDraftFile } from '../server/src/drafts';
import { utf8Length } from '../server/src/config';
import { PsylintService, type ServiceLog } from '../server/src/lsp/service';
import { DEFAULT_SETTINGS, sanitizeSettings, type EditorSettings } from '../server/src/lsp/settings';
import type { LspWorkspace } from '../server/src/lsp/workspace';
import { SettingsResolver } from '../server/src/workspace';

let sharedResolver: SettingsResolver | undefined;

/** A folder that exists nowhere on disk: no configuration file above it. */
export const MEMORY_ROOT = path.resolve('/psylint-in-memory/ws');

export class InMemoryWorkspace implements LspWorkspace {
  readonly folders: string[];
  /** Files "on disk", by absolute path. */
  readonly files = new Map<string, string>();
  private readonly open = new Map<string, TextDocument>();
  settingsValue: EditorSettings = DEFAULT_SETTINGS;
  readonly logs: string[] = [];

  readonly documents = {
    get: (uri: string) => this.open.get(uri),
    all: () => [...this.open.values()],
  };

  constructor(files: Record<string, string> = {}, root = MEMORY_ROOT) {
    this.folders = [root];
    for (const [name, text] of Object.entries(files)) this.files.set(this.path(name), text);
  }

  path(name: string): string {
    return path.join(this.folders[0], name);
  }

  uri(name: string): string {
    return URI.file(this.path(name)).toString();
  }

  /** Open a document as the client would (didOpen); also writes it "to disk". */
  openDocument(name: string, text: string, languageId = 'markdown'): TextDocument {
    this.files.set(this.path(name), text);
    const doc = TextDocument.create(this.uri(name), languageId, 1, text);
    this.open.set(doc.uri, doc);
    return doc;
  }

  change(doc: TextDocument, text: string): TextDocument {
    TextDocument.update(doc, [{ text }], doc.version + 1);
    return doc;
  }

  close(doc: TextDocument): void {
    this.open.delete(doc.uri);
  }

  setSettings(raw: unknown): void {
    this.settingsValue = sanitizeSettings(raw);
  }

  settings(): Promise<EditorSettings> {
    return Promise.resolve(this.settingsValue);
  }

  drafts() {
    const files = [...this.files.keys()].filter((f) => isDraftFile(f) && this.folders.some((root) => f.startsWith(root + path.sep))).sort();
    return { files, problems: [] };
  }

  readDraft(file: string, maxBytes: number) {
    const text = this.files.get(file);
    if (text === undefined) return { problem: 'no such file or directory' };
    if (utf8Length(text) > maxBytes) return { problem: `skipped: ${utf8Length(text)} bytes is over the ${maxBytes}-byte limit (maxFileSize)` };
    return { text };
  }

  /**
   * A language service over this workspace, logging into `logs`. Configuration and glossaries come from
   * one resolver for every in-memory workspace (the bundled glossary is built once per test run); it reads
   * them from disk only, so an in-memory workspace has no configuration or glossary files of its own.
   */
  service(onStatus?: (problems: string[]) => void): PsylintService {
    const log: ServiceLog = { info: (m) => this.logs.push(m), warn: (m) => this.logs.push(m), error: (m) => this.logs.push(m) };
    sharedResolver ??= new SettingsResolver('/');
    return new PsylintService(this, log, onStatus, sharedResolver);
  }
}
