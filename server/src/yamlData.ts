// YAML data files (glossaries, .psylint.yaml): parse, resolve, validate
// against a JSON Schema, and report every problem at its line and column.
// Never throws on bad input.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { lastAtOrBefore } from './engine/sorted';

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
 * split at "\n" as the yaml library does, so a lone CR is not a break).
 * Computed from the text, not with yaml's LineCounter, which misses the line
 * breaks inside a plain scalar the parser rejects and then puts every later
 * error on the wrong line. Offsets outside the text are clamped to it.
 */
export function positionsIn(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(Math.max(Number.isFinite(offset) ? Math.trunc(offset) : 0, 0), text.length);
    const line = lastAtOrBefore(starts, at);
    return { line: line + 1, column: at - starts[line] + 1 };
  };
}

/** More problems than this in one file are summarised: a file that is not data at all gets a few lines, not one per line. */
const MAX_PROBLEMS = 20;

export interface SchemaIssue {
  error: ErrorObject;
  problem: DataProblem;
}

/**
 * Parse YAML and validate it. With `partial`, data that fails the schema is
 * still returned, with `issues` saying which parts failed, so the caller can
 * apply the valid rest. Messages never quote the file's content beyond a
 * short, plain key or value: the file may be any file a symlink points at.
 */
export function loadYamlData(text: string, validate: ValidateFunction, options: { kind?: string; partial?: boolean } = {}): YamlData & { issues?: SchemaIssue[] } {
  const kind = options.kind ?? 'data file';
  const positionAt = positionsIn(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problems: DataProblem[] = [];
  const at = (range: readonly number[] | undefined | null, message: string): DataProblem => {
    const start = positionAt(range?.[0] ?? 0);
    const end = range?.[1] !== undefined ? positionAt(range[1]) : undefined;
    return { line: start.line, column: start.column, endLine: end?.line, endColumn: end?.column, message };
  };
  const capped = (list: DataProblem[]) =>
    list.length > MAX_PROBLEMS ? [...list.slice(0, MAX_PROBLEMS), { line: 1, column: 1, message: `${list.length - MAX_PROBLEMS} more problems; is this a Psylint ${kind}?` }] : list;
  for (const error of doc.errors) problems.push(at(error.pos, `YAML: ${error.message.split('\n')[0]}`));
  // An alias to an anchor that is not defined (before it) cannot be resolved.
  const anchors = new Set<string>();
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) problems.push(at(node.range, `YAML: alias *${/^[\w-]{1,40}$/.test(node.source) ? node.source : '…'} refers to no anchor defined before it`));
      } else if ((node as { anchor?: string }).anchor) {
        anchors.add((node as { anchor: string }).anchor);
      }
    },
  });
  const known = Object.keys((validate.schema as { properties?: object }).properties ?? {});
  const notOurs = () => ({ doc, positionAt, problems: [at([0], `not a Psylint ${kind}: expected a YAML mapping with ${known.map((k) => `'${k}'`).join(', ')}`)] });
  if (problems.length) {
    // Many YAML errors and none of our keys: some other file (a symlink to anything). Say so once.
    const keys = isMap(doc.contents) ? doc.contents.items.map((p) => (p.key as { value?: unknown } | null)?.value) : [];
    if (problems.length > 10 && !keys.some((k) => known.includes(String(k)))) return notOurs();
    return { doc, positionAt, problems: capped(problems) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { doc, positionAt, problems: [at([0], `YAML: ${(error as Error).message.split('\n')[0].slice(0, 200)}`)] };
  }
  data ??= {};
  // Not a mapping, or a mapping with none of the known keys: some other file. Say so once, quoting nothing.
  const keys = isPlainObject(data) ? Object.keys(data) : [];
  if (!isPlainObject(data) || (keys.length > 3 && !keys.some((k) => known.includes(k)))) return notOurs();
  if (!validate(data)) {
    const issues = (validate.errors ?? []).map((error) => ({ error, problem: at(nodeFor(doc, error)?.range, schemaMessage(error)) }));
    const problemsOut = capped(issues.map((i) => i.problem));
    if (options.partial) return { data, doc, positionAt, problems: problemsOut, issues };
    return { doc, positionAt, problems: problemsOut };
  }
  return { data, doc, positionAt, problems, issues: [] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type JsonSchema = { properties?: Record<string, JsonSchema> };

/** A short, plain key or value in quotes; undefined for anything long or odd (it may come from any file). */
export function quoted(value: unknown): string | undefined {
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value : undefined;
  return text !== undefined && /^[\p{L}\p{N}_./ +-]{1,40}$/u.test(text) ? `'${text}'` : undefined;
}

/** A readable place: `rules.term/outdated`, `entries.3.aliases`. */
function placeOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

const TYPE_NAMES: Record<string, string> = { array: 'a list', object: 'a mapping (key: value lines)', string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false' };

/** An ajv error as a sentence a writer can act on: where, what is wrong, what is allowed. */
function schemaMessage(error: ErrorObject): string {
  const place = placeOf(error.instancePath);
  const subject = place || 'the file';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = quoted(error.data);
      const near = typeof error.data === 'string' ? nearest(error.data, allowed) : undefined;
      return `${subject}: ${value ?? 'this value'} is not allowed; use ${allowed.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}`;
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as JsonSchema | undefined)?.properties ?? {});
      const near = nearest(name, allowed);
      const what = place ? `${place}: unknown field` : 'unknown setting';
      return `${what} ${quoted(name) ?? '(a long or unusual name)'}${near ? `; did you mean '${near}'?` : allowed.length ? `; known: ${allowed.join(', ')}` : ''}`;
    }
    case 'required':
      return `${subject}: missing '${String(params.missingProperty)}'`;
    case 'type':
      return `${subject} must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}`;
    default:
      return `${subject} ${error.message ?? 'is not valid'}`;
  }
}

/** The closest of `options` to `word` when it is close enough to be a typo. */
export function nearest(word: string, options: readonly string[]): string | undefined {
  if (word.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    if (word.length >= 3 && option.toLowerCase().startsWith(word.toLowerCase())) return option; // 'warn' → 'warning'
    const d = editDistance(word.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = option;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The YAML node an ajv error points at; for an unknown property, its key. */
export function nodeFor(doc: Document, error: ErrorObject): YamlNode | undefined {
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
