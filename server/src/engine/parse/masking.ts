// What in a prose block is never prose, masked to blanks before sentences and
// tokens are read: inline code, images, footnote references, inline HTML,
// bare and self-describing links, citekeys, superscript note markers.

import { CITEKEY } from '../citations';
import { linkDestination, type ContentMap, type LocatedToken } from '../markdown';
import { isTitle } from './quotes';
import type { Range } from './range';

// Bare URLs and e-mail addresses (GFM autolink literals): links, not words. A URL's trailing punctuation is prose.
const BARE_LINK = /(?<![\w@/.:-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>]*[^\s<>?!.,:;*_~'"()[\]]|(?<![\w@.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Parsed per chunk, a footnote reference whose definition is in another chunk stays text.
const FOOTNOTE_REF = /\[\^[^\]\s]+\]/g;

/**
 * Masks of an inline token's children (`map` takes their offsets to the unit's), added to `out`. Returns
 * the inline HTML found (its comments may hold directives) and the emphasised titles of works (quoted).
 */
export function inlineMasks(children: LocatedToken[], map: ContentMap, analysis: string, out: Range[]): { html: Range[]; titles: Range[] } {
  const html: Range[] = [];
  const titles: Range[] = [];
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
          html.push(r);
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
          if (isTitle(analysis.slice(r.start, r.end))) titles.push(r);
        }
        break;
      }
      case 'link_open': {
        const r = range(t);
        if (!r) break;
        const label = t.labelStart !== undefined && t.labelEnd !== undefined && t.labelEnd > t.labelStart ? { start: map.map(t.labelStart), end: map.map(t.labelEnd) } : undefined;
        const labelText = label ? analysis.slice(label.start, label.end) : '';
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
  return { html, titles };
}

/** Citekeys, bare links, superscript note markers and footnote references in a block's text (`slice`, at `start`), added to `masked`. */
export function maskReferences(slice: string, start: number, masked: Range[]): void {
  // Citekeys and footnote references are references, not words.
  let m: RegExpExecArray | null;
  // One citekey grammar (citations.ts) for masking, sentences and evidence: it ends on a letter or digit, so
  // the full stop after "@smith2010." stays and ends the sentence.
  // Each pattern needs a character most prose lacks: look for it first (a scan for "@" is far cheaper than the patterns).
  const at = slice.includes('@');
  if (at) for (const key of slice.matchAll(CITEKEY)) masked.push({ start: start + key.index!, end: start + key.index! + key[0].length });
  if (at || slice.includes('://') || slice.includes('www.')) {
    for (const link of slice.matchAll(BARE_LINK)) {
      const r = { start: start + link.index!, end: start + link.index! + link[0].length };
      if (!masked.some((m) => m.start <= r.start && m.end >= r.end)) masked.push(r);
    }
  }
  if (!slice.includes('<') && !slice.includes('[^')) return;
  FOOTNOTE_REF.lastIndex = 0;
  // Superscript note markers (<sup>3</sup>) are references too, with the digits between the tags.
  for (const sup of slice.matchAll(/<sup>[^<]{0,20}<\/sup>/gi)) masked.push({ start: start + sup.index!, end: start + sup.index! + sup[0].length });
  while ((m = FOOTNOTE_REF.exec(slice))) {
    const ref = { start: start + m.index, end: start + m.index + m[0].length };
    if (!masked.some((r) => r.start <= ref.start && r.end >= ref.end)) masked.push(ref);
  }
}
