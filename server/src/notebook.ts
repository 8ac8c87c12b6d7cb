// Jupyter notebooks (.ipynb): the Markdown cells are drafts, code cells and
// outputs are never read. A small JSON scanner keeps the position of every
// cell's `source`, so `--fix` rewrites only the source strings it changes and
// leaves every other byte of the notebook as it was (key order, indentation,
// escapes, outputs, metadata).

import { applyEdits, editsOf, selectFixes } from './engine/fixes';
import type { Finding } from './engine/types';

export const NOTEBOOK_EXTENSION = '.ipynb';

export function isNotebookFile(file: string): boolean {
  return file.toLowerCase().endsWith(NOTEBOOK_EXTENSION);
}

/** A JSON string in the notebook text: [start, end) covers the quotes. */
interface JsonString {
  start: number;
  end: number;
  value: string;
}

export interface MarkdownCell {
  /** 0-based position among all cells (code and raw cells count too). */
  index: number;
  /** The cell's text: the source lines joined. */
  source: string;
  /** Where the source is: one string, or an array of line strings (nbformat's usual form). */
  span: { kind: 'string'; value: JsonString } | { kind: 'array'; start: number; end: number; items: JsonString[] };
}

export type NotebookRead = { cells: MarkdownCell[] } | { problem: string };

/** The 1-based cell label used in messages, as Jupyter and nbQA count: `notes.ipynb:cell_3`. */
export function cellLabel(file: string, cell: { index: number }): string {
  return `${file}:cell_${cell.index + 1}`;
}

/** The Markdown cells of a notebook, or why it cannot be read. Never throws. */
export function readNotebook(text: string): NotebookRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `not a valid notebook: ${(error as Error).message}` };
  }
  if (!isObject(parsed) || !Array.isArray(parsed.cells)) return { problem: 'not a valid notebook: no "cells" list' };
  let root: Node;
  try {
    root = new Scanner(text).document();
  } catch (error) {
    return { problem: `not a valid notebook: ${(error as Error).message}` };
  }
  const cellsNode = root.kind === 'object' ? lastProperty(root, 'cells') : undefined;
  if (!cellsNode || cellsNode.kind !== 'array') return { problem: 'not a valid notebook: no "cells" list' };
  const cells: MarkdownCell[] = [];
  cellsNode.items.forEach((cell, index) => {
    if (cell.kind !== 'object') return;
    const type = lastProperty(cell, 'cell_type');
    if (type?.kind !== 'string' || type.value !== 'markdown') return;
    const source = lastProperty(cell, 'source');
    if (source?.kind === 'string') {
      cells.push({ index, source: source.value, span: { kind: 'string', value: source } });
    } else if (source?.kind === 'array' && source.items.every((i) => i.kind === 'string')) {
      const items = source.items as (Node & { kind: 'string' })[];
      cells.push({ index, source: items.map((i) => i.value).join(''), span: { kind: 'array', start: source.start, end: source.end, items } });
    }
  });
  return { cells };
}

/**
 * The notebook text with new sources for some cells. Unchanged lines of an
 * array source keep their original JSON text; everything outside the
 * changed strings is kept byte for byte.
 */
export function replaceCellSources(text: string, changes: readonly { cell: MarkdownCell; source: string }[]): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const { cell, source } of changes) {
    if (source === cell.source) continue;
    const span = cell.span;
    if (span.kind === 'string') {
      edits.push({ start: span.value.start, end: span.value.end, text: jsonString(source) });
      continue;
    }
    const lines = splitLines(source);
    if (lines.length === span.items.length) {
      lines.forEach((line, i) => {
        const item = span.items[i];
        if (line !== item.value) edits.push({ start: item.start, end: item.end, text: jsonString(line) });
      });
      continue;
    }
    // A different number of lines: rewrite the array, reusing its separators.
    const { items } = span;
    const open = items.length ? text.slice(span.start, items[0].start) : '[';
    const close = items.length ? text.slice(items[items.length - 1].end, span.end) : ']';
    const separator = items.length > 1 ? text.slice(items[0].end, items[1].start) : open.length > 1 ? `,${open.slice(1)}` : ', ';
    edits.push({ start: span.start, end: span.end, text: `${open}${lines.map(jsonString).join(separator)}${close}` });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export interface NotebookCellResult {
  cell: MarkdownCell;
  /** The cell's text the findings refer to (after fixes, if any were applied). */
  source: string;
  findings: Finding[];
  claims: { total: number; cited: number; uncited: number };
}

/**
 * Lints every Markdown cell on its own with `lintCell`. With `fix`, applies
 * each cell's safe fixes and returns the new notebook text (undefined when
 * nothing changed); the findings are then those of the fixed cells.
 */
export function lintNotebook(
  text: string,
  lintCell: (source: string) => { findings: Finding[]; claims: { total: number; cited: number; uncited: number } },
  fix = false,
): { problem: string } | { cells: NotebookCellResult[]; fixedText?: string } {
  const read = readNotebook(text);
  if ('problem' in read) return read;
  const results: NotebookCellResult[] = [];
  const changes: { cell: MarkdownCell; source: string }[] = [];
  for (const cell of read.cells) {
    let source = cell.source;
    let result = lintCell(source);
    if (fix) {
      const fixes = selectFixes(result.findings, { onlySafe: true });
      if (fixes.length) {
        source = applyEdits(source, editsOf(fixes));
        changes.push({ cell, source });
        result = lintCell(source);
      }
    }
    results.push({ cell, source, findings: result.findings, claims: result.claims });
  }
  const fixedText = changes.length ? replaceCellSources(text, changes) : undefined;
  return { cells: results, fixedText: fixedText !== text ? fixedText : undefined };
}

/** Lines as nbformat stores them: each keeps its "\n", the last has none unless the text ends with one. */
export function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** JSON for a string as Jupyter writes it (non-ASCII kept, like json.dumps(ensure_ascii=False)). */
function jsonString(value: string): string {
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Node =
  | { kind: 'object'; start: number; end: number; properties: { key: string; value: Node }[] }
  | { kind: 'array'; start: number; end: number; items: Node[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'other'; start: number; end: number };

/** JSON.parse's rule: the last of duplicate keys wins. */
function lastProperty(node: Node & { kind: 'object' }, key: string): Node | undefined {
  for (let i = node.properties.length - 1; i >= 0; i--) if (node.properties[i].key === key) return node.properties[i].value;
  return undefined;
}

/** Positions of values in text that JSON.parse has already accepted. Iterative, so deep nesting cannot overflow the stack. */
class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): Node {
    type Frame = { node: Node & ({ kind: 'object' } | { kind: 'array' }); key?: string };
    const stack: Frame[] = [];
    let result: Node | undefined;
    const attach = (node: Node) => {
      const top = stack[stack.length - 1];
      if (!top) result = node;
      else if (top.node.kind === 'array') top.node.items.push(node);
      else top.node.properties.push({ key: top.key!, value: node });
    };
    for (;;) {
      this.skip();
      const top = stack[stack.length - 1];
      const c = this.text[this.pos];
      if (top) {
        if (c === ',') {
          this.pos++;
          continue;
        }
        if (c === ']' || c === '}') {
          this.pos++;
          top.node.end = this.pos;
          stack.pop();
          attach(top.node);
          if (!stack.length) return result!;
          continue;
        }
        if (top.node.kind === 'object') {
          top.key = this.string().value;
          this.skip();
          if (this.text[this.pos++] !== ':') throw new Error(`expected ':' at offset ${this.pos - 1}`);
          this.skip();
        }
      }
      const ch = this.text[this.pos];
      if (ch === '{' || ch === '[') {
        const start = this.pos++;
        stack.push({ node: ch === '{' ? { kind: 'object', start, end: start, properties: [] } : { kind: 'array', start, end: start, items: [] } });
        continue;
      }
      const node: Node = ch === '"' ? this.string() : this.scalar();
      if (!stack.length) return node;
      attach(node);
    }
  }

  private skip(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  private string(): Node & { kind: 'string' } {
    const start = this.pos;
    if (this.text[this.pos] !== '"') throw new Error(`expected a string at offset ${start}`);
    let i = start + 1;
    while (this.text[i] !== '"') i += this.text[i] === '\\' ? 2 : 1;
    this.pos = i + 1;
    return { kind: 'string', start, end: this.pos, value: JSON.parse(this.text.slice(start, this.pos)) as string };
  }

  private scalar(): Node {
    const start = this.pos;
    while (this.pos < this.text.length && !',]} \t\n\r'.includes(this.text[this.pos])) this.pos++;
    if (this.pos === start) throw new Error(`unexpected character at offset ${start}`);
    return { kind: 'other', start, end: this.pos };
  }
}
