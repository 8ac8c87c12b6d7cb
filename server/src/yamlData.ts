// YAML data files (glossaries, .psylint.yaml): parse, resolve, validate
// against a JSON Schema, and report every problem at its line and column.
// Never throws on bad input.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';

export interface DataProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export interface YamlData {
  data?: unknown;
  doc: Document;
  /** 1-based line and column of a source offset. */
  positionAt: (offset: number) => { line: number; column: number };
  problems: DataProblem[];
}

/**
 * Maps offsets in `text` to 1-based lines and columns (UTF-16 units, lines
 * split at "\n" as the yaml library does). Computed from the text, not with
 * yaml's LineCounter, which misses the line breaks inside a plain scalar the
 * parser rejects and then puts every later error on the wrong line. Offsets
 * outside the text are clamped to it.
 */
export function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(Math.max(Number.isFinite(offset) ? Math.trunc(offset) : 0, 0), text.length);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - starts[low] + 1 };
  };
}

export function loadYamlData(text: string, validate: ValidateFunction): YamlData {
  const positionAt = positionsIn(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problems: DataProblem[] = [];
  const at = (range: readonly number[] | undefined | null, message: string): DataProblem => {
    const start = positionAt(range?.[0] ?? 0);
    const end = range?.[1] !== undefined ? positionAt(range[1]) : undefined;
    return { line: start.line, column: start.column, endLine: end?.line, endColumn: end?.column, message };
  };
  for (const error of doc.errors) problems.push(at(error.pos, `YAML: ${error.message.split('\n')[0]}`));
  // An alias to an anchor that is not defined (before it) cannot be resolved.
  const anchors = new Set<string>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) problems.push(at(node.range, `YAML: alias *${node.source} refers to no anchor defined before it`));
      } else if ((node as { anchor?: string }).anchor) {
        anchors.add((node as { anchor: string }).anchor);
      }
    },
  });
  if (problems.length) return { doc, positionAt, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { doc, positionAt, problems: [at([0], `YAML: ${(error as Error).message}`)] };
  }
  if (!validate(data ?? {})) {
    for (const error of validate.errors ?? []) {
      const node = nodeFor(doc, error);
      const detail = error.keyword === 'additionalProperties' ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : '';
      problems.push(at(node?.range, `schema: ${error.instancePath || '/'} ${error.message}${detail}`));
    }
    return { doc, positionAt, problems };
  }
  return { data: data ?? {}, doc, positionAt, problems };
}

/** The YAML node an ajv error points at; for an unknown property, its key. */
function nodeFor(doc: Document, error: ErrorObject): YamlNode | undefined {
  let node: unknown = doc.contents;
  for (const raw of error.instancePath.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
  }
  if (error.keyword === 'additionalProperties' && isMap(node)) {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === name);
    if (pair?.key) return pair.key as YamlNode;
  }
  return node as YamlNode | undefined;
}
