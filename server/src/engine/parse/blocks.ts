// One parse unit through markdown-it: each top-level node opens an item,
// prose (paragraphs, headings, table cells, the prose of HTML blocks) becomes
// blocks with their masked ranges, quotes and sentences, and the rest
// (code, front matter, quotations, comments) is excluded.

import type { Token as MdToken } from 'markdown-it';
import { blank } from '../text';
import { ContentMap, decodeCharacterReferences, parseMarkdown, type LocatedToken } from '../markdown';
import { frontMatterOf } from './frontMatter';
import { inlineMasks, maskReferences } from './masking';
import { quoteSpans } from './quotes';
import { Sentence, sentenceSpans } from './sentences';
import { unitStart, type Layout, type Unit } from './units';
import type { Block, BlockKind, DocumentKind, Range, UnitItem } from './types';
import { keepShapesOf } from '../keptShapes';

/**
 * A line opening 40 or more nested lists or block quotes. markdown-it stops at 100 token levels (a list and
 * its item are two) and drops what lies deeper, so such a unit is read as plain text instead.
 */
const DEEP_NESTING = /^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+){40}/m;
// A Pandoc attribute block may follow the title: "## References {.unnumbered}".
const REFERENCE_HEADING = /^\s*(references?|bibliography|works cited|literature cited|sources|reference list|cited works)\s*:?\s*(?:\{[^{}]*\}\s*)?$/i;

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

/** Builds one parse unit: markdown-it, then prose blocks with sentences and tokens, positions relative to the unit. */
class UnitBuilder {
  private readonly items: UnitItem[] = [];
  private item: UnitItem = { start: 0, end: 0, blocks: [], excluded: [], comments: [] };
  /** Titles of works set in emphasis, found while collecting a block's masked ranges. */
  private titles: Range[] = [];
  /** Offset where each line of the unit starts. */
  private lineStarts: number[] = [0];
  /** Each inline token's content map once made (null: its content does not line up with its lines). Kept here, not on the token: a property added to markdown-it's tokens would give them a second shape. */
  private readonly contentMaps = new Map<MdToken, ContentMap | null>();

  constructor(
    /** The unit's text (from the analysis copy). */
    readonly analysis: string,
    readonly kind: DocumentKind,
    readonly frontMatterAllowed: boolean,
  ) {}

  /** The unit's items, positions relative to the unit. */
  build(): UnitItem[] {
    if (this.kind === 'plaintext') {
      this.paragraphs(false);
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
      else this.paragraphs(true);
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

  /** Paragraphs (runs of non-blank lines) as plain text; in Markdown read without a parse, block quotes (quoted, never findings) are left out. */
  private paragraphs(markdown: boolean): void {
    const re = /\S(?:[^\n]|\n(?![ \t]*\n))*/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.analysis))) {
      const range = { start: m.index, end: m.index + m[0].length };
      this.open(range);
      if (markdown && /^\s*>/.test(m[0])) this.excluded.push(range);
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
    if (!inline) return undefined;
    const cached = this.contentMaps.get(inline);
    if (cached !== undefined) return cached ?? undefined;
    if (inline.type !== 'inline' || !inline.map) return undefined;
    const map = ContentMap.ofLines(inline.content, this.analysis, this.lineStarts, inline.map[0]);
    this.contentMaps.set(inline, map ?? null);
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
        this.contentMaps.set(t, c.map);
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

  /** Inline parts of a prose token that are not prose; inline HTML's comments are kept, and titles of works noted. */
  private collectMasked(inline: MdToken, out: Range[]): void {
    const map = this.contentMap(inline);
    if (!map) return;
    const { html, titles } = inlineMasks((inline.children ?? []) as LocatedToken[], map, this.analysis, out);
    for (const r of html) this.htmlNode(r);
    this.titles.push(...titles);
  }

  private addBlock(kind: BlockKind, start: number, end: number, masked: Range[], depth?: number, list?: Block['list']): Block {
    const slice = this.analysis.slice(start, end);
    maskReferences(slice, start, masked);
    masked.sort((a, b) => a.start - b.start);
    const prose = decodeCharacterReferences(blank(slice, masked.map((r) => ({ start: r.start - start, end: r.end - start }))));
    const quotes = [...quoteSpans(prose, start), ...this.titles.filter((t) => t.start >= start && t.end <= end)];
    this.titles = [];
    const block: Block = {
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

keepShapesOf(new UnitBuilder('', 'markdown', false));
