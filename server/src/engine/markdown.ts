// markdown-it, set up to report where its inline tokens come from.
//
// markdown-it is about ten times faster than remark (micromark) on prose, but
// it gives block tokens line ranges only, and inline tokens no position at
// all. Each inline rule is wrapped so that the tokens it produces carry the
// span of the inline content it consumed; content offsets are then mapped back
// to the source line by line (a paragraph's content is its lines with leading
// indentation or container markers cut off, so each content line is the end of
// its source line).

import MarkdownIt from 'markdown-it';
import markdownItFootnote from 'markdown-it-footnote';
import type { StateInline, Token } from 'markdown-it';
import { keepShapesOf } from './keptShapes';
import { lastAtOrBefore } from './sorted';
import { IN_WORD_PADDING } from './text';

/** An inline token with the span of inline content it came from (absent for plain text). */
export interface LocatedToken extends Token {
  srcStart?: number;
  srcEnd?: number;
  /** For a link written [label](...) or [label][ref]: where its label is. */
  labelStart?: number;
  labelEnd?: number;
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;

// HTML on, as in CommonMark; tables and strikethrough (GFM) are on in the default preset; footnotes by plugin.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(markdownItFootnote);
// Links are read, not rendered: their destinations stay as written (no percent-encoding or URL checks).
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;
md.validateLink = () => true;
// Footnote definitions stay where they are written (the plugin would move them to the end, or drop unreferenced ones).
md.core.ruler.disable('footnote_tail');

const INLINE_RULES = ['text', 'newline', 'escape', 'backticks', 'strikethrough', 'emphasis', 'link', 'image', 'autolink', 'html_inline', 'entity', 'footnote_inline', 'footnote_ref'];
const inlineRules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
for (const name of INLINE_RULES) {
  const rule = inlineRules.find((r) => r.name === name);
  if (!rule) throw new Error(`markdown-it has no inline rule "${name}"`);
  md.inline.ruler.at(name, located(rule.fn, name));
}

function located(rule: InlineRule, name: string): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const firstToken = state.tokens.length;
    const delimiters = state.delimiters;
    const firstDelimiter = delimiters.length;
    const ok = rule(state, silent);
    if (!ok || silent) return ok;
    const tokens = state.tokens as LocatedToken[];
    // Text tokens here are pending text flushed by the push, or emphasis delimiters (placed below).
    for (let i = firstToken; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.srcStart === undefined && t.type !== 'text') {
        t.srcStart = start;
        t.srcEnd = state.pos;
      }
    }
    // Emphasis pushes one text token per delimiter character; later they become em_open/strong_open and closes.
    if (state.delimiters === delimiters) {
      for (let i = firstDelimiter; i < delimiters.length; i++) {
        const t = tokens[delimiters[i].token];
        t.srcStart = start + (i - firstDelimiter);
        t.srcEnd = t.srcStart + 1;
      }
    }
    // The link's own token follows any pending text its push flushed.
    let open: LocatedToken | undefined;
    if (name === 'link') for (let i = firstToken; i < tokens.length && !open; i++) if (tokens[i].type === 'link_open') open = tokens[i];
    if (open) {
      const end = state.pos;
      open.labelStart = start + 1;
      open.labelEnd = md.helpers.parseLinkLabel(state, start, true);
      state.pos = end;
    }
    return ok;
  };
}

/** The block tokens of a text (inline tokens as their children). */
export function parseMarkdown(text: string): Token[] {
  return md.parse(text, {});
}

// The parser states, and the tokens (with the spans added above) of a small document of every construct.
const SHAPES_SAMPLE = '# Heading\n\nA *b* **c** `d` [e](f) ![g](h) <i> <https://j.k> &amp; \\* l[^1] ^[m] ~~n~~  \no\n\n- k\n\n1. l\n\n> m\n\n| n |\n| - |\n| o |\n\n```\np\n```\n\n<div>q</div>\n\n[^1]: r\n';
const sampleEnv = {};
keepShapesOf(md.parse(SHAPES_SAMPLE, sampleEnv), sampleEnv, new md.core.State('', md, {}), new md.block.State('', md, {}, []), new md.inline.State('', md, {}, []));

const CHARACTER_REFERENCE = /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * Prose with its HTML character references ("Asperger&#39;s", "research&nbsp;shows",
 * as pages converted to Markdown keep them) read as the characters they stand for,
 * at the same length: each becomes its character, then padding (a combining
 * grapheme joiner after a letter, digit or apostrophe, so the word stays whole;
 * spaces after anything else), so every offset still points at the writer's text.
 */
export function decodeCharacterReferences(prose: string): string {
  if (!prose.includes('&')) return prose;
  return prose.replace(CHARACTER_REFERENCE, (reference) => {
    const decoded = md.utils.unescapeAll(reference);
    if (decoded === reference || decoded.length >= reference.length) return reference;
    const padding = /^[\p{L}\p{N}'’‘]+$/u.test(decoded) ? IN_WORD_PADDING : ' ';
    return (/^\s+$/.test(decoded) ? ' ' : decoded) + padding.repeat(reference.length - decoded.length);
  });
}

/** A link's destination as written. */
export function linkDestination(token: Token): string {
  return token.attrGet('href') ?? '';
}

/** Maps offsets in an inline token's content to offsets in the text: one segment per line (or per cut-out escape). */
export class ContentMap {
  /** Pairs of (content offset, text offset) where a run of one-to-one characters starts, ascending. */
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  add(contentOffset: number, textOffset: number): void {
    this.from.push(contentOffset);
    this.to.push(textOffset);
  }

  map(offset: number): number {
    const i = lastAtOrBefore(this.from, offset);
    return this.to[i] + (offset - this.from[i]);
  }

  /**
   * For content made of lines [first, ...] of the text: each content line,
   * less leading whitespace, ends its source line (the last one before any
   * trailing whitespace). Undefined if a line does not line up (then the
   * caller reads the block without inline structure).
   */
  static ofLines(content: string, text: string, lineStarts: readonly number[], firstLine: number): ContentMap | undefined {
    const map = new ContentMap();
    let c = 0;
    let line = firstLine;
    while (c <= content.length) {
      let cEnd = content.indexOf('\n', c);
      const last = cEnd < 0;
      if (last) cEnd = content.length;
      if (line >= lineStarts.length) return undefined;
      const lineStart = lineStarts[line];
      let lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
      if (last) while (lineEnd > lineStart && isSpace(text.charCodeAt(lineEnd - 1))) lineEnd--;
      let lead = c;
      while (lead < cEnd && isSpace(content.charCodeAt(lead))) lead++;
      const length = cEnd - lead;
      const at = lineEnd - length;
      if (at < lineStart || text.slice(at, lineEnd) !== content.slice(lead, cEnd)) return undefined;
      // Leading whitespace of the content line sits just before the text it precedes (or at the line start).
      map.add(c, Math.max(lineStart, at - (lead - c)));
      if (lead > c) map.add(lead, at);
      if (last) break;
      c = cEnd + 1;
      line++;
    }
    return map;
  }
}

keepShapesOf(new ContentMap());

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10;
}
