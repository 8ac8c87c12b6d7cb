// claim/vague-attribution: "research shows", "studies have found", "experts
// agree", "according to the APA", "a meta-analysis of 33 studies found", a
// named study or review: pointing at evidence without citing it.

import { claimsOf, placeholderFix } from './claims';
import type { Rule } from './rule';

export const claimVagueAttribution: Rule = {
  id: 'claim/vague-attribution',
  defaultSeverity: 'warning',
  // Headlines can assert ("Landmark study finds therapy cures anxiety"); topic headings have no outcome verb.
  readsTopicHeadings: true,
  description: '"Research shows", "studies have found", "experts agree" and the like, with no evidence marker.',
  check(context, report) {
    const text = context.doc.text;
    for (const s of claimsOf(context)) {
      if (s.supported) continue;
      // One finding per sentence: the first frame stands for the others.
      const frame = s.frames[0];
      if (!frame) continue;
      report({
        message: `“${text.slice(frame.start, frame.end)}” points at evidence without citing it: name the source.`,
        start: frame.start,
        end: frame.end,
        terms: [],
        fixes: [placeholderFix(text, s.sentence, context.evidence.placeholder())],
        hedged: frame.hedged,
      });
    }
  },
};
