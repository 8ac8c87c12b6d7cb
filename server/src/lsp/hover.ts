// Glossary hovers, answered from the last lint's term matches (no re-parse).

import type { CancellationToken, Hover, HoverParams } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Glossary } from '../glossary/glossary';
import type { PlacedMatch } from '../engine/lint';
import type { GlossaryEntry } from '../glossary/types';
import { entryMarkdown } from '../glossary/markdown';
import { rangeOf } from './convert';
import type { PsylintService } from './service';
import { partitionPoint } from '../engine/sorted';

/** textDocument/hover. */
export async function provideHover(service: PsylintService, params: HoverParams, token?: CancellationToken): Promise<Hover | null> {
  const linted = await service.linted(params.textDocument.uri, token);
  if (!linted) return null;
  return hover(linted.doc, linted.result.matches, linted.glossary, linted.doc.offsetAt(params.position));
}

export function matchAt(matches: readonly PlacedMatch[], offset: number): PlacedMatch | undefined {
  // Matches are sorted by offset: the last one starting at or before the offset, if it reaches it.
  const found = matches[partitionPoint(matches.length, (i) => matches[i].start <= offset) - 1];
  return found && offset <= found.end ? found : undefined;
}

export function hover(doc: TextDocument, matches: readonly PlacedMatch[], glossary: Glossary, offset: number): Hover | null {
  const match = matchAt(matches, offset);
  if (!match) return null;
  const sections = match.entryIds.map((id) => glossary.get(id)).filter((e): e is GlossaryEntry => !!e).map((e) => entryMarkdown(e, glossary, (id) => entryLink(glossary, id)));
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: rangeOf(doc, match.start, match.end) };
}

/** A link that opens the entry in its glossary file. */
function entryLink(glossary: Glossary, id: string): string | undefined {
  const origin = glossary.origins.get(id);
  return origin && URI.file(origin.file).with({ fragment: `L${origin.line}` }).toString();
}
