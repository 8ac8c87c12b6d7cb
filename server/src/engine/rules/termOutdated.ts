// term/outdated: a renamed or retired diagnostic term, driven by the
// glossary's `replaced_by`. Not a finding when:
// - the paragraph names a classification where the term is still current
//   (`still_current_in`, e.g. ICD-11);
// - the writer is talking *about* the old name ("the old label X", "X, now
//   called Y"): a naming word stands next to it, or the current name appears
//   in the same or a neighbouring sentence.

import type { TermMatch } from '../../glossary/termIndex';
import type { Block, Sentence } from '../parse';
import { quote, rewrite } from '../wording';
import type { Fix } from '../types';
import type { Rule } from './rule';

/** Words that, just before a term, show it is being named rather than used. */
const NAMING_BEFORE = new Set([
  'term', 'terms', 'phrase', 'label', 'labels', 'name', 'names', 'called', 'formerly', 'previously', 'once', 'originally',
  'outdated', 'obsolete', 'archaic', 'retired', 'renamed',
]);
/** Words that, just after a term, show the writer explains the change. */
const NAMING_AFTER = new Set(['renamed', 'replaced', 'retired', 'outdated', 'obsolete', 'dropped', 'abandoned', 'now', 'nowadays', 'today', 'formerly', 'former', 'label', 'term']);
const WINDOW_BEFORE = 3;
const WINDOW_AFTER = 6;

export const termOutdated: Rule = {
  id: 'term/outdated',
  defaultSeverity: 'warning',
  description: 'A renamed or retired diagnostic term, with the current name as a quick fix.',
  check({ doc, glossary, block, matches }, report) {
    const blockText = doc.text.slice(block.start, block.end);
    // Computed once per block, so a paragraph full of terms stays linear.
    const currentIn = new Map<string, boolean>();
    const isCurrent = (name: string) => currentIn.get(name) ?? currentIn.set(name, mentions(blockText, name)).get(name)!;
    const idsBySentence = new Map<Sentence, Set<string>>();
    for (const m of matches) {
      let ids = idsBySentence.get(m.sentence);
      if (!ids) idsBySentence.set(m.sentence, (ids = new Set()));
      for (const id of m.entryIds) ids.add(id);
    }
    for (const match of matches) {
      if (match.quoted) continue;
      for (const surface of match.surfaces) {
        const entry = glossary.get(surface.entryId);
        if (!entry?.replaced_by) continue;
        if (entry.still_current_in?.some(isCurrent)) continue;
        if (isNamed(match)) continue;
        const successors = entry.replaced_by.flatMap((r) => (r.id ? [r.id] : []));
        if (successorNearby(block, match, idsBySentence, successors, entry.replaced_by.map((r) => r.term), doc.text)) continue;
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
        const when = entry.retired_in ? ` (changed in ${entry.retired_in})` : '';
        report({
          message: `${quote(original)} is a retired diagnostic term; the current term is ${current}${when}.`,
          start: match.start,
          end: match.end,
          terms: [entry.id, ...successors],
          fixes,
        });
        break;
      }
    }
  },
};

function isNamed(match: TermMatch): boolean {
  const tokens = match.sentence.tokens;
  for (let i = Math.max(0, match.first - WINDOW_BEFORE); i < match.first; i++) {
    if (NAMING_BEFORE.has(tokens[i].norm)) return true;
  }
  for (let i = match.last + 1; i <= Math.min(tokens.length - 1, match.last + WINDOW_AFTER); i++) {
    if (NAMING_AFTER.has(tokens[i].norm)) return true;
  }
  return false;
}

/** A neighbouring sentence that explains a name change ("Today it is called ..."). */
const RENAMING = /\b(?:now|today|nowadays|renamed|replaced|called|known as|name|term|label|current|currently)\b/i;

/**
 * The current name in the same sentence, or in the sentence before or after
 * when that sentence speaks of naming: the old name is being explained.
 */
function successorNearby(block: Block, match: TermMatch, idsBySentence: Map<Sentence, Set<string>>, successorIds: string[], successorTerms: string[], text: string): boolean {
  const index = match.sentence.index;
  const near = block.sentences
    .slice(Math.max(0, index - 1), index + 2)
    .filter((s) => s === match.sentence || RENAMING.test(text.slice(s.start, s.end)));
  if (near.some((s) => successorIds.some((id) => idsBySentence.get(s)?.has(id)))) return true;
  // Successor names as plain text (for successors without an id), outside the matched words themselves.
  // Within a bounded window around the term, so long sentences stay linear.
  const from = Math.max(near[0].start, match.start - 400);
  const to = Math.min(near[near.length - 1].end, match.end + 400);
  const nearText = text.slice(from, match.start) + ' '.repeat(match.end - match.start) + text.slice(match.end, to);
  return successorTerms.some((term) => new RegExp(`(^|[^\\p{L}])${escapeRegExp(term)}(?![\\p{L}])`, 'iu').test(nearText));
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
