// term/outdated: a renamed or retired diagnostic term, driven by the
// glossary's `replaced_by`. A paragraph that names a classification in which
// the term is still current (`still_current_in`, e.g. ICD-11) is left alone.

import { quote, rewrite } from '../wording';
import type { Fix } from '../types';
import type { Rule } from './rule';

export const termOutdated: Rule = {
  id: 'term/outdated',
  defaultSeverity: 'warning',
  description: 'A renamed or retired diagnostic term, with the current name as a quick fix.',
  check({ doc, glossary, block, matches }, report) {
    const blockText = doc.text.slice(block.start, block.end);
    for (const match of matches) {
      if (match.quoted) continue;
      for (const surface of match.surfaces) {
        const entry = glossary.get(surface.entryId);
        if (!entry?.replaced_by) continue;
        if (entry.still_current_in?.some((name) => mentions(blockText, name))) continue;
        const original = doc.text.slice(match.start, match.end);
        const replacements = surface.prefer?.map((term) => ({ term, note: undefined })) ?? entry.replaced_by;
        const fixes: Fix[] = replacements.map((r, i) => ({
          title: `Replace with ${quote(rewrite(original, r.term, surface.plural))}${r.note ? ` (${r.note})` : ''}`,
          edits: [{ start: match.start, end: match.end, text: rewrite(original, r.term, surface.plural) }],
          // With several successors the writer has to choose: never applied unattended.
          safe: replacements.length === 1,
          preferred: i === 0,
        }));
        const current = entry.replaced_by.map((r) => quote(r.term)).join(' or ');
        const when = entry.retired_in ? ` in ${entry.retired_in}` : '';
        report({
          message: `${quote(original)} is a retired diagnostic term: it was replaced${when} by ${current}.`,
          start: match.start,
          end: match.end,
          terms: [entry.id, ...entry.replaced_by.flatMap((r) => (r.id ? [r.id] : []))],
          fixes,
        });
        break;
      }
    }
  },
};

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}
