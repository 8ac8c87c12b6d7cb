// claim/overstated: absolute outcome language (proven, cures, guaranteed,
// always works, never fails, eliminates, completely, 100%) applied to a
// treatment, with or without a citation. Negated uses ("there is no cure",
// "not guaranteed") are not findings.

import { matchCase, quote } from '../wording';
import { claimsOf } from './claims';
import type { Rule } from './rule';

export const claimOverstated: Rule = {
  id: 'claim/overstated',
  defaultSeverity: 'warning',
  // Headlines can assert ("Landmark study finds therapy cures anxiety"); topic headings have no outcome verb.
  readsTopicHeadings: true,
  description: 'Absolute outcome language: proven, cures, guaranteed, always works, eliminates, 100%.',
  check(context, report) {
    const text = context.doc.text;
    for (const s of claimsOf(context)) {
      for (const o of s.overstatements) {
        const original = text.slice(o.start, o.end);
        report({
          message: o.rewrites[0]
            ? `${quote(original)} overstates the evidence: write ${quote(matchCase(original, o.rewrites[0]))}.`
            : o.rewrites.length
              ? `${quote(original)} overstates the evidence: remove it.`
              : `${quote(original)} overstates the evidence: say what the studies found.`,
          start: o.start,
          end: o.end,
          terms: [],
          fixes: o.rewrites.map((rewrite, i) => {
            // Deleting a word ("completely ") takes its trailing space with it.
            const end = rewrite === '' && text[o.end] === ' ' ? o.end + 1 : o.end;
            const replacement = rewrite === '' ? '' : matchCase(original, rewrite);
            return {
              title: rewrite === '' ? `Remove ${quote(original.trim())}` : `Replace with ${quote(replacement)}`,
              edits: [{ start: o.start, end, text: replacement }],
              safe: false,
              preferred: i === 0,
            };
          }),
        });
      }
    }
  },
};
