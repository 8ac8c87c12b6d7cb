// The workspace as the language server sees it: folders from initialize,
// open documents from the client, settings pulled with
// workspace/configuration (cached per document until they change), drafts
// read from disk.

import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { collectDrafts, readDraft } from '../drafts';
import { DEFAULT_SETTINGS, sanitizeSettings, type EditorSettings } from './settings';
import type { LspWorkspace } from './workspace';

export class ConnectionWorkspace implements LspWorkspace {
  folders: string[] = [];
  /** The client answers workspace/configuration; without it every document gets the defaults. */
  configurationPull = false;
  private readonly cache = new Map<string, Promise<EditorSettings>>();

  constructor(
    private readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
  ) {}

  settings(uri: string): Promise<EditorSettings> {
    if (!this.configurationPull) return Promise.resolve(DEFAULT_SETTINGS);
    let cached = this.cache.get(uri);
    if (!cached) {
      cached = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'psylint' }).then(sanitizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, cached);
    }
    return cached;
  }

  /** Settings changed (all of them), or a document closed (its own). */
  forgetSettings(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }

  drafts() {
    return collectDrafts([...this.folders], '/');
  }

  readDraft(file: string, maxBytes: number) {
    return readDraft(file, maxBytes);
  }
}
