// A block's sentences: retext-english, asked only where a plain reading
// could differ from it, and the sentence ends scraped text runs together.

import { unified } from 'unified';
import retextEnglish from 'retext-english';
import { ParseEnglish } from 'parse-english';
import { VFile } from 'vfile';
import type { Root as NlRoot } from 'nlcst';
import { tokenize, type Token } from './tokens';
import type { Range } from './range';
import { keepShapesOf } from '../keptShapes';

/** What a sentence reads its tokens from: its block's prose, where the block starts, and what in it is masked or quoted. */
interface SentenceSource extends Range {
  prose: string;
  masked: Range[];
  quotes: Range[];
}

const englishProcessor = unified().use(retextEnglish).freeze();
// unified makes a file, and retext-english a parse-english parser, per parse.
keepShapesOf(new VFile('x'), new ParseEnglish());

/**
 * A sentence of a block. Its word tokens are built on first use and dropped
 * by releaseTokens(): the linter holds a block's tokens only while it lints
 * that block, since a book-length draft would otherwise keep millions.
 */
export class Sentence implements Range {
  #tokens?: Token[];
  readonly #block: SentenceSource;

  constructor(
    public start: number,
    public end: number,
    block: SentenceSource,
    /** Its position in the block. */
    readonly index: number,
  ) {
    this.#block = block;
  }

  get tokens(): Token[] {
    const b = this.#block;
    return (this.#tokens ??= tokenize(b.prose, b.start, this, b.masked, b.quotes));
  }

  releaseTokens(): void {
    this.#tokens = undefined;
  }
}

keepShapesOf(new Sentence(0, 0, { start: 0, end: 0, prose: '', masked: [], quotes: [] }, 0));

/** parse-latin's sentence-ending marks (and ⸮, to be safe). */
const TERMINAL = /[.?!…‽⸮]/;
/** What may follow a block's last sentence-ending mark: closing quotes, brackets and emphasis. */
const CLOSING_TAIL = /[.?!…‽⸮"”'’)\]*_]+$/;

/**
 * The sentences of a block's prose, as retext-english finds them (a
 * property test holds the two equal). retext is asked only about the parts
 * it could read differently from a plain reading:
 * - the prose is first cut at plain sentence ends, which retext ends a
 *   sentence at whatever the text around them: see plainEnds;
 * - a part with no sentence-ending mark before its end and no blank line
 *   is one sentence from its first to its last non-space character, as
 *   most headings, list items and sentences are.
 */
export function sentenceSpans(prose: string): Range[] {
  const out: Range[] = [];
  let from = 0;
  for (const m of prose.matchAll(PLAIN_END)) {
    if (!endsAlways(m[1], m[3])) continue;
    const end = m.index! + m[0].length;
    partSpans(prose, from, end, out);
    from = end + 1;
  }
  partSpans(prose, from, prose.length, out);
  return out;
}

/**
 * A candidate plain sentence end: one `.`, `?` or `!` after a word of ASCII letters and digits (after
 * a space or an opening bracket, or at the start) or after a closing bracket that follows one, then one
 * space and a capital letter. retext decides such an end by what stands right before the mark ("etc.
 * The", "al. Smith", "J. Smith", "3. The" read on): endsAlways asks retext once per word and mark.
 */
const PLAIN_END = /(?:(?<=^|[ \t(\[])([A-Za-z0-9]+)|(?<=[A-Za-z0-9])(\)))([.?!])(?= [A-Z])/g;
const plainEnds = new Map<string, boolean>();

function endsAlways(word: string | undefined, mark: string): boolean {
  const key = (word ?? ')') + mark;
  let ends = plainEnds.get(key);
  if (ends === undefined) {
    // Bounded: a book has more distinct words than a cache should hold.
    if (plainEnds.size >= 20_000) plainEnds.clear();
    ends = parsedSentences(word === undefined ? `Xx (yy)${mark} Yy` : `Xx ${word}${mark} Yy`).length === 2;
    plainEnds.set(key, ends);
  }
  return ends;
}

/** The sentences of prose[from, to), a part that no plain sentence end divides. */
function partSpans(prose: string, from: number, to: number, out: Range[]): void {
  const part = prose.slice(from, to);
  const end = part.trimEnd().length;
  if (!TERMINAL.test(part.slice(0, end).replace(CLOSING_TAIL, '')) && !/\n\s*\n/.test(part)) {
    const start = part.length - part.trimStart().length;
    if (start < end) out.push({ start: from + start, end: from + end });
    return;
  }
  for (const s of retextSentences(part)) out.push({ start: from + s.start, end: from + s.end });
}

/**
 * Sentence ends retext misses: "placebo.However, a review" (a full stop with no space after it, as
 * scraped text has), and "reported by @smith2010. Therapy works" (the citekey masked to blanks, so the
 * full stop follows a space).
 */
const RUN_TOGETHER = /(?<=\p{Ll}\p{Ll}[.!?])(?=\p{Lu}\p{Ll})|(?<= [.!?])(?=\s+\p{Lu}\p{Ll})/gu;

/** Sentence spans from retext-english, split where scraping dropped the space after a full stop. */
export function retextSentences(prose: string): Range[] {
  const out: Range[] = [];
  for (const s of parsedSentences(prose)) {
    let start = s.start;
    for (const m of prose.slice(s.start, s.end).matchAll(RUN_TOGETHER)) {
      out.push({ start, end: s.start + m.index! });
      start = s.start + m.index!;
    }
    out.push({ start, end: s.end });
  }
  return out;
}

function parsedSentences(prose: string): Range[] {
  const tree = englishProcessor.parse(prose) as NlRoot;
  const out: Range[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode' || !sentence.position) continue;
      const start = sentence.position.start.offset;
      const end = sentence.position.end.offset;
      if (start === undefined || end === undefined) continue;
      out.push({ start, end });
    }
  }
  return out;
}
