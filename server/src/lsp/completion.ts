// Citekeys from the document's bibliography after "[@" or "@" in Pandoc citations.

import { CompletionItemKind, type CompletionItem, type CompletionParams } from 'vscode-languageserver';
import { loadBibliography } from '../bibliography';
import type { PsylintService } from './service';
import { fileOf } from './workspace';

/** textDocument/completion. */
export function provideCompletion(service: PsylintService, params: CompletionParams): CompletionItem[] {
  const doc = service.workspace.documents.get(params.textDocument.uri);
  const file = doc && fileOf(doc.uri);
  if (!doc || !file) return [];
  const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  const typed = /(?:^|[\s[;])-?@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u.exec(line);
  if (!typed) return [];
  const bibliography = loadBibliography(doc.getText(), file);
  if (!bibliography) return [];
  const start = { line: params.position.line, character: params.position.character - typed[1].length };
  return bibliography.entries.map((e) => ({
    label: e.key,
    kind: CompletionItemKind.Reference,
    detail: [e.author, e.year].filter(Boolean).join(', ') || undefined,
    documentation: e.title,
    textEdit: { range: { start, end: params.position }, newText: e.key },
    filterText: e.key,
  }));
}
