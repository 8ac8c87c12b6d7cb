// YAML data files (glossaries, .psylint.yaml): parse, resolve, validate
// against a JSON Schema, and report every problem at its line and column.
// Never throws on bad input.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';

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
  lineCounter: LineCounter;
  problems: DataProblem[];
}

export function loadYamlData(text: string, validate: ValidateFunction): YamlData {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: DataProblem[] = [];
  const at = (range: readonly number[] | undefined | null, message: string): DataProblem => {
    const start = lineCounter.linePos(range?.[0] ?? 0);
    const end = range?.[1] !== undefined ? lineCounter.linePos(range[1]) : undefined;
    return { line: start.line, column: start.col, endLine: end?.line, endColumn: end?.col, message };
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
  if (problems.length) return { doc, lineCounter, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { doc, lineCounter, problems: [at([0], `YAML: ${(error as Error).message}`)] };
  }
  if (!validate(data ?? {})) {
    for (const error of validate.errors ?? []) {
      const node = nodeFor(doc, error);
      const detail = error.keyword === 'additionalProperties' ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : '';
      problems.push(at(node?.range, `schema: ${error.instancePath || '/'} ${error.message}${detail}`));
    }
    return { doc, lineCounter, problems };
  }
  return { data: data ?? {}, doc, lineCounter, problems };
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
