// Glossary entries rendered as Markdown, for hovers and docs/glossary.md.

import type { Glossary } from './glossary';
import type { GlossaryEntry, Source } from './types';

/** One entry as Markdown: hovers link the entry to its file, the generated docs to an anchor. */
export function entryMarkdown(entry: GlossaryEntry, glossary: Glossary, link: (id: string) => string | undefined, heading = ''): string {
  const title = heading ? `${heading} ${escape(entry.term)}` : `**${escape(entry.term)}**`;
  const lines: string[] = [`${title}${entry.category ? ` · _${entry.category}_` : ''}`, '', escape(entry.definition.trim())];
  if (entry.replaced_by?.length) {
    const current = entry.replaced_by.map((r) => `**${escape(r.term)}**${r.note ? ` (${escape(r.note)})` : ''}`).join(' or ');
    lines.push('', `**Current name:** ${current}${entry.retired_in ? `; retired in ${escape(entry.retired_in)}` : ''}.`);
    if (entry.still_current_in?.length) lines.push('', `**Still current in:** ${entry.still_current_in.map(escape).join(', ')}.`);
  }
  if (entry.avoid) {
    const prefer = entry.avoid.prefer?.length ? ` Prefer: ${entry.avoid.prefer.map((p) => `“${escape(p)}”`).join(', ')}.` : '';
    lines.push('', `**Avoid (${entry.avoid.rule}):** ${escape(entry.avoid.why)}${prefer}`);
  }
  if (entry.distinct_from?.length) {
    lines.push('', '**Not the same as:**');
    for (const r of entry.distinct_from) lines.push(`- ${name(glossary, r.id, link)}${r.severity === 'information' ? ' (a matter of consistency)' : ''}: ${escape(r.why.trim())}`);
  }
  if (entry.not_a_kind_of?.length) {
    lines.push('', '**Not a kind of:**');
    for (const r of entry.not_a_kind_of) lines.push(`- ${name(glossary, r.id, link)}: ${escape(r.why.trim())}`);
  }
  if (entry.misdefinition_cues?.length) {
    // The reasons behind term/misdefinition: its message names only the concept the description fits.
    lines.push('', '**Often described with the marks of:**');
    for (const c of entry.misdefinition_cues) lines.push(`- ${name(glossary, c.concept, link)}: ${escape(c.why.trim())}`);
  }
  if (entry.kind_of?.length) lines.push('', `**A kind of:** ${entry.kind_of.map((id) => name(glossary, id, link)).join(', ')}`);
  if (entry.maybe_kind_of?.length) lines.push('', `**Sometimes counted as a kind of (disputed):** ${entry.maybe_kind_of.map((id) => name(glossary, id, link)).join(', ')}`);
  lines.push('', '**Sources:**');
  for (const s of entry.sources) lines.push(`- ${sourceMarkdown(s)}`);
  const self = link(entry.id);
  if (self) lines.push('', `[Glossary entry \`${entry.id}\`](${self})`);
  return lines.join('\n');
}

function sourceMarkdown(s: Source): string {
  const link = s.doi ? `https://doi.org/${s.doi}` : s.url;
  const title = link ? `[${escape(s.title)}](${link})` : `_${escape(s.title)}_`;
  return `${escape(s.author)} (${s.year}). ${title}${s.publisher ? `. ${escape(s.publisher)}` : ''}.`;
}

function name(glossary: Glossary, id: string, link: (id: string) => string | undefined): string {
  const target = link(id);
  return target ? `[${escape(glossary.name(id))}](${target})` : escape(glossary.name(id));
}

export function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** docs/glossary.md: every entry, grouped by the file it comes from. Generated, never edited by hand. */
export function glossaryDocument(glossary: Glossary, fileLabel: (file: string) => string): string {
  const byFile = new Map<string, GlossaryEntry[]>();
  for (const entry of glossary.entries.values()) {
    const file = glossary.origins.get(entry.id)?.file ?? '';
    byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  const anchor = (id: string) => (glossary.get(id) ? `#${id}` : undefined);
  const out = [
    '# Psylint glossary',
    '',
    '<!-- Generated from glossary/*.yaml by `npm run glossary:docs`. Do not edit by hand. -->',
    '',
    `${glossary.entries.size} entries. Each definition is written for this project; each entry cites its sources.`,
    '',
  ];
  for (const [file, entries] of byFile) {
    out.push(`## ${fileLabel(file)} (${entries.length})`, '');
    for (const entry of [...entries].sort((a, b) => a.term.localeCompare(b.term))) {
      out.push(`<a id="${entry.id}"></a>`, '', entryMarkdown(entry, glossary, (id) => (id === entry.id ? undefined : anchor(id)), '###'), '');
    }
  }
  return out.join('\n');
}
