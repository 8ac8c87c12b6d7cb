// Markdown, Quarto, R Markdown, MDX or plain text -> prose blocks, sentences
// and word tokens, with offsets into the original text.
//
// The document is cut into chunks at blank lines outside fences, front matter
// and comments, joined into parse units, and each unit is parsed on its own
// by markdown-it (./markdown.ts): an edit re-parses only its unit. Sentences
// come from retext-english, run on a length-preserving copy of each block's
// source in which everything that is never prose (inline code, URLs, HTML,
// citekeys) is blanked out, so every offset is an offset into the original.

import { unified } from 'unified';
import retextEnglish from 'retext-english';
import type { Token as MdToken } from 'markdown-it';
import type { Root as NlRoot } from 'nlcst';
import { analysisCopy, blank, commonAffixes, detach, LineIndex } from './text';
import { CITEKEY, countCitations, footnoteIds } from './citations';
import { ContentMap, linkDestination, parseMarkdown, type LocatedToken } from './markdown';

export type DocumentKind = 'markdown' | 'mdx' | 'plaintext';

export interface Range {
  start: number;
  end: number;
}

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

/**
 * A sentence of a block. Its word tokens are built on first use and dropped
 * by releaseTokens(): the linter holds a block's tokens only while it lints
 * that block, since a book-length draft would otherwise keep millions.
 */
export class Sentence implements Range {
  #tokens?: Token[];
  readonly #block: Block;

  constructor(
    public start: number,
    public end: number,
    block: Block,
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

export type BlockKind = 'paragraph' | 'heading' | 'tableCell';

export interface Block extends Range {
  index: number;
  kind: BlockKind;
  /** Heading depth (1-6) for headings. */
  depth?: number;
  /** A heading that only names a topic (no sentence punctuation): never a finding. */
  topicHeading: boolean;
  /** The heading this block sits under: the nearest heading before it (for a heading, the nearest of a higher level). */
  heading?: number;
  /** For a paragraph inside a list item: the list, the item's range, and the block (paragraph or heading) that leads into the list. */
  list?: { start: number; item: number; itemStart: number; itemEnd: number; lead?: number };
  /** Ranges inside the block that are not prose (inline code, URLs, HTML, citekeys). */
  masked: Range[];
  /** Quoted speech ("..." and “...”): never a finding. */
  quotes: Range[];
  /** The block's source with the masked ranges blanked (same length): what tokens are read from. */
  prose: string;
  sentences: Sentence[];
}

export interface ParsedDocument {
  text: string;
  kind: DocumentKind;
  lines: LineIndex;
  blocks: Block[];
  /** Ranges that are never prose: code, front matter, comments, quotes, reference sections. */
  excluded: Range[];
  frontMatter?: Range & { value: string };
  /** HTML comments outside code, where inline directives live. */
  comments: Range[];
  citations: CitationCounts;
  /** Ids of footnotes defined in the document ([^id]: ...). */
  footnotes: Set<string>;
}

const englishProcessor = unified().use(retextEnglish).freeze();

/**
 * A line opening 40 or more nested lists or block quotes. markdown-it stops at 100 token levels (a list and
 * its item are two) and drops what lies deeper, so such a unit is read as plain text instead.
 */
const DEEP_NESTING = /^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+){40}/m;
// A Pandoc attribute block may follow the title: "## References {.unnumbered}".
const REFERENCE_HEADING = /^\s*(references?|bibliography|works cited|literature cited|sources|reference list|cited works)\s*:?\s*(?:\{[^{}]*\}\s*)?$/i;
// Bare URLs and e-mail addresses (GFM autolink literals): links, not words. A URL's trailing punctuation is prose.
const BARE_LINK = /(?<![\w@/.:-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>]*[^\s<>?!.,:;*_~'"()[\]]|(?<![\w@.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Parsed per chunk, a footnote reference whose definition is in another chunk stays text.
const FOOTNOTE_REF = /\[\^[^\]\s]+\]/g;
/** A word: letters and digits, with inner apostrophes ("Asperger's"). Text and glossary terms are split by the same rule. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
const WORD_AT_START = new RegExp(`^(?:${WORD.source})`, 'u');
// What may stand between two words of one term besides a possessive apostrophe: spaces, line breaks, hyphens, emphasis marks.
const JOINING_CHARS = /[\s\-‐‑*_~]/;

export function documentKind(languageIdOrPath: string | undefined): DocumentKind {
  const id = (languageIdOrPath ?? '').toLowerCase();
  if (id === 'plaintext' || id.endsWith('.txt')) return 'plaintext';
  if (id === 'mdx' || id.endsWith('.mdx')) return 'mdx';
  return 'markdown';
}

export function normalizeWord(word: string): string {
  // Most words are ASCII, which NFKD and mark-stripping leave as they are.
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

/** What the rules and evidence checks read of a whole document, besides its blocks. */
export interface DocumentFacts {
  text: string;
  frontMatter?: Range & { value: string };
  citations: CitationCounts;
  /** Ids of footnotes defined in the document ([^id]: ...). */
  footnotes: ReadonlySet<string>;
}

/** A parse unit of a document, and what a caller keeps of it while its text is unchanged. */
export interface Unit<R> extends Chunk {
  record?: R;
}

/** A text cut into parse units. */
export interface Layout<R> {
  text: string;
  /** The analysis copy of the text (./text.ts). */
  analysis: string;
  bom: boolean;
  kind: DocumentKind;
  units: Unit<R>[];
}

/**
 * The parse units of a text. Given the previous layout of the same document,
 * units an edit did not touch are carried over with their records, the span
 * around the edit is cut again, and each unit cut again takes the record of a
 * previous unit with the same text, if one is free (each record serves one unit).
 */
export function layoutUnits<R>(text: string, kind: DocumentKind, previous?: Layout<R>): Layout<R> {
  const analysis = analysisCopy(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  const plain = kind === 'plaintext';
  const last = previous?.kind === kind ? previous : undefined;
  const edited = last ? unitsAfterEdit(last, text, analysis, plain) : undefined;
  const units: Unit<R>[] = edited?.units ?? parseUnits(scanChunks(analysis, bom, 0, analysis.length, plain).chunks, analysis);
  const layout = { text, analysis, bom, kind, units };
  let byText: Map<string, R> | undefined;
  for (const unit of units) {
    if (unit.record !== undefined || !last) continue;
    if (!byText) {
      byText = new Map();
      for (const u of edited?.candidates ?? last.units) if (u.record !== undefined) byText.set(unitKey(last, u), u.record);
    }
    const key = unitKey(layout, unit);
    unit.record = byText.get(key);
    byText.delete(key);
  }
  return layout;
}

/** Where a unit's text starts: front matter must start the file, so the first unit is parsed from after a BOM. */
export function unitStart(layout: Layout<unknown>, unit: Chunk): number {
  return unit.start === 0 && layout.bom ? 1 : unit.start;
}

function unitKey(layout: Layout<unknown>, unit: Chunk): string {
  return `${unit.frontMatterAllowed ? 'F' : 'B'}:${layout.analysis.slice(unitStart(layout, unit), unit.end)}`;
}

/** What a unit contributes to the document's facts, read from its text without parsing it. */
export interface UnitFacts {
  citations: CitationCounts;
  footnotes: string[];
  /** Relative to the unit. */
  frontMatter?: Range & { value: string };
}

export function unitFacts(layout: Layout<unknown>, unit: Unit<unknown>): UnitFacts {
  const text = layout.analysis.slice(unitStart(layout, unit), unit.end);
  const fm = layout.kind !== 'plaintext' && unit.frontMatterAllowed ? frontMatterOf(text) : undefined;
  return {
    citations: countCitations(text),
    footnotes: footnoteIds(text).map(detach),
    frontMatter: fm?.yaml ? { start: fm.start, end: fm.end, value: detach(fm.value) } : undefined,
  };
}

/** A parse unit parsed: its top-level items, with blocks and ranges at their places in the document. */
export function buildUnit(layout: Layout<unknown>, unit: Unit<unknown>): UnitItem[] {
  const start = unitStart(layout, unit);
  const items = new UnitBuilder(layout.analysis.slice(start, unit.end), layout.kind, unit.frontMatterAllowed).build();
  const move = (r: Range) => {
    r.start += start;
    r.end += start;
  };
  for (const item of items) {
    move(item);
    item.excluded.forEach(move);
    item.comments.forEach(move);
    for (const block of item.blocks) {
      move(block);
      block.masked.forEach(move);
      block.quotes.forEach(move);
      if (block.list) {
        block.list.start += start;
        block.list.itemStart += start;
        block.list.itemEnd += start;
      }
      block.sentences.forEach(move);
    }
  }
  return items;
}

/** How many citations of each style a text holds: the document's style is the most used one. */
export interface CitationCounts {
  pandoc: number;
  apa: number;
  numeric: number;
}

/** A top-level node of a unit and what it produced. */
export interface UnitItem extends Range {
  /** For a heading: its depth and whether it opens a reference section. */
  heading?: { depth: number; references: boolean };
  blocks: Block[];
  excluded: Range[];
  comments: Range[];
}

/**
 * Document-order bookkeeping over the blocks of successive units: each
 * block's index, the heading it sits under and the block leading into its
 * list, and which items lie in a reference section (none of their blocks is
 * prose). `T` is what the caller keeps of each heading and lead.
 */
export class Outliner<T> {
  private readonly headings: { depth: number; index: number; ref: T }[] = [];
  private lastNonList?: { index: number; ref: T };
  private referencesDepth?: number;
  private count = 0;

  /** The next top-level item; false when it lies in a reference section. */
  item(heading: UnitItem['heading']): boolean {
    if (!heading) return this.referencesDepth === undefined;
    if (this.referencesDepth !== undefined && heading.depth <= this.referencesDepth) this.referencesDepth = undefined;
    if (this.referencesDepth === undefined && heading.references) this.referencesDepth = heading.depth;
    return true;
  }

  /** The next block of an item that is prose: a heading of `depth`, or not (undefined); in a list or not. */
  block(depth: number | undefined, inList: boolean, ref: T): { index: number; heading?: { index: number; ref: T }; lead?: { index: number; ref: T } } {
    const index = this.count++;
    const headings = this.headings;
    if (depth !== undefined) while (headings.length && headings[headings.length - 1].depth >= depth) headings.pop();
    const heading = headings[headings.length - 1];
    if (depth !== undefined) headings.push({ depth, index, ref });
    const lead = inList ? this.lastNonList : undefined;
    if (!inList) this.lastNonList = { index, ref };
    return { index, heading, lead };
  }
}

/** The whole document parsed at once (the linter instead keeps one unit's blocks at a time). */
export function parseDocument(text: string, kind: DocumentKind = 'markdown'): ParsedDocument {
  const layout = layoutUnits<never>(text, kind);
  const outliner = new Outliner<Block>();
  const blocks: Block[] = [];
  const excluded: Range[] = [];
  const comments: Range[] = [];
  const citations: CitationCounts = { pandoc: 0, apa: 0, numeric: 0 };
  const footnotes = new Set<string>();
  let frontMatter: ParsedDocument['frontMatter'];
  for (const unit of layout.units) {
    const facts = unitFacts(layout, unit);
    addCitations(citations, facts.citations);
    for (const id of facts.footnotes) footnotes.add(id);
    const start = unitStart(layout, unit);
    if (facts.frontMatter) frontMatter = { start: facts.frontMatter.start + start, end: facts.frontMatter.end + start, value: facts.frontMatter.value };
    for (const item of buildUnit(layout, unit)) {
      comments.push(...item.comments);
      if (!outliner.item(item.heading)) {
        excluded.push({ start: item.start, end: item.end });
        continue;
      }
      excluded.push(...item.excluded);
      for (const block of item.blocks) {
        const placed = outliner.block(block.kind === 'heading' ? block.depth : undefined, block.list !== undefined, block);
        block.index = placed.index;
        block.heading = placed.heading?.index;
        if (block.list) block.list.lead = placed.lead?.index;
        blocks.push(block);
      }
    }
  }
  const lines = new LineIndex(text);
  return { text, kind, lines, blocks, excluded, frontMatter, comments, citations, footnotes };
}

export function addCitations(to: CitationCounts, counts: CitationCounts): void {
  to.pandoc += counts.pandoc;
  to.apa += counts.apa;
  to.numeric += counts.numeric;
}

interface Chunk extends Range {
  frontMatterAllowed: boolean;
}

/** Cut at blank lines that are outside fences, front matter, HTML comments and math, where the next line is not indented. */
export function splitChunks(analysis: string, bom = false): Chunk[] {
  return scanChunks(analysis, bom, 0, analysis.length, false).chunks;
}

/**
 * Chunks of analysis[from, to), where `from` is a chunk boundary (or 0).
 * `clean` says the range ends outside any fence, comment, math or front matter,
 * so the text after it is chunked exactly as before. Plain text is cut at
 * every blank line (space and tab only, where its paragraphs end).
 */
function scanChunks(analysis: string, bom: boolean, from: number, to: number, plain: boolean): { chunks: Chunk[]; clean: boolean } {
  const chunks: Chunk[] = [];
  const lineRe = /[^\n]*\n|[^\n]+$/g;
  lineRe.lastIndex = from;
  let chunkStart = from;
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let inMath = false;
  let inFrontMatter = false;
  let first = from === 0;
  let blankSeen = false;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(analysis)) && m.index < to) {
    const line = m[0];
    const content = line.replace(/\n$/, '');
    const lineStart = m.index;
    if (plain) {
      const isBlank = /^[ \t]*$/.test(content);
      if (blankSeen && !isBlank && lineStart > chunkStart) {
        chunks.push({ start: chunkStart, end: lineStart, frontMatterAllowed: chunkStart === 0 });
        chunkStart = lineStart;
      }
      blankSeen = isBlank;
      continue;
    }
    if (first) {
      first = false;
      // A BOM (a space in the analysis copy) may precede front matter.
      if (/^(---|\+\+\+)\s*$/.test(bom ? content.slice(1) : content)) {
        inFrontMatter = true;
        continue;
      }
    }
    if (inFrontMatter) {
      if (/^(---|\.\.\.|\+\+\+)\s*$/.test(content)) inFrontMatter = false;
      continue;
    }
    const isBlank = content.trim() === '';
    if (blankSeen && !isBlank && !fence && !inComment && !inMath && !/^[ \t]/.test(content) && lineStart > chunkStart) {
      chunks.push({ start: chunkStart, end: lineStart, frontMatterAllowed: chunkStart === 0 });
      chunkStart = lineStart;
    }
    blankSeen = false;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(content);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (inComment) {
      if (content.includes('-->')) inComment = false;
      continue;
    }
    if (inMath) {
      if (/\$\$\s*$/.test(content)) inMath = false;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    if (open) {
      fence = { char: open[1][0], length: open[1].length };
      continue;
    }
    if (/^ {0,3}<!--/.test(content) && !content.includes('-->', content.indexOf('<!--') + 4)) {
      inComment = true;
      continue;
    }
    if (/^ {0,3}\$\$/.test(content) && !/^ {0,3}\$\$.*\$\$\s*$/.test(content)) {
      inMath = true;
      continue;
    }
    if (isBlank) blankSeen = true;
  }
  if (chunkStart < to || chunks.length === 0) {
    chunks.push({ start: chunkStart, end: to, frontMatterAllowed: chunkStart === 0 });
  }
  return { chunks, clean: !fence && !inComment && !inMath && !inFrontMatter };
}

/**
 * The parse units of a document that differs from the last one parsed only
 * between a common prefix and suffix: units before the change are kept,
 * those after it are shifted, and only the span between is chunked again.
 * Undefined when that is not safe (the change is at the start, or leaves a
 * fence or comment open): then everything is chunked again.
 */
function unitsAfterEdit<R>(last: Layout<R>, text: string, analysis: string, plain: boolean): { units: Unit<R>[]; candidates: Unit<R>[] } | undefined {
  const { text: old, units } = last;
  if (units.length < 3) return undefined;
  const { prefix, suffix } = commonAffixes(old, text);
  const delta = text.length - old.length;
  // One unit of margin on each side: their text is unchanged, so the cuts at the span's ends stand.
  const first = unitAt(units, prefix) - 1;
  const last_ = unitAt(units, Math.max(prefix, old.length - suffix)) + 1;
  if (first < 1 || last_ >= units.length) return undefined;
  const from = units[first].start;
  const to = units[last_].end + delta;
  const { chunks, clean } = scanChunks(analysis, false, from, to, plain);
  if (!clean) return undefined;
  return {
    units: [
      ...units.slice(0, first),
      ...parseUnits(chunks, analysis),
      ...units.slice(last_ + 1).map((u): Unit<R> => ({ start: u.start + delta, end: u.end + delta, frontMatterAllowed: u.frontMatterAllowed, record: u.record })),
    ],
    // The span chunked again may still hold some of these units' text (its margins do).
    candidates: units.slice(first, last_ + 1),
  };
}

/** Index of the unit containing an offset (the last unit for the end of the text). */
function unitAt(units: Chunk[], offset: number): number {
  let lo = 0;
  let hi = units.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (units[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Parse units hold between MIN and MAX characters: large enough to amortise the parser's setup, small enough to re-parse on an edit. */
const UNIT_MIN_CHARS = 1000;
const UNIT_MAX_CHARS = 6000;

/**
 * Consecutive chunks joined into parse units. A unit ends after a chunk whose
 * text hashes to 0 mod 4 (once it holds UNIT_MIN_CHARS), so boundaries depend
 * on content, not position: an edit changes its own unit, and the units after
 * it (and their cached trees) stay the same. Front matter stays alone.
 */
export function parseUnits(chunks: Chunk[], analysis: string): Chunk[] {
  const units: Chunk[] = [];
  let open: Chunk | undefined;
  for (const chunk of chunks) {
    if (open && chunk.end - open.start <= UNIT_MAX_CHARS) open.end = chunk.end;
    // Literals, not spreads: V8 gives each object made by spread-then-add its own hidden class (13 MB on a 1M-word draft).
    else units.push((open = { start: chunk.start, end: chunk.end, frontMatterAllowed: chunk.frontMatterAllowed }));
    if (open.frontMatterAllowed || (open.end - open.start >= UNIT_MIN_CHARS && hash(analysis, chunk.start, chunk.end) % 4 === 0)) open = undefined;
  }
  return units;
}

function hash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}

/** YAML (--- ... ---) or TOML (+++ ... +++) front matter at the start of a text; only YAML is read. */
function frontMatterOf(text: string): (Range & { yaml: boolean; value: string }) | undefined {
  const open = /^(---|\+\+\+)[ \t]*\n/.exec(text);
  if (!open) return undefined;
  const close = new RegExp(`^${open[1] === '---' ? '---' : '\\+\\+\\+'}[ \\t]*$`, 'm');
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return undefined;
  return { start: 0, end: open[0].length + m.index + m[0].length, yaml: open[1] === '---', value: rest.slice(0, Math.max(0, m.index - 1)) };
}

/** Builds one parse unit: markdown-it, then prose blocks with sentences and tokens, positions relative to the unit. */
class UnitBuilder {
  private readonly items: UnitItem[] = [];
  private item: UnitItem = { start: 0, end: 0, blocks: [], excluded: [], comments: [] };
  /** Titles of works set in emphasis, found while collecting a block's masked ranges. */
  private titles: Range[] = [];
  /** Offset where each line of the unit starts. */
  private lineStarts: number[] = [0];

  constructor(
    /** The unit's text (from the analysis copy). */
    readonly analysis: string,
    readonly kind: DocumentKind,
    readonly frontMatterAllowed: boolean,
  ) {}

  /** The unit's items, positions relative to the unit. */
  build(): UnitItem[] {
    if (this.kind === 'plaintext') {
      const re = /\S(?:[^\n]|\n(?![ \t]*\n))*/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(this.analysis))) {
        this.open({ start: m.index, end: m.index + m[0].length });
        this.addBlock('paragraph', m.index, m.index + m[0].length, []);
      }
    } else {
      const text = this.analysis;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      let tokens: MdToken[] | undefined;
      if (!DEEP_NESTING.test(text)) {
        const body = this.readFrontMatter();
        try {
          tokens = parseMarkdown(body);
        } catch {
          // Not expected (markdown-it caps nesting instead of recursing without bound); the words are still read.
          tokens = undefined;
        }
      }
      if (tokens) this.blocks(tokens);
      else this.plainTextFallback();
    }
    return this.items;
  }

  /** Front matter is excluded, and the text to parse has it blanked (same length, so lines stay put). */
  private readFrontMatter(): string {
    const text = this.analysis;
    const fm = this.frontMatterAllowed ? frontMatterOf(text) : undefined;
    if (!fm) return text;
    const range = { start: fm.start, end: fm.end };
    this.open(range);
    this.excluded.push(range);
    return blank(text, [range]);
  }

  /** Paragraphs as plain text; lines of block quotes (quoted, never findings) are left out. */
  private plainTextFallback(): void {
    const re = /\S(?:[^\n]|\n(?![ \t]*\n))*/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.analysis))) {
      const range = { start: m.index, end: m.index + m[0].length };
      this.open(range);
      if (/^\s*>/.test(m[0])) this.excluded.push(range);
      else this.addBlock('paragraph', range.start, range.end, []);
    }
  }

  /** Start collecting what a top-level node produces. */
  private open(range: Range, heading?: UnitItem['heading']): void {
    this.item = { start: range.start, end: range.end, heading, blocks: [], excluded: [], comments: [] };
    this.items.push(this.item);
  }

  private get excluded(): Range[] {
    return this.item.excluded;
  }

  private get comments(): Range[] {
    return this.item.comments;
  }

  /** Lines [first, end) of the unit: from the first line's first non-blank character to the last non-blank line's last one. */
  private lineRange(map: [number, number] | null): Range | undefined {
    if (!map) return undefined;
    const text = this.analysis;
    const starts = this.lineStarts;
    const lineEnd = (line: number) => (line + 1 < starts.length ? starts[line + 1] - 1 : text.length);
    let start = starts[map[0]];
    if (start === undefined) return undefined;
    const firstEnd = lineEnd(map[0]);
    while (start < firstEnd && (text[start] === ' ' || text[start] === '\t')) start++;
    let last = Math.min(map[1], starts.length) - 1;
    while (last > map[0] && text.slice(starts[last], lineEnd(last)).trim() === '') last--;
    let end = lineEnd(last);
    while (end > start && /\s/.test(text[end - 1])) end--;
    return { start, end };
  }

  /** Index of the token that closes the one opened at `open` (or `open` itself for a token that is not a container). */
  private static closing(tokens: MdToken[], open: number): number {
    if (tokens[open].nesting !== 1) return open;
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
      depth += tokens[i].nesting;
      if (depth === 0) return i;
    }
    return tokens.length - 1;
  }

  /** Walks the block tokens: each top-level block opens an item; prose becomes blocks, the rest is excluded. */
  private blocks(tokens: MdToken[]): void {
    const lists: { start: number; items: number; item?: Range }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.level === 0 && t.nesting !== -1) {
        const r = this.lineRange(t.map ?? UnitBuilder.innerLines(tokens, i));
        if (!r) {
          i = UnitBuilder.closing(tokens, i);
          continue;
        }
        if (t.type === 'heading_open') {
          const content = this.inlineRange(tokens[i + 1]);
          const title = content ? this.analysis.slice(content.start, content.end).trim() : '';
          this.open(r, { depth: Number(t.tag.slice(1)), references: REFERENCE_HEADING.test(title) });
        } else {
          this.open(r);
        }
        if (this.kind === 'mdx' && t.type === 'paragraph_open' && /^(import|export)\s/.test(this.analysis.slice(r.start, r.end))) {
          this.excluded.push(r);
          i = UnitBuilder.closing(tokens, i);
          continue;
        }
      }
      const list = lists[lists.length - 1];
      switch (t.type) {
        case 'code_block':
          // Indented code: from the line start, indentation included.
          if (t.map) this.excluded.push({ start: this.lineStarts[t.map[0]], end: this.lineRange(t.map)!.end });
          break;
        case 'fence':
        case 'hr':
        case 'blockquote_open':
        case 'footnote_reference_open': {
          const r = this.lineRange(t.map ?? UnitBuilder.innerLines(tokens, i));
          if (r) this.excluded.push(r);
          i = UnitBuilder.closing(tokens, i);
          break;
        }
        case 'html_block': {
          const r = this.lineRange(t.map);
          if (r) this.htmlNode(r, true);
          break;
        }
        case 'heading_open':
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          const heading = t.type === 'heading_open';
          const listInfo = list?.item && { start: list.start, item: list.items - 1, itemStart: list.item.start, itemEnd: list.item.end };
          const content = this.inlineRange(inline);
          if (content) {
            const masked: Range[] = [];
            this.collectMasked(inline, masked);
            this.addBlock(heading ? 'heading' : 'paragraph', content.start, content.end, masked, heading ? Number(t.tag.slice(1)) : undefined, listInfo);
          }
          i = UnitBuilder.closing(tokens, i);
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open':
          lists.push({ start: this.lineRange(t.map)?.start ?? 0, items: 0 });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop();
          break;
        case 'list_item_open':
          if (list) {
            list.items++;
            list.item = this.lineRange(t.map) ?? { start: 0, end: 0 };
          }
          break;
        case 'table_open': {
          const close = UnitBuilder.closing(tokens, i);
          this.table(tokens, i, close);
          i = close;
          break;
        }
        default:
      }
    }
  }

  /** The lines a container without a line range of its own spans (a footnote definition): those of what it holds. */
  private static innerLines(tokens: MdToken[], open: number): [number, number] | null {
    let first: number | undefined;
    let last: number | undefined;
    for (let i = open + 1, close = UnitBuilder.closing(tokens, open); i < close; i++) {
      const map = tokens[i].map;
      if (!map) continue;
      first = Math.min(first ?? map[0], map[0]);
      last = Math.max(last ?? map[1], map[1]);
    }
    return first === undefined || last === undefined ? null : [first, last];
  }

  /** Where an inline token's content lies in the unit, and how its offsets map there. */
  private contentMap(inline: MdToken | undefined): ContentMap | undefined {
    const cached = (inline as MdToken & { contentMap?: ContentMap | null } | undefined)?.contentMap;
    if (cached !== undefined) return cached ?? undefined;
    if (!inline || inline.type !== 'inline' || !inline.map) return undefined;
    const map = ContentMap.ofLines(inline.content, this.analysis, this.lineStarts, inline.map[0]);
    (inline as MdToken & { contentMap?: ContentMap | null }).contentMap = map ?? null;
    return map;
  }

  private inlineRange(inline: MdToken | undefined): Range | undefined {
    if (!inline || inline.content === '') return undefined;
    const map = this.contentMap(inline);
    if (map) return { start: map.map(0), end: map.map(inline.content.length) };
    // Content that does not line up with its lines (tabs expanded in a list): the lines, without inline structure.
    return this.lineRange(inline.map);
  }

  /** Table cells: markdown-it gives rows their line, and cells their content; cells are found on the row's line. */
  private table(tokens: MdToken[], open: number, close: number): void {
    let cells: { range: Range; map: ContentMap }[] = [];
    let cell = 0;
    for (let i = open; i < close; i++) {
      const t = tokens[i];
      if (t.type === 'tr_open') {
        cells = t.map ? this.rowCells(t.map[0]) : [];
        cell = 0;
      } else if (t.type === 'inline') {
        const c = cells[cell++];
        if (!c || t.content === '') continue;
        (t as MdToken & { contentMap?: ContentMap | null }).contentMap = c.map;
        const masked: Range[] = [];
        this.collectMasked(t, masked);
        this.addBlock('tableCell', c.range.start, c.range.end, masked);
      }
    }
  }

  /** The cells of a table row: split at pipes that are not escaped, trimmed; `\|` is `|` in the cell's content. */
  private rowCells(line: number): { range: Range; map: ContentMap }[] {
    const text = this.analysis;
    const start = this.lineStarts[line];
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : text.length;
    const cells: { range: Range; map: ContentMap }[] = [];
    const pipes: number[] = [];
    for (let i = start; i < end; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '|') pipes.push(i);
    }
    const bounds = [start - 1, ...pipes, end];
    for (let k = 0; k + 1 < bounds.length; k++) {
      let a = bounds[k] + 1;
      let b = bounds[k + 1];
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      // A leading or trailing pipe leaves an empty piece that is no cell.
      if (a === b && (k === 0 || k === bounds.length - 2)) continue;
      const map = new ContentMap();
      map.add(0, a);
      let removed = 0;
      for (let i = a; i < b; i++) {
        if (text[i] === '\\' && text[i + 1] === '|') {
          removed++;
          map.add(i - a - removed + 1, i + 1);
          i++;
        }
      }
      cells.push({ range: { start: a, end: b }, map });
    }
    return cells;
  }

  private htmlNode(r: Range, block = false): void {
    const re = /<!--[\s\S]*?-->/g;
    const source = this.analysis.slice(r.start, r.end);
    let m: RegExpExecArray | null;
    let lastEnd = 0;
    while ((m = re.exec(source))) {
      this.comments.push({ start: r.start + m.index, end: r.start + m.index + m[0].length });
      lastEnd = m.index + m[0].length;
    }
    // CommonMark makes "<!-- note --> Some words" one HTML block, but browsers show the words: lint them.
    const rest = source.slice(lastEnd);
    if (block && lastEnd > 0 && source.startsWith('<!--') && /\p{L}/u.test(rest) && !/[<>]/.test(rest)) {
      const lead = rest.length - rest.trimStart().length;
      this.excluded.push({ start: r.start, end: r.start + lastEnd + lead });
      this.addBlock('paragraph', r.start + lastEnd + lead, r.start + lastEnd + rest.trimEnd().length, []);
      return;
    }
    // An HTML block of prose ("<p>…</p>", "<div>…</div>", as pages converted to Markdown keep): a browser
    // shows its words, so they are linted with the tags, comments and entities masked. Code, scripts, styles,
    // tables and quotations stay out.
    if (block && /^<(?:p|div|span|section|article|aside|main|header|footer|center|font|strong|em|b|i|li|ul|ol|h[1-6])\b/i.test(source) && !/<(?:script|style|pre|code|table|textarea|blockquote|q)\b/i.test(source)) {
      const masked: Range[] = [];
      for (const m of source.matchAll(/<!--[\s\S]*?-->|<[^>]*>|&[#\w]{1,10};/g)) masked.push({ start: r.start + m.index!, end: r.start + m.index! + m[0].length });
      if (/\p{L}{2}/u.test(source.replace(/<!--[\s\S]*?-->|<[^>]*>|&[#\w]{1,10};/g, ' '))) {
        this.addBlock('paragraph', r.start, r.start + source.trimEnd().length, masked);
        return;
      }
    }
    this.excluded.push(r);
  }

  /** Inline parts of a prose token that are not prose. */
  private collectMasked(inline: MdToken, out: Range[]): void {
    const map = this.contentMap(inline);
    const children = (inline.children ?? []) as LocatedToken[];
    if (!map) return;
    const range = (t: LocatedToken): Range | undefined => (t.srcStart === undefined || t.srcEnd === undefined ? undefined : { start: map.map(t.srcStart), end: map.map(t.srcEnd) });
    const opened: LocatedToken[] = [];
    for (let i = 0; i < children.length; i++) {
      const t = children[i];
      switch (t.type) {
        case 'code_inline':
        case 'image':
        case 'footnote_ref': {
          const r = range(t);
          if (r) out.push(r);
          break;
        }
        case 'html_inline': {
          const r = range(t);
          if (r) {
            out.push(r);
            this.htmlNode(r);
          }
          break;
        }
        case 'em_open':
        case 'strong_open':
          opened.push(t);
          break;
        case 'em_close':
        case 'strong_close': {
          const o = opened.pop();
          if (o?.srcStart !== undefined && t.srcEnd !== undefined) {
            const r = { start: map.map(o.srcStart), end: map.map(t.srcEnd) };
            if (isTitle(this.analysis.slice(r.start, r.end))) this.titles.push(r);
          }
          break;
        }
        case 'link_open': {
          const r = range(t);
          if (!r) break;
          const label = t.labelStart !== undefined && t.labelEnd !== undefined && t.labelEnd > t.labelStart ? { start: map.map(t.labelStart), end: map.map(t.labelEnd) } : undefined;
          const labelText = label ? this.analysis.slice(label.start, label.end) : '';
          const url = linkDestination(t);
          if (!label || t.markup === 'autolink' || (url && (url === labelText || url.endsWith(labelText) || /^(https?:|www\.|mailto:)/i.test(labelText)))) {
            out.push(r);
            // Nothing inside a masked link is prose.
            let depth = 1;
            while (depth > 0 && ++i < children.length) depth += children[i].type === 'link_open' ? 1 : children[i].type === 'link_close' ? -1 : 0;
          } else {
            out.push({ start: r.start, end: label.start }, { start: label.end, end: r.end });
          }
          break;
        }
        default:
      }
    }
  }

  private addBlock(kind: BlockKind, start: number, end: number, masked: Range[], depth?: number, list?: Block['list']): Block {
    const slice = this.analysis.slice(start, end);
    // Citekeys and footnote references are references, not words.
    let m: RegExpExecArray | null;
    // One citekey grammar (citations.ts) for masking, sentences and evidence: it ends on a letter or digit, so
    // the full stop after "@smith2010." stays and ends the sentence.
    for (const key of slice.matchAll(CITEKEY)) masked.push({ start: start + key.index!, end: start + key.index! + key[0].length });
    for (const link of slice.matchAll(BARE_LINK)) {
      const r = { start: start + link.index!, end: start + link.index! + link[0].length };
      if (!masked.some((m) => m.start <= r.start && m.end >= r.end)) masked.push(r);
    }
    FOOTNOTE_REF.lastIndex = 0;
    // Superscript note markers (<sup>3</sup>) are references too, with the digits between the tags.
    for (const sup of slice.matchAll(/<sup>[^<]{0,20}<\/sup>/gi)) masked.push({ start: start + sup.index!, end: start + sup.index! + sup[0].length });
    while ((m = FOOTNOTE_REF.exec(slice))) {
      const ref = { start: start + m.index, end: start + m.index + m[0].length };
      if (!masked.some((r) => r.start <= ref.start && r.end >= ref.end)) masked.push(ref);
    }
    masked.sort((a, b) => a.start - b.start);
    const prose = blank(slice, masked.map((r) => ({ start: r.start - start, end: r.end - start })));
    const quotes = [...quoteSpans(prose, start), ...this.titles.filter((t) => t.start >= start && t.end <= end)];
    this.titles = [];
    const block: Block = {
      index: -1,
      kind,
      start,
      end,
      depth,
      topicHeading: kind === 'heading' && !/[.!?:]["'”’)]*\s*$/.test(prose.replace(/#+\s*$/, '').trim()),
      list,
      masked,
      quotes,
      prose,
      sentences: [],
    };
    block.sentences = sentenceSpans(prose).map((s, i) => new Sentence(start + s.start, start + s.end, block, i));
    this.item.blocks.push(block);
    return block;
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

/** "*Studies on Hysteria*": two or more words, all significant ones capitalised. */
function isTitle(emphasised: string): boolean {
  const words = emphasised.replace(/^[*_]+|[*_]+$/g, '').match(/[\p{L}'’-]+/gu) ?? [];
  if (words.length < 2) return false;
  const minor = /^(?:a|an|the|and|or|of|on|in|to|for|with|at|by|from|de|la|le|und|der|die|das)$/i;
  return words.every((w, i) => (i > 0 && minor.test(w)) || /^\p{Lu}/u.test(w));
}

/** Spans between double quotation marks (straight or curly) within one block. */
function quoteSpans(prose: string, base: number): Range[] {
  const spans: Range[] = [];
  let open = -1;
  for (let i = 0; i < prose.length; i++) {
    const c = prose[i];
    if (c === '“') open = i;
    else if (c === '”' && open >= 0) {
      spans.push({ start: base + open, end: base + i + 1 });
      open = -1;
    } else if (c === '"') {
      if (open >= 0 && prose[open] === '"') {
        spans.push({ start: base + open, end: base + i + 1 });
        open = -1;
      } else if (open < 0) open = i;
    }
  }
  return spans;
}

function tokenize(prose: string, base: number, sentence: Range, masked: Range[], quotes: Range[]): Token[] {
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
