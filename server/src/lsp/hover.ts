// Glossary hovers, answered from the last lint's term matches (no re-parse).

import type { Hover, Location } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Glossary } from '../glossary/glossary';
import type { TermMatch } from '../glossary/termIndex';
import type { GlossaryEntry, Source } from '../glossary/types';
import { rangeOf } from './convert';

export function matchAt(matches: readonly TermMatch[], offset: number): TermMatch | undefined {
  // Matches are sorted by offset: binary search for the last one starting at or before the offset.
  let lo = 0;
  let hi = matches.length - 1;
  let found: TermMatch | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].start <= offset) {
      found = matches[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset <= found.end ? found : undefined;
}

export function hover(doc: TextDocument, matches: readonly TermMatch[], glossary: Glossary, offset: number): Hover | null {
  const match = matchAt(matches, offset);
  if (!match) return null;
  const sections = match.entryIds.map((id) => glossary.get(id)).filter((e): e is GlossaryEntry => !!e).map((e) => entryMarkdown(e, glossary));
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: rangeOf(doc, match.start, match.end) };
}

export function entryMarkdown(entry: GlossaryEntry, glossary: Glossary): string {
  const lines: string[] = [`**${escape(entry.term)}**${entry.category ? ` · _${entry.category}_` : ''}`, '', escape(entry.definition.trim())];
  if (entry.replaced_by?.length) {
    const current = entry.replaced_by.map((r) => `**${escape(r.term)}**${r.note ? ` (${escape(r.note)})` : ''}`).join(' or ');
    lines.push('', `**Current name:** ${current}${entry.retired_in ? `; retired in ${escape(entry.retired_in)}` : ''}.`);
  }
  if (entry.avoid) {
    const prefer = entry.avoid.prefer?.length ? ` Prefer: ${entry.avoid.prefer.map((p) => `“${escape(p)}”`).join(', ')}.` : '';
    lines.push('', `**Avoid (${entry.avoid.rule}):** ${escape(entry.avoid.why)}${prefer}`);
  }
  if (entry.distinct_from?.length) {
    lines.push('', '**Not the same as:**');
    for (const r of entry.distinct_from) lines.push(`- ${escape(glossary.name(r.id))}: ${escape(r.why)}`);
  }
  if (entry.not_a_kind_of?.length) {
    lines.push('', '**Not a kind of:**');
    for (const r of entry.not_a_kind_of) lines.push(`- ${escape(glossary.name(r.id))}: ${escape(r.why)}`);
  }
  if (entry.kind_of?.length) lines.push('', `**A kind of:** ${entry.kind_of.map((id) => escape(glossary.name(id))).join(', ')}`);
  lines.push('', '**Sources:**');
  for (const s of entry.sources) lines.push(`- ${sourceMarkdown(s)}`);
  const origin = glossary.origins.get(entry.id);
  if (origin) {
    const uri = URI.file(origin.file).with({ fragment: `L${origin.line}` }).toString();
    lines.push('', `[Glossary entry \`${entry.id}\`](${uri})`);
  }
  return lines.join('\n');
}

function sourceMarkdown(s: Source): string {
  const link = s.doi ? `https://doi.org/${s.doi}` : s.url;
  const title = link ? `[${escape(s.title)}](${link})` : `_${escape(s.title)}_`;
  return `${escape(s.author)} (${s.year}). ${title}${s.publisher ? `. ${escape(s.publisher)}` : ''}.`;
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

export function definition(matches: readonly TermMatch[], glossary: Glossary, offset: number): Location | null {
  const match = matchAt(matches, offset);
  const origin = match && glossary.origins.get(match.entryIds[0]);
  if (!origin) return null;
  const position = { line: origin.line - 1, character: origin.column - 1 };
  return { uri: URI.file(origin.file).toString(), range: { start: position, end: position } };
}
