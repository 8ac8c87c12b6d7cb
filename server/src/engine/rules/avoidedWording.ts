// Shared by term/stigmatizing and term/imprecise: wording the glossary marks
// with `avoid`, reported with its reason and each preferred rewrite as a fix.

import { fitted, quote, rewrite } from '../wording';
import type { Fix } from '../types';
import type { RuleContext, Report } from './rule';

export function checkAvoidedWording(kind: 'stigmatizing' | 'imprecise', { doc, glossary, matches }: RuleContext, report: (finding: Report) => void): void {
  for (const match of matches) {
    // Avoided wording in quotation marks, even short ones, is held at a distance: mentioned, not used.
    if (match.quoted || match.inQuotes) continue;
    for (const surface of match.surfaces) {
      const entry = glossary.get(surface.entryId);
      if (entry?.avoid?.rule !== kind) continue;
      // "suffers from a small sample": the guard word may come a few words later, within the same phrase.
      const following: string[] = [];
      for (const t of match.sentence.tokens.slice(match.last + 1, match.last + 4)) {
        if (t.breakBefore && following.length) break;
        following.push(t.norm);
      }
      if (entry.avoid.unless_followed_by?.some((w) => following.includes(w.toLowerCase()))) continue;
      const original = doc.text.slice(match.start, match.end);
      const prefer = surface.prefer ?? entry.avoid.prefer ?? [];
      const fixes: Fix[] = prefer.map((p, i) => {
        const text = rewrite(original, p, surface.plural, match.first === 0);
        return {
          title: `Replace with ${quote(text)}`,
          edits: [{ start: match.start, end: match.end, text }],
          // One accepted rewrite can be applied unattended; a choice needs the writer.
          safe: prefer.length === 1,
          preferred: i === 0,
        };
      });
      // What is wrong and what to write; the reason and the sources are the hover's (the glossary entry).
      const written = fixes.map((f) => quote(f.edits[0].text));
      const wrong = `${quote(original)} is ${kind} wording`;
      report({
        message: written.length
          ? fitted(`${wrong}; write ${written.join(' or ')}.`, `${wrong}; write ${written[0]} (more in the quick fixes).`)
          : `${wrong}; rephrase it.`,
        start: match.start,
        end: match.end,
        terms: [entry.id],
        fixes,
      });
      break;
    }
  }
}
