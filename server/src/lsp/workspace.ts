// What the language service knows of the editor's workspace: its folders,
// the open documents, the editor's settings and the drafts on disk. The
// server gives it one backed by the LSP connection (connectionWorkspace.ts);
// the provider tests give it an in-memory one (test/inMemoryWorkspace.ts).

import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { DraftProblem, DraftText } from '../drafts';
import type { EditorSettings } from './settings';

export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

export interface LspWorkspace {
  /** Workspace folders as file paths, in the editor's order. */
  readonly folders: readonly string[];
  readonly documents: OpenDocuments;
  /** The editor's `psylint.*` settings for a document or folder URI. */
  settings(uri: string): Promise<EditorSettings>;
  /** Draft files under the folders, in a stable order, and what could not be listed. */
  drafts(): { files: string[]; problems: DraftProblem[] };
  /** A draft's text as stored (refused with a reason when too large, binary or unreadable). */
  readDraft(file: string, maxBytes: number): DraftText;
}

/** The file path of a `file:` URI (other schemes have none). */
export function fileOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

/** The folder a document belongs to: the first folder holding it, else the first folder, else its own folder. */
export function rootOf(folders: readonly string[], uri: string): string {
  const file = fileOf(uri);
  const inside = file ? folders.find((f) => file.startsWith(f + path.sep)) : undefined;
  return inside ?? folders[0] ?? (file ? path.dirname(file) : '/');
}

/** The unsaved text of an open document, by file path. */
export function openText(documents: OpenDocuments, file: string): string | undefined {
  return documents.all().find((doc) => fileOf(doc.uri) === file)?.getText();
}
