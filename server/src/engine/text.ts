// Text helpers that keep offsets exact: every transformation here preserves
// length, so an offset into the analysis copy is an offset into the original.

import { lastAtOrBefore } from './sorted';

/**
 * A copy of the text for analysis, the same length as the original: a BOM
 * becomes a space and CR (alone or before LF) becomes a space or LF, so that
 * the sentence splitter sees one line break where the file has CRLF.
 */
export function analysisCopy(text: string): string {
  let out = text;
  if (out.charCodeAt(0) === 0xfeff) out = ' ' + out.slice(1);
  if (out.includes('\r')) out = out.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
  return out;
}

/**
 * A copy of a string that holds no reference to the text it was cut from. V8
 * keeps a substring (and a concatenation) as a view of its parent, so a short
 * message kept from an old version of a document would keep all of that
 * version alive; slicing a fresh concatenation flattens it into new memory.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}

/**
 * What pads a decoded character reference inside a word (markdown.ts): a combining
 * grapheme joiner, which word patterns absorb as a mark and word forms drop.
 */
export const IN_WORD_PADDING = '\u034f';

/** A word as written, without the padding of a decoded character reference. */
export function withoutPadding(word: string): string {
  return word.includes(IN_WORD_PADDING) ? word.replaceAll(IN_WORD_PADDING, '') : word;
}

/** Replace ranges with spaces (line breaks kept), preserving length. */
export function blank(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, pos);
    if (r.end <= start) continue;
    out += text.slice(pos, start) + text.slice(start, r.end).replace(/[^\n]/g, ' ');
    pos = r.end;
  }
  return out + text.slice(pos);
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

/** Maps offsets to lines and columns; a line ends at LF, CRLF or a lone CR. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // indexOf is far faster than a per-character loop; CR needs the loop.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line containing the offset. */
  lineOf(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line] + 1 };
  }

  /** Offset of a 0-based line and 0-based character, clamped to the line. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const end = this.lineContentEnd(line);
    return Math.min(this.starts[line] + Math.max(0, character), end);
  }

  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
  }

  /** Offset where the line's content ends (before its line break). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

/**
 * How many characters two texts share at the start and at the end (not
 * overlapping): what an edit left alone. Compares 4 kB slices natively first.
 */
export function commonAffixes(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  const STEP = 4096;
  let prefix = 0;
  while (prefix + STEP <= max && a.slice(prefix, prefix + STEP) === b.slice(prefix, prefix + STEP)) prefix += STEP;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + STEP <= max - prefix && a.slice(a.length - suffix - STEP, a.length - suffix) === b.slice(b.length - suffix - STEP, b.length - suffix)) suffix += STEP;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/**
 * Length and a 53-bit hash (cyrb53) of a text, or of text[start, end) without cutting it out: which
 * glossary file the build compiled, which heading a block was linted under. Collisions between two
 * such texts are not a practical concern.
 */
export function textKey(text: string, start = 0, end = text.length): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${end - start}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}
