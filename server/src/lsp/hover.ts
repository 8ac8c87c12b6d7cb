// Glossary hovers, answered from the last lint's term matches (no re-parse).

import type { Hover, Location } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Glossary } from '../glossary/glossary';
import type { PlacedMatch } from '../engine/lint';
import type { GlossaryEntry } from '../glossary/types';
import { entryMarkdown } from '../glossary/markdown';
import { rangeOf } from './convert';

export function matchAt(matches: readonly PlacedMatch[], offset: number): PlacedMatch | undefined {
  // Matches are sorted by offset: binary search for the last one starting at or before the offset.
  let lo = 0;
  let hi = matches.length - 1;
  let found: PlacedMatch | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].start <= offset) {
      found = matches[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
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

export function definition(matches: readonly PlacedMatch[], glossary: Glossary, offset: number): Location | null {
  const match = matchAt(matches, offset);
  const origin = match && glossary.origins.get(match.entryIds[0]);
  if (!origin) return null;
  const position = { line: origin.line - 1, character: origin.column - 1 };
  return { uri: URI.file(origin.file).toString(), range: { start: position, end: position } };
}
