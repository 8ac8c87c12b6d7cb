// term/outdated: a renamed or retired diagnostic term, driven by the
// glossary's `replaced_by`. Not a finding when:
// - the paragraph names a classification where the term is still current
//   (`still_current_in`, e.g. ICD-11);
// - the sentence is set in the past (an era, a year or an edition before the
//   term was retired) or speaks of the old category as such ("no longer a
//   diagnosis", "before this change");
// - the writer is talking *about* the old name ("the old label X", "X, now
//   called Y"): a naming word stands next to it, or the current name appears
//   in the same or a neighbouring sentence that speaks of naming. "Also known
//   as X" offers the old name as a current one: that is a use;
// - it stands in a heading that asks a question (it names the section's topic).
// Its fix is safe only when it is right wherever the entry allows the term:
// one successor, marked safe, and no classification where the term is current.

import type { TermMatch } from '../../glossary/termIndex';
import type { Sentence } from '../parse/sentences';
import type { Block } from '../parse/types';
import { fitted, quote, rewrite } from '../wording';
import { between, CURRENT_ALIAS_BEFORE, HISTORICAL, isQuestion, NAMING_AFTER, NAMING_BEFORE, RENAMING, setBefore } from './frames';
import type { Fix } from '../types';
import type { Rule } from './rule';

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
    // A heading that asks a question names its section's topic ("How is X diagnosed?").
    if (block.kind === 'heading' && block.sentences.length && isQuestion(doc.text, block.sentences[block.sentences.length - 1])) return;
    // Whether a sentence is set in the past, once per sentence and retirement date: a sentence full of terms stays linear.
    const past = new Map<Sentence, Map<string, boolean>>();
    const renaming = new Map<Sentence, boolean>();
    const setInPast = (s: Sentence, retiredIn: string | undefined): boolean => {
      let byDate = past.get(s);
      if (!byDate) past.set(s, (byDate = new Map()));
      const key = retiredIn ?? '';
      let value = byDate.get(key);
      if (value === undefined) {
        const text = doc.text.slice(s.start, s.end);
        byDate.set(key, (value = HISTORICAL.test(text) || setBefore(text, retiredIn)));
      }
      return value;
    };
    for (const match of matches) {
      if (match.quoted) continue;
      for (const surface of match.surfaces) {
        const entry = glossary.get(surface.entryId);
        if (!entry?.replaced_by) continue;
        if (entry.still_current_in?.some(isCurrent)) continue;
        if (setInPast(match.sentence, entry.retired_in)) continue;
        const alias = CURRENT_ALIAS_BEFORE.test(between(doc.text, Math.max(match.sentence.start, match.start - 40), match.start));
        if (!alias && isNamed(match)) continue;
        const successors = entry.replaced_by.flatMap((r) => (r.id ? [r.id] : []));
        if (!alias && successorNearby(block, match, idsBySentence, successors, entry.replaced_by.map((r) => r.term), doc.text, renaming)) continue;
        const original = doc.text.slice(match.start, match.end);
        const replacements = surface.prefer?.map((term) => ({ term, note: undefined, safe: undefined })) ?? entry.replaced_by;
        // Safe only when right wherever the entry allows the term: one successor, not marked unsafe,
        // and no classification in which the old term is still the current one.
        const safe = replacements.length === 1 && replacements[0].safe !== false && !entry.still_current_in?.length;
        const initial = match.first === 0;
        const fixes: Fix[] = replacements.map((r, i) => ({
          title: `Replace with ${quote(rewrite(original, r.term, surface.plural, initial))}${r.note ? ` (${r.note})` : ''}`,
          edits: [{ start: match.start, end: match.end, text: rewrite(original, r.term, surface.plural, initial) }],
          safe,
          preferred: i === 0,
        }));
        // What to write, as the fix would write it; the dates, the history and the sources are the hover's.
        const written = [...new Set(fixes.map((f) => quote(f.edits[0].text)))];
        // "ICD" next to "ICD-11" only helps the paragraph check; the message names the editions.
        const current = entry.still_current_in?.filter((c, _, all) => !all.some((o) => o !== c && o.startsWith(c))) ?? [];
        const still = (listed: string[]) => (listed.length ? ` (still current in ${listed.length < current.length ? `${listed.join(', ')} and others` : listed.join(' and ')})` : '');
        const retired = `${quote(original)} is a retired diagnostic term`;
        report({
          message: fitted(
            `${retired}${still(current)}; write ${written.join(' or ')}.`,
            `${retired}${still(current.slice(0, 1))}; write ${written.join(' or ')}.`,
            `${retired}${still(current.slice(0, 1))}; write ${written[0]}${written.length > 1 ? ' or another current term' : ''}.`,
            `${retired}; write ${written[0]}${written.length > 1 ? ' or another current term' : ''}.`,
          ),
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


/**
 * The current name in the same sentence, or in the sentence before or after
 * when that sentence speaks of naming: the old name is being explained.
 */
function successorNearby(block: Block, match: TermMatch, idsBySentence: Map<Sentence, Set<string>>, successorIds: string[], successorTerms: string[], text: string, renaming: Map<Sentence, boolean>): boolean {
  const index = match.sentence.index;
  // Every sentence in reach speaks of naming: "people with X don't consider Y a disorder" uses X.
  const speaksOfNaming = (s: Sentence) => renaming.get(s) ?? renaming.set(s, RENAMING.test(text.slice(s.start, s.end))).get(s)!;
  const near = block.sentences.slice(Math.max(0, index - 1), index + 2).filter(speaksOfNaming);
  if (near.length === 0) return false;
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
