// A block's sentences: retext-english, with a fast path for blocks that are
// one sentence, and the sentence ends scraped text runs together.

import { unified } from 'unified';
import retextEnglish from 'retext-english';
import type { Root as NlRoot } from 'nlcst';
import { tokenize, type Token } from './tokens';
import type { Range } from './range';

/** What a sentence reads its tokens from: its block's prose, where the block starts, and what in it is masked or quoted. */
interface SentenceSource extends Range {
  prose: string;
  masked: Range[];
  quotes: Range[];
}

const englishProcessor = unified().use(retextEnglish).freeze();

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

/** parse-latin's sentence-ending marks (and ⸮, to be safe). */
const TERMINAL = /[.?!…‽⸮]/;
/** What may follow a block's last sentence-ending mark: closing quotes, brackets and emphasis. */
const CLOSING_TAIL = /[.?!…‽⸮"”'’)\]*_]+$/;

/**
 * The sentences of a block's prose, as retext-english finds them. Most
 * blocks (headings, list items, one-sentence paragraphs: about 78% of the
 * benchmark corpus) have no sentence-ending mark before their end and no
 * blank line, so they are one sentence from the first to the last non-space
 * character, which is what retext says (a property test holds the two equal).
 */
export function sentenceSpans(prose: string): Range[] {
  const end = prose.trimEnd().length;
  if (!TERMINAL.test(prose.slice(0, end).replace(CLOSING_TAIL, '')) && !/\n\s*\n/.test(prose)) {
    const start = prose.length - prose.trimStart().length;
    return start < end ? [{ start, end }] : [];
  }
  return retextSentences(prose);
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
