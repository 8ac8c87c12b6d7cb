// A text cut into parse units: chunks at blank lines outside fences, front
// matter, comments and math, joined into units whose boundaries depend on
// content (a hash), so an edit re-cuts only the span around it and units
// keep their records while their text is unchanged.

import { analysisCopy, commonAffixes, detach } from '../text';
import { countCitations, footnoteIds } from '../citations';
import { closesFrontMatter, FRONT_MATTER_OPEN, frontMatterOf } from './frontMatter';
import type { CitationCounts, DocumentKind, Range } from './types';
import { partitionPoint } from '../sorted';
import { definedTreatments } from '../claims/definedTreatments';

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
  /** Names its prose defines as treatments ("Tapping is a technique ..."), lower case. */
  treatmentNames: string[];
}

export function unitFacts(layout: Layout<unknown>, unit: Unit<unknown>): UnitFacts {
  const text = layout.analysis.slice(unitStart(layout, unit), unit.end);
  const fm = layout.kind !== 'plaintext' && unit.frontMatterAllowed ? frontMatterOf(text) : undefined;
  return {
    citations: countCitations(text),
    footnotes: footnoteIds(text).map(detach),
    frontMatter: fm?.yaml ? { start: fm.start, end: fm.end, value: detach(fm.value) } : undefined,
    treatmentNames: definedTreatments(text),
  };
}

export interface Chunk extends Range {
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
  /** The fence that opened front matter we are inside. */
  let frontMatterOpen: string | undefined;
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
      frontMatterOpen = FRONT_MATTER_OPEN.exec(bom ? content.slice(1) : content)?.[1];
      if (frontMatterOpen) continue;
    }
    if (frontMatterOpen) {
      if (closesFrontMatter(frontMatterOpen, content)) frontMatterOpen = undefined;
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
  return { chunks, clean: !fence && !inComment && !inMath && !frontMatterOpen };
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
      ...parseUnits<R>(chunks, analysis),
      ...units.slice(last_ + 1).map((u): Unit<R> => ({ start: u.start + delta, end: u.end + delta, frontMatterAllowed: u.frontMatterAllowed, record: u.record })),
    ],
    // The span chunked again may still hold some of these units' text (its margins do).
    candidates: units.slice(first, last_ + 1),
  };
}

/** Index of the unit containing an offset (the last unit for the end of the text). */
function unitAt(units: Chunk[], offset: number): number {
  return Math.max(0, partitionPoint(units.length, (i) => units[i].start <= offset) - 1);
}

/**
 * Parse units hold between MIN and MAX characters: large enough to amortise the parser's setup, small enough to re-parse on an edit.
 * Measured on the 100k-word psychology draft of `npm run bench` (in-process, a one-character edit): 1,000/6,000 gave 61 ms
 * per edit, 300/2,000 13 ms, 200/1,200 33 ms; full-lint CPU time did not rise.
 */
const UNIT_MIN_CHARS = 300;
const UNIT_MAX_CHARS = 2000;

/**
 * Consecutive chunks joined into parse units. A unit ends after a chunk whose
 * text hashes to 0 mod 4 (once it holds UNIT_MIN_CHARS), so boundaries depend
 * on content, not position: an edit changes its own unit, and the units after
 * it (and their cached trees) stay the same. Front matter stays alone.
 */
export function parseUnits<R>(chunks: Chunk[], analysis: string): Unit<R>[] {
  const units: Unit<R>[] = [];
  let open: Unit<R> | undefined;
  for (const chunk of chunks) {
    if (open && chunk.end - open.start <= UNIT_MAX_CHARS) open.end = chunk.end;
    // Literals with every field, not spreads: V8 gives each object made by spread-then-add its own hidden class (13 MB on a 1M-word draft), and a field added later a second one.
    else units.push((open = { start: chunk.start, end: chunk.end, frontMatterAllowed: chunk.frontMatterAllowed, record: undefined }));
    if (open.frontMatterAllowed || (open.end - open.start >= UNIT_MIN_CHARS && hash(analysis, chunk.start, chunk.end) % 4 === 0)) open = undefined;
  }
  return units;
}

function hash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}
