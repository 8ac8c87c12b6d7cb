// A sentence prepared for the claim analysis: lower case, straight
// apostrophes, words that scraping ran together split apart ("Therapyhelps",
// "a2019 surveyof"), and a token list, with a map back to the sentence's own
// offsets so every finding lands on the writer's text.

import { GLUE_LEFT, GLUE_LEFT_BY_START, GLUE_RIGHT } from './language';

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
  /** Offsets of `n` where a space was inserted to split run-together words (usually none). */
  private readonly inserted: number[] = [];

  constructor(readonly original: string) {
    const lower = original.toLowerCase().replace(/[’‘`]/g, "'").replace(/[“”]/g, '"');
    let n = '';
    let last = 0;
    // Only a long word, or one with a year in it, can be words run together.
    for (const m of lower.matchAll(/[a-z]{7,}|[a-z]+(?:1[89]|20)\d\d[a-z]*|(?:1[89]|20)\d\d[a-z]+/g)) {
      if (/[a-z0-9]/.test(lower[m.index! - 1] ?? '') || /[a-z0-9]/.test(lower[m.index! + m[0].length] ?? '')) continue;
      const parts = splitGlued(m[0]);
      if (parts.length === 1) continue;
      n += lower.slice(last, m.index!);
      parts.forEach((part, k) => {
        if (k > 0) {
          this.inserted.push(n.length);
          n += ' ';
        }
        n += part;
      });
      last = m.index! + m[0].length;
    }
    this.n = last === 0 ? lower : n + lower.slice(last);
    this.tokens = [...this.n.matchAll(/[a-z0-9]+(?:['-][a-z0-9]+)*|n't|[;:,.!?()—–"]/g)].map((t) => ({ w: t[0], start: t.index!, end: t.index! + t[0].length }));
  }

  /** An offset of `n` as an offset of the original sentence (an inserted space maps to the next character). */
  private back(offset: number): number {
    let shift = 0;
    for (const at of this.inserted) if (at < offset) shift++;
    return offset - shift;
  }

  /** A range of the normalised text as offsets in the original sentence. */
  toOriginal(start: number, end: number): { start: number; end: number } {
    return { start: this.back(start), end: end > start ? this.back(end - 1) + 1 : this.back(start) };
  }

  /** An offset of the original sentence as an offset of the normalised text. */
  fromOriginal(offset: number): number {
    let at = offset;
    for (const i of this.inserted) if (i <= at) at++;
    return at;
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
  const lefts = GLUE_LEFT_BY_START.get(token.slice(0, 2));
  if (!lefts) return undefined;
  // Longest left word first.
  for (const left of lefts.filter((w) => w.length <= token.length - 2 && token.startsWith(w)).sort((a, b) => b.length - a.length)) {
    const right = token.slice(left.length);
    if (GLUE_RIGHT.has(right)) return [left, right];
    const rest = right.length >= 7 ? glue(right) : undefined;
    if (rest) return [left, ...rest];
  }
  return undefined;
}
