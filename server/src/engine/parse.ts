// Markdown, Quarto, R Markdown, MDX or plain text -> prose blocks, sentences
// and word tokens, with offsets into the original text.
//
// The document is cut into chunks at blank lines outside fences, front matter
// and comments, and each chunk is parsed on its own: remark's cost grows
// faster than linearly on one huge document, and per-chunk parsing is what
// incremental linting needs anyway. Sentences come from retext-english, run
// on a length-preserving copy of each block's source in which everything that
// is never prose (inline code, URLs, HTML, citekeys) is blanked out. We do not
// use mdast-util-to-nlcst (remark-retext's core) because it recomputes
// offsets from decoded text values, which drift after escapes, entities and
// list-continuation indentation.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import retextEnglish from 'retext-english';
import type { Nodes as MdNode, Parent as MdParent, Root as MdRoot } from 'mdast';
import type { Root as NlRoot } from 'nlcst';
import { analysisCopy, blank, commonAffixes, LineIndex } from './text';
import { countCitations, footnoteIds } from './citations';
import { finish, type Steps } from './steps';

export type DocumentKind = 'markdown' | 'mdx' | 'plaintext';

export interface Range {
  start: number;
  end: number;
}

export interface Token extends Range {
  /** Lower-cased, accent-folded form used for matching. */
  norm: string;
  /** Keys the term index looks up for this token: normalized, exact-case, and both without a possessive 's. */
  keys: string[];
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

const markdownProcessor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze();
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();
const englishProcessor = unified().use(retextEnglish).freeze();

/** A line opening 200 or more nested lists or block quotes. */
const DEEP_NESTING = /^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+){200}/m;
/** Emphasis delimiter runs: remark's cost grows quadratically with their number in one paragraph. */
const DELIMITER_RUNS = /\*+|_+/g;
const MAX_DELIMITER_RUNS = 2000;
const REFERENCE_HEADING = /^\s*(references?|bibliography|works cited|literature cited|sources|reference list|cited works)\s*:?\s*$/i;
const CITEKEY = /(^|[\s[;(])(-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu;
// Parsed per chunk, a footnote reference whose definition is in another chunk stays text.
const FOOTNOTE_REF = /\[\^[^\]\s]+\]/g;
/** A word: letters and digits, with inner apostrophes ("Asperger's"). Text and glossary terms are split by the same rule. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;
// Between two words of one term: spaces, line breaks, hyphens, emphasis marks, a possessive apostrophe ("Hedges' g").
const JOINING_GAP = /^['’]?[\s\-‐‑*_~]*$/;

const sentenceIndices = new WeakMap<Block, Map<Sentence, number>>();

/** A sentence's position in its block, without scanning (blocks can hold thousands of sentences). */
export function sentenceIndex(block: Block, sentence: Sentence): number {
  let map = sentenceIndices.get(block);
  if (!map || map.get(sentence) === undefined) {
    map = new Map(block.sentences.map((s, i) => [s, i]));
    sentenceIndices.set(block, map);
  }
  return map.get(sentence) ?? -1;
}

export function documentKind(languageIdOrPath: string | undefined): DocumentKind {
  const id = (languageIdOrPath ?? '').toLowerCase();
  if (id === 'plaintext' || id.endsWith('.txt')) return 'plaintext';
  if (id === 'mdx' || id.endsWith('.mdx')) return 'mdx';
  return 'markdown';
}

export function normalizeWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

/**
 * What a document's previous parse lends the next one: its parse units, each
 * with its built result, so an edit re-parses and re-segments only the unit it
 * touched; and the units' Block objects, reused as they are (or shifted in
 * place when an edit before them moved them), so unchanged text costs no
 * allocation. A document parsed with a cache is valid until the next parse
 * with the same cache.
 */
export class ParseCache {
  /** The last document parsed, its analysis copy and its parse units. */
  last?: { text: string; analysis: string; bom: boolean; kind: DocumentKind; units: Unit[] };
}

/** A parse unit and, once parsed, its built result (carried over while its text is unchanged). */
interface Unit extends Chunk {
  built?: CachedUnit;
}

/** A unit's result and its materialised blocks, one set per place the same text occurs. */
interface CachedUnit {
  result: UnitResult;
  placed: { start: number; blocks: Block[]; used: boolean }[];
}

export function parseDocument(text: string, kind: DocumentKind = 'markdown', cache?: ParseCache): ParsedDocument {
  return finish(parseSteps(text, kind, cache));
}

/** parseDocument, yielding after each parse unit it builds. Stopping between steps leaves the cache usable. */
export function* parseSteps(text: string, kind: DocumentKind = 'markdown', cache?: ParseCache): Steps<ParsedDocument> {
  const analysis = analysisCopy(text);
  const bom = text.charCodeAt(0) === 0xfeff;
  const previous = cache?.last?.kind === kind ? cache.last : undefined;
  const edited = kind !== 'plaintext' && previous ? unitsAfterEdit(previous, text, analysis) : undefined;
  const units: Unit[] =
    kind === 'plaintext' ? [{ start: 0, end: analysis.length, frontMatterAllowed: false }] : (edited?.units ?? parseUnits(splitChunks(analysis, bom), analysis));
  if (cache) cache.last = { text, analysis, bom, kind, units };
  // Units an edit carried over keep their result; others are looked up by text among the previous units they may repeat.
  let byText: Map<string, CachedUnit> | undefined;
  const reuse = (key: string) => {
    if (!byText) {
      byText = new Map();
      for (const u of previous ? (edited?.candidates ?? previous.units) : []) if (u.built) byText.set(unitKey(previous!.analysis, previous!.bom, u), u.built);
    }
    return byText.get(key);
  };
  const startOf = (unit: Unit) => unitStart(unit, bom);
  const build = (unit: Unit) => new UnitBuilder(analysis.slice(startOf(unit), unit.end), kind, unit.frontMatterAllowed).build();
  // The costly part, and nothing shared is changed in it: a step per unit built.
  const fresh: UnitResult[] = [];
  for (const unit of units) {
    if (!cache) fresh.push(build(unit));
    else if (!unit.built) unit.built = reuse(unitKey(analysis, bom, unit)) ?? { result: build(unit), placed: [] };
    else continue;
    yield;
  }
  // Then at once: blocks are placed (moved in place) and joined.
  const results = units.map((unit, i) => {
    if (!cache) return { start: startOf(unit), unit: fresh[i] };
    return { start: startOf(unit), unit: unit.built!.result, blocks: placeBlocks(unit.built!, startOf(unit)) };
  });
  for (const r of results) if (r.blocks) r.blocks.used = false;
  return assemble(text, kind, results);
}

/** Where a unit's text starts: front matter must start the file, so the first unit is parsed from after a BOM. */
function unitStart(unit: Chunk, bom: boolean): number {
  return unit.start === 0 && bom ? 1 : unit.start;
}

function unitKey(analysis: string, bom: boolean, unit: Chunk): string {
  return `${unit.frontMatterAllowed ? 'F' : 'B'}:${analysis.slice(unitStart(unit, bom), unit.end)}`;
}

/** The unit's blocks at `start`: reused from the last parse, shifted in place if the unit moved, or made anew. */
function placeBlocks(cached: CachedUnit, start: number): CachedUnit['placed'][number] {
  const free = cached.placed.filter((p) => !p.used);
  let placed = free.find((p) => p.start === start) ?? free[0];
  if (!placed) {
    // The first placement is the unit's own blocks, moved (no copy: a long draft's blocks are many); the same
    // text placed a second time gets copies of the first.
    const first = cached.placed[0];
    const blocks = first ? first.blocks.map((b) => materialise(b, start - first.start)) : cached.result.items.flatMap((item) => item.blocks);
    if (!first) for (const block of blocks) shiftInPlace(block, start);
    placed = { start, blocks, used: false };
    cached.placed.push(placed);
  } else if (placed.start !== start) {
    for (const block of placed.blocks) shiftInPlace(block, start - placed.start);
    placed.start = start;
  }
  placed.used = true;
  return placed;
}

function materialise(local: Block, by: number): Block {
  const shift = <T extends Range>(r: T): T => ({ ...r, start: r.start + by, end: r.end + by });
  const block: Block = {
    ...local,
    start: local.start + by,
    end: local.end + by,
    masked: local.masked.map(shift),
    quotes: local.quotes.map(shift),
    list: local.list && { ...local.list, start: local.list.start + by, itemStart: local.list.itemStart + by, itemEnd: local.list.itemEnd + by },
    sentences: [],
  };
  block.sentences = local.sentences.map((s) => new Sentence(s.start + by, s.end + by, block));
  return block;
}

function shiftInPlace(block: Block, by: number): void {
  const move = (r: Range) => {
    r.start += by;
    r.end += by;
  };
  move(block);
  block.masked.forEach(move);
  block.quotes.forEach(move);
  if (block.list) {
    block.list.start += by;
    block.list.itemStart += by;
    block.list.itemEnd += by;
  }
  for (const s of block.sentences) {
    move(s);
    s.releaseTokens();
  }
}

/** One parse unit, built on its own: positions relative to the unit; headings, list leads and reference sections are resolved later. */
interface UnitResult {
  items: UnitItem[];
  frontMatter?: Range & { value: string };
  citations: CitationCounts;
  footnotes: string[];
}

/** How many citations of each style a text holds: the document's style is the most used one. */
export interface CitationCounts {
  pandoc: number;
  apa: number;
  numeric: number;
}

/** A top-level node of a unit and what it produced. */
interface UnitItem extends Range {
  /** For a heading: its depth and whether it opens a reference section. */
  heading?: { depth: number; references: boolean };
  blocks: Block[];
  excluded: Range[];
  comments: Range[];
}

/** Join units into a document: absolute positions, block indices, heading parents, list leads and reference sections. */
function assemble(text: string, kind: DocumentKind, results: { start: number; unit: UnitResult; blocks?: { blocks: Block[] } }[]): ParsedDocument {
  const blocks: Block[] = [];
  const inReferences = new Set<UnitItem>();
  const comments: Range[] = [];
  let frontMatter: ParsedDocument['frontMatter'];
  const headings: Block[] = [];
  let referencesDepth: number | undefined;
  let lastNonList: number | undefined;
  const shift = <T extends Range>(r: T, by: number): T => ({ ...r, start: r.start + by, end: r.end + by });
  // Plain loops, not map/spread: this runs over every block on every edit.
  const citations: CitationCounts = { pandoc: 0, apa: 0, numeric: 0 };
  const footnotes = new Set<string>();
  for (const { start, unit, blocks: placed } of results) {
    let next = 0;
    citations.pandoc += unit.citations.pandoc;
    citations.apa += unit.citations.apa;
    citations.numeric += unit.citations.numeric;
    for (const id of unit.footnotes) footnotes.add(id);
    if (unit.frontMatter) frontMatter = shift(unit.frontMatter, start);
    for (const item of unit.items) {
      for (const c of item.comments) comments.push(shift(c, start));
      if (item.heading) {
        if (referencesDepth !== undefined && item.heading.depth <= referencesDepth) referencesDepth = undefined;
        if (referencesDepth === undefined && item.heading.references) referencesDepth = item.heading.depth;
      } else if (referencesDepth !== undefined) {
        // Inside a reference section: nothing is prose (its comments still count, for directives).
        inReferences.add(item);
        next += item.blocks.length;
        continue;
      }
      for (const local of item.blocks) {
        // Without a cache nothing else holds the unit's own blocks: move them instead of copying.
        const block = placed ? placed.blocks[next++] : (shiftInPlace(local, start), local);
        block.index = blocks.length;
        if (block.kind === 'heading') {
          while (headings.length && headings[headings.length - 1].depth! >= block.depth!) headings.pop();
          block.heading = headings[headings.length - 1]?.index;
          headings.push(block);
        } else {
          block.heading = headings[headings.length - 1]?.index;
        }
        if (block.list) block.list.lead = lastNonList;
        else lastNonList = block.index;
        blocks.push(block);
      }
    }
  }
  let lines: LineIndex | undefined;
  let excluded: Range[] | undefined;
  return {
    text,
    kind,
    // Built on first use: most edits never need line numbers.
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    blocks,
    // Built on first use: rules never read it (blocks already leave it out).
    get excluded() {
      if (!excluded) {
        excluded = [];
        for (const { start, unit } of results) {
          for (const item of unit.items) {
            if (inReferences.has(item)) excluded.push({ start: item.start + start, end: item.end + start });
            else for (const r of item.excluded) excluded.push(shift(r, start));
          }
        }
      }
      return excluded;
    },
    frontMatter,
    comments,
    citations,
    footnotes,
  };
}

interface Chunk extends Range {
  frontMatterAllowed: boolean;
}

/** Cut at blank lines that are outside fences, front matter, HTML comments and math, where the next line is not indented. */
export function splitChunks(analysis: string, bom = false): Chunk[] {
  return scanChunks(analysis, bom, 0, analysis.length).chunks;
}

/**
 * Chunks of analysis[from, to), where `from` is a chunk boundary (or 0).
 * `clean` says the range ends outside any fence, comment, math or front matter,
 * so the text after it is chunked exactly as before.
 */
function scanChunks(analysis: string, bom: boolean, from: number, to: number): { chunks: Chunk[]; clean: boolean } {
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
function unitsAfterEdit(last: { text: string; units: Unit[] }, text: string, analysis: string): { units: Unit[]; candidates: Unit[] } | undefined {
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
  const { chunks, clean } = scanChunks(analysis, false, from, to);
  if (!clean) return undefined;
  return {
    units: [...units.slice(0, first), ...parseUnits(chunks, analysis), ...units.slice(last_ + 1).map((u) => ({ ...u, start: u.start + delta, end: u.end + delta }))],
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

/** Parse units hold between MIN and MAX characters: large enough to amortise remark's setup, small enough to re-parse on an edit. */
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
    else units.push((open = { ...chunk }));
    if (open.frontMatterAllowed || (open.end - open.start >= UNIT_MIN_CHARS && hash(analysis, chunk.start, chunk.end) % 4 === 0)) open = undefined;
  }
  return units;
}

function hash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}

/** Builds one parse unit: remark, then prose blocks with sentences and tokens, positions relative to the unit. */
class UnitBuilder {
  private readonly items: UnitItem[] = [];
  private item: UnitItem = { start: 0, end: 0, blocks: [], excluded: [], comments: [] };
  private frontMatter?: Range & { value: string };
  /** Titles of works set in emphasis, found while collecting a block's masked ranges. */
  private titles: Range[] = [];

  constructor(
    /** The unit's text (from the analysis copy). */
    readonly analysis: string,
    readonly kind: DocumentKind,
    readonly frontMatterAllowed: boolean,
  ) {}

  build(): UnitResult {
    if (this.kind === 'plaintext') {
      const re = /\S(?:[^\n]|\n(?![ \t]*\n))*/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(this.analysis))) {
        this.open({ start: m.index, end: m.index + m[0].length });
        this.addBlock('paragraph', m.index, m.index + m[0].length, []);
      }
    } else {
      let tree: MdRoot | undefined;
      // Hundreds of nested containers on one line overflow remark's recursion, and thousands of emphasis markers
      // take it minutes: read such a unit as plain text.
      if (!DEEP_NESTING.test(this.analysis) && !tooManyDelimiters(this.analysis)) {
        try {
          tree = markdownProcessor.parse(this.analysis) as MdRoot;
          // A later `---` line is a thematic break or setext heading, not front matter.
          if (!this.frontMatterAllowed && tree.children.some((c) => c.type === 'yaml' || (c.type as string) === 'toml')) tree = withoutFrontMatter.parse(this.analysis) as MdRoot;
        } catch {
          tree = undefined;
        }
      }
      if (tree) for (const node of tree.children) this.topLevel(node, 0);
      else this.plainTextFallback();
    }
    return { items: this.items, frontMatter: this.frontMatter, citations: countCitations(this.analysis), footnotes: footnoteIds(this.analysis) };
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
    this.item = { ...range, heading, blocks: [], excluded: [], comments: [] };
    this.items.push(this.item);
  }

  private get excluded(): Range[] {
    return this.item.excluded;
  }

  private get comments(): Range[] {
    return this.item.comments;
  }

  private range(node: MdNode, offset: number): Range | undefined {
    const p = node.position;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return undefined;
    return { start: p.start.offset + offset, end: p.end.offset + offset };
  }

  /** From the first child's start to the last child's end: a heading without its # marks or setext underline. */
  private contentRange(node: MdParent, offset: number): Range | undefined {
    const first = node.children[0] && this.range(node.children[0] as MdNode, offset);
    const last = node.children.length && this.range(node.children[node.children.length - 1] as MdNode, offset);
    return first && last ? { start: first.start, end: last.end } : undefined;
  }

  private exclude(node: MdNode, offset: number): void {
    const r = this.range(node, offset);
    if (r) this.excluded.push(r);
  }

  private topLevel(node: MdNode, offset: number): void {
    const r = this.range(node, offset);
    if (!r) return;
    if (node.type === 'heading') {
      const content = this.contentRange(node, offset);
      const title = content ? this.analysis.slice(content.start, content.end).trim() : '';
      this.open(r, { depth: node.depth, references: REFERENCE_HEADING.test(title) });
    } else {
      this.open(r);
    }
    if (this.kind === 'mdx' && node.type === 'paragraph' && /^(import|export)\s/.test(this.analysis.slice(r.start, r.end))) {
      this.excluded.push(r);
      return;
    }
    this.visit(node, offset, undefined);
  }

  private visit(node: MdNode, offset: number, list: Block['list']): void {
    // TOML front matter (Hugo) is excluded; only YAML front matter is read.
    if ((node.type as string) === 'toml') {
      this.exclude(node, offset);
      return;
    }
    switch (node.type) {
      case 'yaml': {
        const r = this.range(node, offset)!;
        this.excluded.push(r);
        if (this.frontMatterAllowed && this.analysis.slice(0, r.start).trim() === '') this.frontMatter = { ...r, value: node.value };
        return;
      }
      case 'code':
      case 'blockquote':
      case 'definition':
      case 'footnoteDefinition':
      case 'thematicBreak':
        this.exclude(node, offset);
        return;
      case 'html':
        this.htmlNode(node, offset, true);
        return;
      case 'heading':
      case 'paragraph': {
        const r = node.type === 'heading' ? this.contentRange(node, offset) : this.range(node, offset);
        if (!r) return;
        const masked: Range[] = [];
        this.collectMasked(node, offset, masked);
        this.addBlock(node.type, r.start, r.end, masked, node.type === 'heading' ? node.depth : undefined, list);
        return;
      }
      case 'list': {
        const r = this.range(node, offset);
        node.children.forEach((item, index) => {
          const itemRange = this.range(item, offset) ?? { start: 0, end: 0 };
          // The lead is resolved when the document is assembled.
          for (const child of item.children) this.visit(child, offset, { start: r?.start ?? 0, item: index, itemStart: itemRange.start, itemEnd: itemRange.end });
        });
        return;
      }
      case 'table':
        for (const row of node.children) {
          for (const cell of row.children) {
            const r = this.range(cell, offset);
            if (!r) continue;
            const masked: Range[] = [];
            this.collectMasked(cell, offset, masked);
            this.addBlock('tableCell', r.start, r.end, masked);
          }
        }
        return;
      default:
        if ('children' in node) for (const child of (node as MdParent).children) this.visit(child as MdNode, offset, list);
    }
  }

  private htmlNode(node: MdNode & { value?: string }, offset: number, block = false): void {
    const r = this.range(node, offset);
    if (!r) return;
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
    this.excluded.push(r);
  }

  /** Inline parts of a prose node that are not prose. */
  private collectMasked(node: MdNode, offset: number, out: Range[]): void {
    if (!('children' in node)) return;
    for (const child of (node as MdParent).children as MdNode[]) {
      const r = this.range(child, offset);
      if (!r) continue;
      switch (child.type) {
        case 'inlineCode':
        case 'image':
        case 'imageReference':
        case 'footnoteReference':
          out.push(r);
          break;
        case 'html':
          out.push(r);
          this.htmlNode(child, offset);
          break;
        case 'emphasis':
        case 'strong':
          if (isTitle(this.analysis.slice(r.start, r.end))) this.titles.push(r);
          this.collectMasked(child, offset, out);
          break;
        case 'link':
        case 'linkReference': {
          const kids = child.children.map((k) => this.range(k as MdNode, offset)).filter((k): k is Range => !!k);
          const label = kids.length ? this.analysis.slice(kids[0].start, kids[kids.length - 1].end) : '';
          const url = child.type === 'link' ? child.url : '';
          if (kids.length === 0 || (url && (url === label || url.endsWith(label) || /^(https?:|www\.|mailto:)/i.test(label)))) {
            out.push(r);
          } else {
            out.push({ start: r.start, end: kids[0].start }, { start: kids[kids.length - 1].end, end: r.end });
            this.collectMasked(child, offset, out);
          }
          break;
        }
        default:
          this.collectMasked(child, offset, out);
      }
    }
  }

  private addBlock(kind: BlockKind, start: number, end: number, masked: Range[], depth?: number, list?: Block['list']): Block {
    const slice = this.analysis.slice(start, end);
    // Citekeys and footnote references are references, not words.
    let m: RegExpExecArray | null;
    CITEKEY.lastIndex = 0;
    while ((m = CITEKEY.exec(slice))) {
      const s = start + m.index + m[1].length;
      masked.push({ start: s, end: s + m[2].length });
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
    block.sentences = sentences(prose, start).map((s) => new Sentence(s.start, s.end, block));
    this.item.blocks.push(block);
    return block;
  }
}

function sentences(prose: string, base: number): Range[] {
  const tree = englishProcessor.parse(prose) as NlRoot;
  const out: Range[] = [];
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue;
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode' || !sentence.position) continue;
      const start = sentence.position.start.offset;
      const end = sentence.position.end.offset;
      if (start === undefined || end === undefined) continue;
      out.push({ start: base + start, end: base + end });
    }
  }
  return out;
}

function tooManyDelimiters(text: string): boolean {
  DELIMITER_RUNS.lastIndex = 0;
  let runs = 0;
  while (DELIMITER_RUNS.exec(text)) if (++runs > MAX_DELIMITER_RUNS) return true;
  return false;
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
  const slice = prose.slice(from, to);
  WORD.lastIndex = 0;
  let previousEnd = -1;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(slice))) {
    const start = sentence.start + m.index;
    const end = start + m[0].length;
    const gapBlocked =
      previousEnd < 0 ||
      !JOINING_GAP.test(prose.slice(previousEnd - base, start - base)) ||
      masked.some((r) => r.start < start && r.end > previousEnd);
    const norm = normalizeWord(m[0]);
    const exact = '=' + m[0].replace(/’/g, "'");
    tokens.push({
      start,
      end,
      text: m[0],
      norm,
      keys: norm.endsWith("'s") ? [norm, exact, norm.slice(0, -2), exact.slice(0, -2)] : [norm, exact],
      breakBefore: gapBlocked,
      quoted: quotes.some((q) => q.start < start && q.end > end),
    });
    previousEnd = end;
  }
  return tokens;
}
