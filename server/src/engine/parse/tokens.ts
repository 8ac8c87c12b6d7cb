// Word tokens of a sentence: the units glossary terms are matched against.

import type { Range } from './range';
import { withoutPadding } from '../text';

export interface Token extends Range {
  /** Lower-cased, accent-folded form used for matching. */
  norm: string;
  /** The token as written, with a typographic apostrophe made straight: for case-sensitive terms. */
  exact: string;
  /** The token as written. */
  text: string;
  /** Nothing may match across the gap before this token (punctuation, code, sentence start). */
  breakBefore: boolean;
  /** Inside quotation marks: quoted speech is never a finding. */
  quoted: boolean;
}

/** A word: letters and digits, with inner apostrophes ("Asperger's"). Text and glossary terms are split by the same rule. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
const WORD_AT_START = new RegExp(`^(?:${WORD.source})`, 'u');
// What may stand between two words of one term besides a possessive apostrophe: spaces, line breaks, hyphens, emphasis marks.
const JOINING_CHARS = /[\s\-‐‑*_~]/;

export function normalizeWord(word: string): string {
  // Most words are ASCII, which NFKD and mark-stripping leave as they are.
  if (isAscii(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/’/g, "'");
}

const MARKS = /\p{M}/gu;

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function tokenize(prose: string, base: number, sentence: Range, masked: Range[], quotes: Range[]): Token[] {
  const tokens: Token[] = [];
  const from = sentence.start - base;
  const to = sentence.end - base;
  let previousEnd = -1;
  for (let at = nextWord(prose, from); at >= 0 && at < to; at = nextWord(prose, at + wordLength)) {
    let text = prose.slice(at, at + wordLength);
    // A word running past the sentence's end: the word as the sentence alone would have it.
    if (at + text.length > to) text = prose.slice(at, to).match(WORD_AT_START)?.[0] ?? '';
    if (text === '') break;
    const start = base + at;
    const end = start + text.length;
    const ascii = isAscii(text);
    tokens.push({
      start,
      end,
      text,
      norm: ascii ? text.toLowerCase() : normalizeWord(text),
      // As written, for case-sensitive terms: a straight apostrophe, and no padding of a decoded character reference ("EMDR&#39;s").
      exact: ascii ? text : withoutPadding(text).replace(/’/g, "'"),
      breakBefore: previousEnd < 0 || !joiningGap(prose, previousEnd - base, start - base) || overlaps(masked, previousEnd, start),
      quoted: encloses(quotes, start, end),
    });
    previousEnd = end;
  }
  return tokens;
}

/** The length of the word nextWord() found last. */
let wordLength = 0;

/**
 * Where the next WORD starts at or after `from` (-1: none), its length in `wordLength`. Words of
 * ASCII letters and digits, most of any text, are read here; a word that meets a non-ASCII
 * character or an apostrophe is left to WORD, which decides it.
 */
function nextWord(prose: string, from: number): number {
  for (let i = from; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (c >= 0x80) {
      from = i;
      break;
    }
    if (!isAsciiAlnum(c)) continue;
    let j = i + 1;
    while (j < prose.length && isAsciiAlnum(prose.charCodeAt(j))) j++;
    const next = j < prose.length ? prose.charCodeAt(j) : 0;
    if (next >= 0x80 || next === 0x27) {
      from = i;
      break;
    }
    wordLength = j - i;
    return i;
  }
  WORD.lastIndex = from;
  const m = WORD.exec(prose);
  if (!m) return -1;
  wordLength = m[0].length;
  return m.index;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Whether prose[from, to) may join two words of one term: spaces, line breaks, hyphens, emphasis marks, after an optional possessive apostrophe ("Hedges' g"). */
function joiningGap(prose: string, from: number, to: number): boolean {
  let i = from;
  if (i < to && (prose[i] === "'" || prose[i] === '’')) i++;
  // Most gaps are one space.
  if (i + 1 === to && prose.charCodeAt(i) === 0x20) return true;
  for (; i < to; i++) if (!JOINING_CHARS.test(prose[i])) return false;
  return true;
}

/** Some range overlaps (start, end) strictly inside its ends. */
function overlaps(ranges: readonly Range[], start: number, end: number): boolean {
  for (const r of ranges) if (r.start < end && r.end > start) return true;
  return false;
}

/** Some range strictly encloses [start, end]. */
function encloses(ranges: readonly Range[], start: number, end: number): boolean {
  for (const r of ranges) if (r.start < start && r.end > end) return true;
  return false;
}
