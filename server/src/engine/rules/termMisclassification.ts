// term/misclassification: X presented as a kind, type or example of Y when
// the glossary says X is `not_a_kind_of` Y (or of anything Y is a kind of).
// Frames: "X is a form of Y", "X is a Y", "Y, such as X", "types of Y
// include X", and a list (or sub-headings) under a lead sentence or heading
// that announces types of Y.

import type { TermMatch } from '../../glossary/termIndex';
import type { Block } from '../parse/types';
import type { Fix } from '../types';
import { quote } from '../wording';
import { between, CLAUSE_BREAK, COPULA_KIND_GAP, EXAMPLES_AFTER, HEDGE, isQuestion, KIND_NOUN_BEFORE, KIND_OF_GAP, LEAD_ENDS_WITH_LIST, notAKindOf, withoutParentheses } from './frames';
import type { Report, Rule, RuleContext } from './rule';

export const termMisclassification: Rule = {
  id: 'term/misclassification',
  defaultSeverity: 'warning',
  description: 'X presented as a kind, type or example of Y when the glossary says it is not.',
  readsTopicHeadings: true,
  check(context, report) {
    const reported = new Set<TermMatch>();
    const emit = (x: TermMatch, y: TermMatch, finding: Omit<Report, 'message' | 'terms'>, relation = notAKindOf(context.glossary, x, y)) => {
      if (!relation || reported.has(x)) return;
      reported.add(x);
      // The names as written; why X is not a kind of Y is the hover's (the glossary entries).
      const nameX = context.doc.text.slice(x.start, x.end);
      const nameY = context.doc.text.slice(y.start, y.end);
      report({ ...finding, message: `${quote(nameX)} is not a kind of ${quote(nameY)}; present the two as distinct.`, terms: [relation.x, relation.y] });
    };
    if (!context.block.topicHeading) {
      inSentences(context, emit);
      inListItem(context, emit);
    } else {
      inSubheading(context, emit);
    }
  },
};

/** How far after a term a frame ("such as ...", "include ...") is looked for. */
const WINDOW = 300;

type Emit = (x: TermMatch, y: TermMatch, finding: Omit<Report, 'message' | 'terms'>) => void;

/** "X is a form of Y", "Y, such as X", "types of Y include X". */
function inSentences({ doc, matches }: RuleContext, emit: Emit): void {
  const text = doc.text;
  for (let i = 0; i < matches.length; i++) {
    const first = matches[i];
    if (first.quoted || isQuestion(text, first.sentence)) continue;
    const next = matches[i + 1];
    if (next && next.sentence === first.sentence && !next.quoted) {
      const gap = between(text, first.end, next.start);
      if (KIND_OF_GAP.test(gap) || COPULA_KIND_GAP.test(gap)) {
        // "DIT, not to be confused with IPT, is a form of Y": after an apposition, the subject is the head term.
        const subject = /^\)? ?, ?(?:is|are|was|were|may|might|could|can)\b/.test(gap) ? matches.find((m) => m.sentence === first.sentence && !m.quoted) ?? first : first;
        if (subject !== first) {
          emit(subject, next, { start: subject.start, end: next.end, hedged: HEDGE.test(gap), fixes: [] });
          continue;
        }
        emit(first, next, {
          start: first.start,
          end: next.end,
          hedged: HEDGE.test(gap),
          fixes: [distinctRewrite(text, first, next, gap)],
        });
      }
    }
    // Y followed by examples, or "types of Y ...": every term later in the clause is offered as a kind of Y.
    const y = first;
    // Bounded windows keep sentences full of terms linear.
    const after = between(text, y.end, Math.min(y.sentence.end, y.end + WINDOW));
    const before = between(text, Math.max(y.sentence.start, y.start - 80), y.start);
    const opensList = EXAMPLES_AFTER.exec(after);
    const named = KIND_NOUN_BEFORE.test(before);
    if (!opensList && !named) continue;
    const clause = withoutParentheses(after.slice(opensList ? opensList[0].length : 0));
    const breakAt = clause.search(CLAUSE_BREAK);
    const listEnd = y.end + (opensList ? opensList[0].length : 0) + (breakAt < 0 ? clause.length : breakAt);
    let members = i + 1;
    while (members < matches.length && matches[members].sentence === y.sentence && matches[members].start < listEnd + 2) members++;
    const onlyExample = members - (i + 1) === 1;
    for (let k = i + 1; k < members; k++) {
      const x = matches[k];
      if (x.quoted) continue;
      emit(x, y, { start: x.start, end: x.end, hedged: HEDGE.test(before.slice(-30)), fixes: onlyExample ? [] : [removeFromList(text, x)] });
    }
  }
}

/** A list item whose first words are X, in a list led by "types of Y" or "Y include:". */
function inListItem({ doc, block, matches, lead }: RuleContext, emit: Emit): void {
  const list = block.list;
  if (!list || block.start > list.itemStart + 12) return;
  const x = matches[0];
  if (!x || x.quoted || x.sentence !== block.sentences[0] || x.first > 2) return;
  const context = lead();
  if (!context) return;
  const y = announcedKind(doc.text, context.block, context.matches);
  if (!y) return;
  emit(x, y, { start: x.start, end: x.end, fixes: [removeItem(doc.text, list.itemStart, list.itemEnd)] });
}

/** A sub-heading naming X under a heading "Types of Y". */
function inSubheading({ doc, matches, heading }: RuleContext, emit: Emit): void {
  const x = matches[0];
  if (!x || x.quoted || x.first > 1) return;
  const context = heading();
  if (!context) return;
  const y = announcedKind(doc.text, context.block, context.matches);
  if (y) emit(x, y, { start: x.start, end: x.end, fixes: [] });
}

/** The Y that a lead sentence or heading announces kinds of: "types of Y", or "Y include:" at its end. */
function announcedKind(text: string, lead: Block, leadMatches: TermMatch[]): TermMatch | undefined {
  const leadText = text.slice(lead.start, lead.end);
  // A paragraph announces its list in its last sentence; earlier sentences speak of other things.
  const last = lead.sentences[lead.sentences.length - 1];
  for (const y of leadMatches) {
    if (y.quoted || (lead.kind !== 'heading' && y.sentence !== last)) continue;
    const before = between(text, y.sentence.start, y.start);
    const after = between(text, y.end, lead.end);
    if (KIND_NOUN_BEFORE.test(before)) return y;
    if (/:\s*$/.test(leadText) && LEAD_ENDS_WITH_LIST.test(after)) return y;
  }
  return undefined;
}

/** "X is a form of Y" -> "X is distinct from Y"; the apposition "X, a form of Y," -> "X, distinct from Y,". */
function distinctRewrite(text: string, x: TermMatch, y: TermMatch, gap: string): Fix {
  const apposition = gap.trimStart().startsWith(',');
  const replacement = apposition ? ', distinct from ' : ' is distinct from ';
  return {
    title: `Rewrite: ${quote(`${text.slice(x.start, x.end)}${replacement}${text.slice(y.start, y.end)}`)}`,
    edits: [{ start: x.end, end: y.start, text: replacement }],
    safe: false,
    preferred: true,
  };
}

function removeItem(text: string, start: number, end: number): Fix {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end - 1);
  return { title: 'Remove this list item', edits: [{ start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' }], safe: false, preferred: true };
}

/** Remove X and one neighbouring separator from "such as A, X and B". */
function removeFromList(text: string, x: TermMatch): Fix {
  const before = /(,\s*|\s+(?:and|or)\s+)$/.exec(text.slice(Math.max(0, x.start - 8), x.start));
  const after = /^(,\s*|\s+(?:and|or)\s+)/.exec(text.slice(x.end, x.end + 8));
  const edit = before ? { start: x.start - before[0].length, end: x.end, text: '' } : after ? { start: x.start, end: x.end + after[0].length, text: '' } : { start: x.start, end: x.end, text: '' };
  return { title: `Remove ${quote(text.slice(x.start, x.end))} from the examples`, edits: [edit], safe: false, preferred: true };
}
