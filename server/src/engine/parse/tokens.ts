// Word tokens of a sentence: the units glossary terms are matched against.

import type { Range } from './range';

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
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

export function tokenize(prose: string, base: number, sentence: Range, masked: Range[], quotes: Range[]): Token[] {
  const tokens: Token[] = [];
  const from = sentence.start - base;
  const to = sentence.end - base;
  // Every word of every sentence passes here: no slices or closures per word.
  WORD.lastIndex = from;
  let previousEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(prose)) && m.index < to) {
    let text = m[0];
    // A word running past the sentence's end: the word as the sentence alone would have it.
    if (m.index + text.length > to) text = prose.slice(m.index, to).match(WORD_AT_START)?.[0] ?? '';
    if (text === '') break;
    const start = base + m.index;
    const end = start + text.length;
    const norm = normalizeWord(text);
    tokens.push({
      start,
      end,
      text,
      norm,
      exact: text.includes('’') ? text.replace(/’/g, "'") : text,
      breakBefore: previousEnd < 0 || !joiningGap(prose, previousEnd - base, start - base) || overlaps(masked, previousEnd, start),
      quoted: encloses(quotes, start, end),
    });
    previousEnd = end;
  }
  return tokens;
}

/** Whether prose[from, to) may join two words of one term: spaces, line breaks, hyphens, emphasis marks, after an optional possessive apostrophe ("Hedges' g"). */
function joiningGap(prose: string, from: number, to: number): boolean {
  let i = from;
  if (i < to && (prose[i] === "'" || prose[i] === '’')) i++;
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
