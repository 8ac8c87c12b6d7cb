// One configuration model for the CLI and the editor: `.psylint.yaml` found
// upward from the linted file. The editor's `psylint.*` settings are layered
// on top by the server. Nothing from the workspace is executed: the file is
// YAML data, validated against schemas/config.schema.json (compiled at build:
// schemaValidators.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isSeq, type Node as YamlNode } from 'yaml';
import { loadYamlData, nearest, quoted } from './yamlData';
import { readCappedText } from './readFile';
import { compileGlob, escapeGlob } from './glob';
import { validateConfig } from './schemaValidators';
import { CATALOG, isRuleId } from './engine/rules';
import type { SeveritySetting } from './engine/types';
import type { Dialect } from './engine/dialect';

export const CONFIG_FILE_NAMES = ['.psylint.yaml', '.psylint.yml'];
export const WORKSPACE_GLOSSARY = path.join('.psylint', 'glossary.yaml');
/** About 250,000 words: a whole thesis, and still a lint of a few seconds at worst on a slow machine. */
export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface Config {
  /** The configuration file, if one was found. */
  file?: string;
  rules: Record<string, SeveritySetting>;
  /** Absolute paths of extra glossary files. */
  glossaries: string[];
  /** Absolute glob patterns of ignored files. */
  ignore: string[];
  maxFileSize: number;
  /** Wordings the workspace accepts, as written (`accept:`): term rules do not report them. */
  accept: string[];
  /** Spelling of the text Psylint writes (`dialect:`); unset, the glossary's. */
  dialect?: Dialect;
}

export function defaultConfig(): Config {
  return { rules: {}, glossaries: [], ignore: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, accept: [] };
}

/**
 * Parse a configuration file's text. Problems never throw. A bad value costs
 * only itself (one rule's severity, one glossary path, one pattern): the
 * valid rest of the file applies.
 */
export function parseConfig(file: string, text: string): { config: Config; problems: ConfigProblem[] } {
  const config: Config = { ...defaultConfig(), file };
  const loaded = loadYamlData(text, validateConfig, { kind: 'configuration', partial: true });
  const problems: ConfigProblem[] = loaded.problems.map((p) => ({ file, line: p.line, column: p.column, message: p.message, severity: 'error' }));
  if (!loaded.data) return { config, problems };
  const data = loaded.data as Record<string, unknown>;
  // What failed the schema: a top-level key as a whole, or one item under it (`rules/<id>`, `ignore/3`).
  const bad = new Set((loaded.issues ?? []).map((i) => i.error.instancePath.split('/').slice(1, 3).join('/')));
  const usable = (key: string) => !bad.has(key) && data[key] !== undefined;
  const dir = path.dirname(file);
  const report = (offset: number | undefined, message: string, severity: 'error' | 'warning') => {
    const pos = loaded.positionAt(offset ?? 0);
    problems.push({ file, line: pos.line, column: pos.column, message, severity });
  };
  if (usable('rules')) {
    const rulesNode = loaded.doc.get('rules', true);
    for (const [id, severity] of Object.entries(data.rules as Record<string, SeveritySetting>)) {
      if (bad.has(`rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`)) continue;
      if (!isRuleId(id)) {
        const pair = isMap(rulesNode) ? rulesNode.items.find((p) => (p.key as { value?: unknown })?.value === id) : undefined;
        const near = nearest(id, CATALOG.map((r) => r.id));
        const name = quoted(id) ?? 'a rule id';
        report((pair?.key as YamlNode | undefined)?.range?.[0], `unknown rule ${name} (ignored)${near ? `; did you mean '${near}'?` : ''}`, 'warning');
        continue;
      }
      config.rules[id] = severity;
    }
  }
  const items = (key: string) => (usable(key) ? (data[key] as unknown[]).flatMap((item, i) => (bad.has(`${key}/${i}`) ? [] : [item as string])) : []);
  config.glossaries = items('glossaries').map((g) => path.resolve(dir, g));
  const ignoreNode = loaded.doc.get('ignore', true);
  config.ignore = items('ignore').flatMap((g) => {
    try {
      compileGlob(g);
    } catch (error) {
      const node = isSeq(ignoreNode) ? (ignoreNode.items.find((n) => (n as { value?: unknown }).value === g) as YamlNode | undefined) : undefined;
      report(node?.range?.[0], `ignore: pattern refused (${(error as Error).message})`, 'error');
      return [];
    }
    // The folder is a literal path: its own `[` or `*` must not act as wildcards.
    return [path.posix.join(escapeGlob(toPosix(dir)), g)];
  });
  const acceptNode = loaded.doc.get('accept', true);
  config.accept = (usable('accept') ? (data.accept as unknown[]) : []).flatMap((wording, i) => {
    if (bad.has(`accept/${i}`)) return [];
    if ((wording as string).trim()) return [wording as string];
    report(isSeq(acceptNode) ? (acceptNode.items[i] as YamlNode | undefined)?.range?.[0] : undefined, `accept.${i}: an empty wording accepts nothing (ignored)`, 'warning');
    return [];
  });
  if (usable('dialect')) config.dialect = data.dialect as Dialect;
  if (usable('maxFileSize')) config.maxFileSize = data.maxFileSize as number;
  return { config, problems };
}

/** UTF-8 bytes of a text: what maxFileSize counts, for a file on disk and for an editor's buffer alike. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Two bytes for U+0080..U+07FF, three up to U+FFFF; a surrogate pair is four (two per unit).
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/** The nearest configuration file at or above `dir`, if any. */
export function findConfigFile(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** A configuration is a few lines; anything bigger is not one (and must not exhaust memory). */
export const MAX_CONFIG_BYTES = 1_000_000;

export function loadConfigFile(file: string): { config: Config; problems: ConfigProblem[] } {
  const read = readCappedText(file, MAX_CONFIG_BYTES);
  if ('problem' in read) {
    return { config: { ...defaultConfig(), file }, problems: [{ file, line: 1, column: 1, message: `configuration not read: ${read.problem}`, severity: 'error' }] };
  }
  return parseConfig(file, read.text);
}

const ignoreMatchers = new Map<string, (path: string) => boolean>();

export function isIgnored(config: Config, file: string): boolean {
  if (config.ignore.length === 0) return false;
  const target = toPosix(path.resolve(file));
  return config.ignore.some((pattern) => {
    let match = ignoreMatchers.get(pattern);
    if (!match) {
      try {
        match = compileGlob(pattern, { dot: true });
      } catch {
        match = () => false; // refused when the configuration was read
      }
      ignoreMatchers.set(pattern, match);
    }
    return match(target);
  });
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
