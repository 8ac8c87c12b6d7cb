// claim/unsupported: a sentence asserting that a treatment works, helps,
// improves, outperforms..., with no evidence marker in it or in the sentence
// right after it. Hedged claims are reported one severity lower. A claim that
// rests on an uncited evidence frame is left to claim/vague-attribution.

import { claimsOf, placeholderFix, sentenceRange } from './claims';
import type { Rule } from './rule';

export const claimUnsupported: Rule = {
  id: 'claim/unsupported',
  defaultSeverity: 'warning',
  // Headlines can assert ("Landmark study finds therapy cures anxiety"); topic headings have no outcome verb.
  readsTopicHeadings: true,
  description: 'A claim that a treatment works, helps, improves or outperforms, with no evidence marker.',
  check(context, report) {
    const text = context.doc.text;
    for (const s of claimsOf(context)) {
      // A headline sums up the article below it, where its evidence is; overstatement and vague attribution still apply.
      if (!s.claim || s.supported || s.frames.length || context.block.kind === 'heading') continue;
      const range = sentenceRange(text, s.sentence);
      const keys = s.unknownKeys.map((k) => `@${k}`).join(', ');
      const bibliography = context.evidence.bibliography?.files.join(', ') || 'the bibliography';
      report({
        message: s.unknownKeys.length
          ? `${keys} ${s.unknownKeys.length === 1 ? 'is' : 'are'} not in ${bibliography}: add the entry, or cite a source that is there.`
          : 'Treatment claim with no citation: cite the evidence in this sentence or the next.',
        ...range,
        terms: [],
        fixes: [placeholderFix(text, s.sentence, context.evidence.placeholder())],
        hedged: s.hedged,
      });
    }
  },
};
