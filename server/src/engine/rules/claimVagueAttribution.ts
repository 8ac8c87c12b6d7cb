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
      const named = text.slice(frame.start, frame.end).replace(/\s+/g, ' ');
      report({
        message:
          frame.kind === 'organisation'
            ? `“${named}” names no report: cite the specific report or guideline.`
            : frame.kind === 'study'
              ? `“${named}” is not cited: add the study's reference.`
              : `“${named}” points at evidence without citing it: cite the studies.`,
        start: frame.start,
        end: frame.end,
        terms: [],
        fixes: [placeholderFix(text, s.sentence, context.evidence.placeholder())],
        hedged: frame.hedged,
      });
    }
  },
};
