// A sentence prepared for the claim analysis: lower case, straight
// apostrophes, words that scraping ran together split apart ("Therapyhelps",
// "a2019 surveyof"), and a token list, with a map back to the sentence's own
// offsets so every finding lands on the writer's text.

import { GLUE_LEFT, GLUE_RIGHT } from './language';

export interface Token {
  /** The word (lower case) or punctuation mark. */
  w: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
}

export class SentenceView {
  /** The normalised text. */
  readonly n: string;
  readonly tokens: Token[];
  /** For each offset of `n` (and one past its end), the offset in the original sentence. */
  private readonly map: number[];

  constructor(readonly original: string) {
    const lower = original.toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”]/g, '"');
    let n = '';
    const map: number[] = [];
    let last = 0;
    for (const m of lower.matchAll(/[a-z0-9]+/g)) {
      const parts = splitGlued(m[0]);
      if (parts.length === 1) continue;
      for (let i = last; i < m.index!; i++) (n += lower[i]), map.push(i);
      let at = m.index!;
      parts.forEach((part, k) => {
        if (k > 0) (n += ' '), map.push(at);
        for (let i = 0; i < part.length; i++) (n += part[i]), map.push(at + i);
        at += part.length;
      });
      last = at;
    }
    for (let i = last; i < lower.length; i++) (n += lower[i]), map.push(i);
    map.push(lower.length);
    this.n = n;
    this.map = map;
    this.tokens = [...n.matchAll(/[a-z0-9]+(?:['-][a-z0-9]+)*|n't|[;:,.!?()—–"]/g)].map((t) => ({ w: t[0], start: t.index!, end: t.index! + t[0].length }));
  }

  /** A range of the normalised text as offsets in the original sentence. */
  toOriginal(start: number, end: number): { start: number; end: number } {
    return { start: this.map[start], end: end > start ? this.map[end - 1] + 1 : this.map[start] };
  }

  /** An offset of the original sentence as an offset of the normalised text (the first at or after it). */
  fromOriginal(offset: number): number {
    let lo = 0;
    let hi = this.map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.map[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the first token that starts at or after an offset of `n`. */
  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Words run together by scraping: a year glued to a word ("a2019"), or known
 * words with no space between them ("reviewfound", "thatacupuncturecould").
 * Only a split into words the claim language knows is made, so real words
 * ("therapist", "helpless") stay whole.
 */
export function splitGlued(token: string): string[] {
  const year = /^([a-z]+)(1[89]\d\d|20\d\d)([a-z]*)$|^(1[89]\d\d|20\d\d)([a-z]+)$/.exec(token);
  if (year) return year.slice(1).filter(Boolean).flatMap((p) => (/^\d/.test(p) ? [p] : splitGlued(p)));
  if (token.length < 7 || GLUE_LEFT.has(token) || GLUE_RIGHT.has(token)) return [token];
  return glue(token) ?? [token];
}

function glue(token: string): string[] | undefined {
  for (let i = token.length - 2; i >= 2; i--) {
    const left = token.slice(0, i);
    if (!GLUE_LEFT.has(left)) continue;
    const right = token.slice(i);
    if (GLUE_RIGHT.has(right)) return [left, right];
    const rest = right.length >= 7 ? glue(right) : undefined;
    if (rest) return [left, ...rest];
  }
  return undefined;
}
