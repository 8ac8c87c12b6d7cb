// Resolving what applies to one file: its configuration and its glossary.
// One resolver for the CLI and the language server, so both lint a file the
// same way: the same configuration file, glossary and ignore patterns.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, findConfigFile, loadConfigFile, parseConfig, WORKSPACE_GLOSSARY, type Config, type ConfigProblem } from './config';
import type { Dialect } from './engine/dialect';
import type { LintOptions } from './engine/lint';
import type { SeveritySetting } from './engine/types';
import type { Glossary } from './glossary/glossary';
import { bundledGlossaryFiles, GlossaryStore } from './glossary/files';
import type { GlossaryProblem } from './glossary/types';

export interface Settings {
  config: Config;
  configProblems: ConfigProblem[];
  glossary: Glossary;
  glossaryProblems: GlossaryProblem[];
  /** Glossary files in merge order. */
  glossaryFiles: string[];
}

/** Settings a caller layers over the configuration file's: the editor's psylint.rules and psylint.dialect, the CLI's --dialect. */
export interface Overrides {
  rules?: Readonly<Record<string, SeveritySetting>>;
  dialect?: Dialect;
}

/** `settings` with `overrides` over its configuration's rules and dialect (the front matter's `lang:` still wins, in the engine). */
export function withOverrides<S extends { config: Config }>(settings: S, overrides: Overrides): S {
  if (!overrides.rules && !overrides.dialect) return settings;
  return { ...settings, config: { ...settings.config, rules: { ...settings.config.rules, ...overrides.rules }, dialect: overrides.dialect ?? settings.config.dialect } };
}

/** What the engine reads of a file's settings: one place, so a configuration key reaches the CLI, its workers and the server alike. */
export function lintOptionsOf(settings: { config: Config; glossary: Glossary }): Pick<LintOptions, 'glossary' | 'rules' | 'accept' | 'dialect'> {
  return { glossary: settings.glossary, rules: settings.config.rules, accept: settings.config.accept, dialect: settings.config.dialect };
}

/**
 * The glossary files for a configuration: bundled, then the workspace
 * glossary, then extra files. A workspace file may only name files inside
 * the workspace (the root, or the configuration file's folder): a path or a
 * symlink that leads out of it is refused, so a cloned repository cannot
 * make the linter read and report on, say, a key file.
 */
export function glossaryFilesFor(config: Config, root: string, extra: string[] = [], allowOutside = false): { files: string[]; refused: GlossaryProblem[] } {
  const workspace = path.join(config.file ? path.dirname(config.file) : root, WORKSPACE_GLOSSARY);
  const roots = [root, ...(config.file ? [path.dirname(config.file)] : [])].map(realOrSelf);
  const refused: GlossaryProblem[] = [];
  const inside = (file: string) => {
    if (allowOutside || !fs.existsSync(file)) return true; // a missing file is reported when read
    const real = realOrSelf(file);
    if (roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep))) return true;
    refused.push({ file, line: 1, column: 1, message: `glossary not read: it is outside the workspace (or a symlink out of it); ${ALLOW_HINT}` });
    return false;
  };
  const files = [...(fs.existsSync(workspace) ? [workspace] : []), ...config.glossaries, ...extra].filter(inside);
  return { files: [...bundledGlossaryFiles(), ...files], refused };
}

const ALLOW_HINT = 'allow it with psylint.allowGlossariesOutsideWorkspace (user settings) or --allow-outside-glossaries';

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

export interface ResolverOptions {
  /** Extra glossary files for `forFile` (the editor's psylint.glossaries, in a worker of Lint Workspace), absolute. */
  extraGlossaries?: string[];
  /** Unsaved text of open configuration and glossary files (the editor); read from disk otherwise. */
  openText?: (file: string) => string | undefined;
  /** What was loaded, for the editor's output channel. */
  log?: (message: string) => void;
}

/** What applies to the files of one folder. */
export interface ResolveRequest {
  /** The folder of the linted file: the nearest configuration file at or above it applies. */
  dir: string;
  /** The workspace root (the CLI's working directory, the editor's workspace folder): glossaries must lie inside it. */
  root: string;
  /** Extra glossary files (the editor's psylint.glossaries), absolute. */
  extraGlossaries?: readonly string[];
  /** Glossaries may lie outside the workspace (--allow-outside-glossaries, psylint.allowGlossariesOutsideWorkspace). */
  allowOutside?: boolean;
}

/**
 * The one resolver of configuration and glossaries, for the CLI (its main
 * thread and every worker) and the language server: `.psylint.yaml` found
 * upward from the file (or --config), and the glossary it implies. Both are
 * cached until `invalidate()`.
 */
export class SettingsResolver {
  private readonly configs = new Map<string, { config: Config; problems: ConfigProblem[] }>();
  private readonly glossaries = new Map<string, { glossary: Glossary; problems: GlossaryProblem[]; files: string[] }>();
  private readonly store = new GlossaryStore();

  constructor(
    private readonly cwd: string,
    private readonly explicitConfig?: string,
    /** The user said so (--allow-outside-glossaries): glossaries may lie outside the working directory. */
    private readonly allowOutside = false,
    private readonly options: ResolverOptions = {},
  ) {}

  /** The CLI's view: a file relative to the working directory. */
  forFile(file: string): Settings {
    return this.resolve({ dir: path.dirname(path.resolve(this.cwd, file)), root: this.cwd, extraGlossaries: this.options.extraGlossaries, allowOutside: this.allowOutside });
  }

  resolve(request: ResolveRequest): Settings {
    const { config, problems: configProblems } = this.config(this.explicitConfig ?? findConfigFile(request.dir));
    const { files, refused } = glossaryFilesFor(config, request.root, [...(request.extraGlossaries ?? [])], request.allowOutside ?? false);
    const key = [...files, ...refused.map((r) => `refused:${r.file}`)].join('\n');
    let built = this.glossaries.get(key);
    if (!built) {
      const overrides = new Map<string, string>();
      for (const file of files) {
        const text = this.options.openText?.(file);
        if (text !== undefined) overrides.set(file, text);
      }
      const build = this.store.build(files, overrides);
      built = { glossary: build.glossary, problems: [...refused, ...build.problems], files: [...files, ...refused.map((r) => r.file)] };
      this.options.log?.(describeGlossary(build.glossary, files, built.problems.length));
      this.glossaries.set(key, built);
    }
    return { config, configProblems, glossary: built.glossary, glossaryProblems: built.problems, glossaryFiles: files };
  }

  /** A configuration file's settings and problems (the defaults for none). */
  config(file: string | undefined): { config: Config; problems: ConfigProblem[] } {
    if (!file) return { config: defaultConfig(), problems: [] };
    let entry = this.configs.get(file);
    if (!entry) {
      const text = this.options.openText?.(file);
      entry = text !== undefined ? parseConfig(file, text) : loadConfigFile(file);
      this.configs.set(file, entry);
      this.options.log?.(`configuration ${file}${text !== undefined ? ' (unsaved)' : ''}: ${entry.problems.length ? `${entry.problems.length} problem(s)` : 'loaded'}`);
    }
    return entry;
  }

  /** Forget every configuration and glossary read: something they depend on changed. */
  invalidate(): void {
    this.configs.clear();
    this.glossaries.clear();
  }

  /** Every problem of the configurations and glossaries in use, one line each. */
  problems(): string[] {
    const lines = new Set<string>();
    for (const { problems } of this.configs.values()) for (const p of problems) lines.add(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    for (const { problems } of this.glossaries.values()) for (const p of problems) lines.add(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    return [...lines];
  }

  /** Problems of one glossary file across every glossary built so far. */
  glossaryProblems(file: string): GlossaryProblem[] {
    const seen = new Set<string>();
    const out: GlossaryProblem[] = [];
    for (const built of this.glossaries.values()) {
      for (const p of built.problems) {
        const key = `${p.line}:${p.column}:${p.message}`;
        if (p.file === file && !seen.has(key)) {
          seen.add(key);
          out.push(p);
        }
      }
    }
    return out;
  }

  /** Every glossary file some resolved folder uses. */
  knownGlossaryFiles(): string[] {
    return [...new Set([...this.glossaries.values()].flatMap((g) => g.files))];
  }
}

/** "glossary: 412 entries; bundled 400 (12 files), /ws/.psylint/glossary.yaml 12" — entries counted where first defined. */
function describeGlossary(glossary: Glossary, files: string[], problems: number): string {
  const counts = new Map<string, number>(files.map((f) => [f, 0]));
  for (const origin of glossary.origins.values()) counts.set(origin.file, (counts.get(origin.file) ?? 0) + 1);
  const bundled = new Set(bundledGlossaryFiles());
  let bundledCount = 0;
  const parts: string[] = [];
  for (const [file, n] of counts) {
    if (bundled.has(file)) bundledCount += n;
    else parts.push(`${file} ${n}`);
  }
  const summary = [`bundled ${bundledCount} (${files.filter((f) => bundled.has(f)).length} files)`, ...parts].join(', ');
  return `glossary: ${glossary.entries.size} entries; ${summary}${problems ? `; ${problems} problem(s)` : ''}`;
}
