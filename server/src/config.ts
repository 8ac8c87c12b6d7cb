// One configuration model for the CLI and the editor: `.psylint.yaml` found
// upward from the linted file. The editor's `psylint.*` settings are layered
// on top by the server. Nothing from the workspace is executed: the file is
// YAML data, validated against schemas/config.schema.json.

import Ajv, { type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isMap, type Node as YamlNode } from 'yaml';
import { loadYamlData } from './yamlData';
import schema from '../../schemas/config.schema.json';
import { isRuleId } from './engine/rules';
import type { SeveritySetting } from './engine/types';

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
}

export function defaultConfig(): Config {
  return { rules: {}, glossaries: [], ignore: [], maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

let validator: ValidateFunction | undefined;

/** Parse a configuration file's text. Problems never throw; a broken file yields the defaults plus problems. */
export function parseConfig(file: string, text: string): { config: Config; problems: ConfigProblem[] } {
  const config: Config = { ...defaultConfig(), file };
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  const loaded = loadYamlData(text, validator);
  const problems: ConfigProblem[] = loaded.problems.map((p) => ({ file, line: p.line, column: p.column, message: p.message, severity: 'error' }));
  if (!loaded.data) return { config, problems };
  const data = loaded.data as Record<string, unknown>;
  const dir = path.dirname(file);
  const rulesNode = loaded.doc.get('rules', true);
  for (const [id, severity] of Object.entries((data.rules ?? {}) as Record<string, SeveritySetting>)) {
    if (!isRuleId(id)) {
      const pair = isMap(rulesNode) ? rulesNode.items.find((p) => (p.key as { value?: unknown })?.value === id) : undefined;
      const pos = loaded.positionAt((pair?.key as YamlNode | undefined)?.range?.[0] ?? 0);
      problems.push({ file, line: pos.line, column: pos.column, message: `unknown rule '${id}' (ignored)`, severity: 'warning' });
      continue;
    }
    config.rules[id] = severity;
  }
  config.glossaries = ((data.glossaries ?? []) as string[]).map((g) => path.resolve(dir, g));
  config.ignore = ((data.ignore ?? []) as string[]).map((g) => path.posix.join(toPosix(dir), g));
  config.maxFileSize = (data.maxFileSize as number | undefined) ?? DEFAULT_MAX_FILE_SIZE;
  return { config, problems };
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

export function loadConfigFile(file: string): { config: Config; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { config: { ...defaultConfig(), file }, problems: [{ file, line: 1, column: 1, message: `cannot read: ${(error as Error).message}`, severity: 'error' }] };
  }
  return parseConfig(file, text);
}

export function isIgnored(config: Config, file: string): boolean {
  if (config.ignore.length === 0) return false;
  return picomatch(config.ignore, { dot: true })(toPosix(path.resolve(file)));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
