// A sentence prepared for the claim analysis: lower case, straight
// apostrophes, words that scraping ran together split apart ("Therapyhelps",
// "a2019 surveyof"), and a token list, with a map back to the sentence's own
// offsets so every finding lands on the writer's text.

import { GLUE_LEFT, GLUE_LEFT_BY_START, GLUE_RIGHT } from './language';
import { keepShapesOf } from '../keptShapes';
import { partitionPoint } from '../sorted';
import { IN_WORD_PADDING, withoutPadding } from '../text';

/** A range of a sentence's text. */
export interface Span {
  start: number;
  end: number;
}

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
    let lower = original.toLowerCase();
    if (/[’‘`“”]/.test(lower)) lower = lower.replace(/[’‘`]/g, "'").replace(/[“”]/g, '"');
    let tokens = tokenize(lower);
    // Only a long word, or one with a year in it, can be words run together: split them and read again.
    let n = '';
    let last = 0;
    for (const t of tokens) {
      if (t.w.length < 7 && !/\d[a-z]|[a-z]\d/.test(t.w)) continue;
      const parts = /^[a-z0-9]+$/.test(t.w) ? splitGlued(t.w) : [t.w];
      if (parts.length === 1) continue;
      n += lower.slice(last, t.start);
      parts.forEach((part, k) => {
        if (k > 0) {
          this.inserted.push(n.length);
          n += ' ';
        }
        n += part;
      });
      last = t.end;
    }
    if (last > 0) {
      n += lower.slice(last);
      tokens = tokenize(n);
    }
    this.n = last > 0 ? n : lower;
    this.tokens = tokens;
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
    return partitionPoint(this.tokens.length, (i) => this.tokens[i].start < offset);
  }
}

// A decoded character reference pads its word after the apostrophe ("couldn&#39;t" reads "couldn'" + padding + "t").
const TOKEN = new RegExp(`[a-z0-9]+(?:['-]${IN_WORD_PADDING}*[a-z0-9]+)*|n't|[;:,.!?()—–"]`, 'g');

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) out.push({ w: withoutPadding(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
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

keepShapesOf(new SentenceView('a sentence'));
