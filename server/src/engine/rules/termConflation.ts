// term/conflation: two entries the glossary marks `distinct_from` presented
// as one thing: "X (or Y)", "X, also called Y", "X/Y", "X is another name
// for Y", "X and Y are interchangeable", and the elliptical "X (or Y) therapy"
// where "X therapy" and "Y therapy" are the two terms.

import type { TermMatch } from '../../glossary/termIndex';
import type { Token } from '../parse/tokens';
import type { Fix, TextEdit } from '../types';
import { quote } from '../wording';
import {
  between,
  CONTRAST_AFTER,
  identityPair,
  HEDGE,
  IDENTITY_COMMA,
  isQuestion,
  IDENTITY_COPULA,
  IDENTITY_INLINE,
  IDENTITY_PAIR_AFTER,
  IDENTITY_PAIR_GAP,
  IDENTITY_PAREN,
  IDENTITY_SLASH,
  type Pair,
} from './frames';
import type { Rule, RuleContext } from './rule';

type Frame = 'paren' | 'comma' | 'slash' | 'copula' | 'pair';

interface Conflation {
  pair: Pair & { broader?: boolean };
  frame: Frame;
  start: number;
  end: number;
  /** The two names as written, and where they stand. */
  a: { start: number; end: number };
  b: { start: number; end: number };
  /** Words the two names share after them ("therapy" in "psychodynamic (or psychoanalytic) therapy"). */
  shared?: { start: number; end: number };
  hedged: boolean;
}

/** One name of a pair as the writer spelled it, with the words it shares with the other. */
function written(text: string, c: Conflation, name: { start: number; end: number }): string {
  return text.slice(name.start, name.end) + (c.shared ? ` ${text.slice(c.shared.start, c.shared.end)}` : '');
}

export const termConflation: Rule = {
  id: 'term/conflation',
  defaultSeverity: 'warning',
  description: 'Two terms the glossary marks as distinct are presented as the same thing.',
  check(context, report) {
    const { doc } = context;
    for (const found of [...adjacentPairs(context), ...ellipses(context)]) {
      // The names as written; the reason the two differ is the hover's (the glossary entries).
      const nameA = quote(written(doc.text, found, found.a));
      const nameB = quote(written(doc.text, found, found.b));
      // A broader category named as the same thing passes one kind off as the family; a relation marked
      // 'information' is a matter of consistency or a disputed distinction: one step lower, and not "different things".
      const consistency = found.pair.severity === 'information';
      const message = found.pair.broader
        ? `${nameA} and ${nameB} are presented as one, but one is a kind of the other; name the one you mean.`
        : consistency
          ? `${nameA} and ${nameB} are presented as one name here; keep to one of them.`
          : `${nameA} and ${nameB} are different things, but this presents them as one; name the one you mean.`;
      report({
        message,
        start: found.start,
        end: found.end,
        terms: [found.pair.a, found.pair.b],
        fixes: fixesFor(doc.text, found, !consistency && !found.pair.broader),
        hedged: found.hedged || consistency,
      });
    }
  },
};

function adjacentPairs({ doc, glossary, matches }: RuleContext): Conflation[] {
  const out: Conflation[] = [];
  const text = doc.text;
  for (let i = 0; i + 1 < matches.length; i++) {
    const a = matches[i];
    const b = matches[i + 1];
    if (a.sentence !== b.sentence || a.quoted || b.quoted || isQuestion(text, a.sentence)) continue;
    const pair = identityPair(glossary, a, b);
    if (!pair) continue;
    const gap = between(text, a.end, b.start);
    // A bounded window keeps sentences full of terms linear.
    const after = between(text, b.end, Math.min(a.sentence.end, b.end + 300));
    const hedged = HEDGE.test(gap);
    const base = { pair, a, b, hedged };
    if (IDENTITY_PAREN.test(gap) && /^ ?\)/.test(after)) {
      out.push({ ...base, frame: 'paren', start: a.start, end: text.indexOf(')', b.end) + 1 });
    } else if (IDENTITY_PAREN.test(gap) && /\( ?\S/.test(gap.slice(gap.indexOf('('), gap.indexOf('(') + 3)) && /^ ?[,;]/.test(after)) {
      // "X (i.e. Y, which ...)": an explicit naming word, then more inside the parentheses.
      out.push({ ...base, frame: 'comma', start: a.start, end: b.end });
    } else if (IDENTITY_COMMA.test(gap)) {
      const word = IDENTITY_COMMA.exec(gap)![1];
      if (word !== 'or' || /^ ?[,;)—–-]/.test(after)) out.push({ ...base, frame: 'comma', start: a.start, end: b.end });
    } else if (IDENTITY_INLINE.test(gap)) {
      out.push({ ...base, frame: 'comma', start: a.start, end: b.end });
    } else if (IDENTITY_SLASH.test(gap) && SLASH_AS_NAME_AFTER.test(after)) {
      // "relapse/recurrence rates" means and/or; "X/Y is ..." uses one name for both.
      out.push({ ...base, frame: 'slash', start: a.start, end: b.end });
    } else if (IDENTITY_COPULA.test(gap)) {
      out.push({ ...base, frame: 'copula', start: a.start, end: b.end });
    } else if (IDENTITY_PAIR_GAP.test(gap) && IDENTITY_PAIR_AFTER.test(after)) {
      const frame = IDENTITY_PAIR_AFTER.exec(after)![0];
      const rest = after.slice(frame.length);
      if (CONTRAST_AFTER.test(rest)) continue;
      out.push({ ...base, hedged: hedged || HEDGE.test(frame), frame: 'pair', start: a.start, end: b.end + frameLength(text, b.end, frame) });
    }
  }
  return out;
}

/** "psychodynamic (or psychoanalytic) therapy", "psychodynamic/psychoanalytic therapy": two terms sharing their last words. */
function ellipses({ doc, glossary, block }: RuleContext): Conflation[] {
  const out: Conflation[] = [];
  const text = doc.text;
  for (const sentence of block.sentences) {
    const tokens = sentence.tokens;
    for (let i = 0; i + 2 < tokens.length; i++) {
      const x = tokens[i];
      // The second name may stand after naming words: "X (or Y)", "X (also called Y)".
      let j = i + 1;
      while (j < tokens.length - 1 && j <= i + 3 && NAMING_WORDS.has(tokens[j].norm)) j++;
      // An identity gap holds "(" or "/": most gaps are a space, and need no closer look.
      if (j >= tokens.length - 1 || !holdsParenOrSlash(text, x.end, tokens[j].start) || !identityGap(between(text, x.end, tokens[j].start))) continue;
      const y = tokens[j];
      if (x.quoted || y.quoted) continue;
      const paren = between(text, x.end, y.start).includes('(');
      const k = j + 1;
      if (paren && !/^ ?\) ?$/.test(between(text, y.end, tokens[k].start))) continue;
      const shared = tokens.slice(k);
      const first = glossary.index.longestAt([x, ...joined(shared)], 0);
      const second = glossary.index.longestAt([y, ...joined(shared)], 0);
      // "X (Y) Z": both "X Z" and "Y Z" are terms, or "Y" alone is one that glosses "X Z" (psychodynamic (Freudian) therapy).
      if (!first || !second || first.last < 1) continue;
      const asMatch = (surfaces: typeof first.surfaces, start: number, end: number) =>
        ({ entryIds: [...new Set(surfaces.map((s) => s.entryId))], start, end }) as TermMatch;
      const end = tokens[k + (second.last >= 1 ? Math.min(first.last, second.last) : first.last) - 1].end;
      const pair = identityPair(glossary, asMatch(first.surfaces, x.start, end), asMatch(second.surfaces, y.start, end));
      if (!pair) continue;
      out.push({ pair, frame: paren ? 'paren' : 'slash', start: x.start, end, a: { start: x.start, end: x.end }, b: { start: y.start, end: y.end }, shared: { start: tokens[k].start, end }, hedged: false });
      i = k + first.last - 2;
    }
  }
  return out;
}

/** After "X/Y": a verb, a preposition or the end of a clause, so the pair is used as one name ("relapse/recurrence rates" is and/or). */
const SLASH_AS_NAME_AFTER = /^(?: (?:is|are|was|were|has|have|can|may|will|does|do|means?|refers?|involves?|of|in|for|on|with|to|as)\b|\s*[,;.:)!?]|\s*$)/;

/** Words of the naming phrases in IDENTITY_PAREN ("or", "also called", "a.k.a."), skipped to reach the second name. */
const NAMING_WORDS = new Set(['or', 'also', 'called', 'known', 'as', 'aka', 'a', 'k', 'i', 'e', 'ie', 'sometimes', 'often', 'commonly', 'otherwise', 'formerly']);

function holdsParenOrSlash(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x2f) return true;
  }
  return false;
}

function identityGap(gap: string): boolean {
  return (IDENTITY_PAREN.test(gap) && gap.includes('(')) || IDENTITY_SLASH.test(gap);
}

/** Tokens after an ellipsis, as if they followed directly. */
function joined(tokens: Token[]): Token[] {
  return tokens.map((t, i) => (i === 0 ? { ...t, breakBefore: false } : t));
}

/** Length in the original text of a frame matched on collapsed, lower-cased text. */
function frameLength(text: string, from: number, collapsed: string): number {
  let i = from;
  let matched = 0;
  while (matched < collapsed.length && i < text.length) {
    if (/\s/.test(text[i])) {
      while (i < text.length && /\s/.test(text[i])) i++;
      matched++;
    } else {
      i++;
      matched++;
    }
  }
  return i - from;
}

/** `contrast`: offer rewrites that call the two distinct (not for a relation that is a matter of consistency). */
function fixesFor(text: string, c: Conflation, contrast: boolean): Fix[] {
  const nameA = text.slice(c.a.start, c.a.end);
  const nameB = text.slice(c.b.start, c.b.end);
  const fix = (title: string, edits: TextEdit[], preferred = false): Fix => ({ title, edits, safe: false, preferred });
  switch (c.frame) {
    case 'paren': {
      const open = text.lastIndexOf('(', c.b.start);
      const close = text.indexOf(')', c.b.end);
      const spaceBefore = /\s/.test(text[open - 1] ?? '') ? 1 : 0;
      return [
        fix(`Keep ${quote(nameA)}`, [{ start: open - spaceBefore, end: close + 1, text: '' }], true),
        fix(`Keep ${quote(nameB)}`, [{ start: c.a.start, end: close + 1, text: nameB }]),
        ...(contrast ? [fix(`Rewrite as a contrast: ${quote(`${nameA} (distinct from ${nameB})`)}`, [{ start: open, end: close + 1, text: `(distinct from ${nameB})` }])] : []),
      ];
    }
    case 'comma':
    case 'slash': {
      // "X, or Y, explores" -> "X explores": the comma that closed the apposition goes too.
      const closing = c.frame === 'comma' && text[c.b.end] === ',' ? 1 : 0;
      return [
        fix(`Keep ${quote(nameA)}`, [{ start: c.a.end, end: c.b.end + closing, text: '' }], true),
        fix(`Keep ${quote(nameB)}`, [{ start: c.a.start, end: c.b.start, text: '' }]),
      ];
    }
    case 'copula':
      if (!contrast) return [];
      return [fix(`Rewrite as a contrast: ${quote(`${nameA} is distinct from ${nameB}`)}`, [{ start: c.a.end, end: c.b.start, text: ' is distinct from ' }], true)];
    case 'pair':
      if (!contrast) return [];
      return [fix(`Rewrite as a contrast: ${quote(`${nameA} and ${nameB} are distinct`)}`, [{ start: c.b.end, end: c.end, text: ' are distinct' }], true)];
  }
}
