// Resolving what applies to one file: its configuration and its glossary.
// Shared by the CLI and the language server so both lint a file the same way.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, findConfigFile, loadConfigFile, WORKSPACE_GLOSSARY, type Config, type ConfigProblem } from './config';
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

/** Caches configuration and glossary per configuration file (the CLI's view; the server keeps its own). */
export class SettingsResolver {
  private readonly byConfig = new Map<string, Settings>();
  private readonly store = new GlossaryStore();

  constructor(
    private readonly cwd: string,
    private readonly explicitConfig?: string,
    /** The user said so (--allow-outside-glossaries): glossaries may lie outside the working directory. */
    private readonly allowOutside = false,
  ) {}

  forFile(file: string): Settings {
    const configFile = this.explicitConfig ?? findConfigFile(path.dirname(path.resolve(this.cwd, file)));
    const key = configFile ?? '';
    let settings = this.byConfig.get(key);
    if (!settings) {
      const { config, problems } = configFile ? loadConfigFile(configFile) : { config: defaultConfig(), problems: [] };
      const { files: glossaryFiles, refused } = glossaryFilesFor(config, this.cwd, [], this.allowOutside);
      const build = this.store.build(glossaryFiles);
      settings = { config, configProblems: problems, glossary: build.glossary, glossaryProblems: [...refused, ...build.problems], glossaryFiles };
      this.byConfig.set(key, settings);
    }
    return settings;
  }
}
