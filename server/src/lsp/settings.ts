// Editor settings (`psylint.*`) and how they layer over `.psylint.yaml`.

import { SEVERITY_SETTINGS, type SeveritySetting } from '../engine/types';
import { isRuleId } from '../engine/rules';
import { DIALECTS, type Dialect } from '../engine/dialect';

export interface EditorSettings {
  enable: boolean;
  /** Severity per rule id or 'off'; overrides .psylint.yaml. */
  rules: Record<string, SeveritySetting>;
  /** Extra glossary files (absolute, or relative to the workspace folder). */
  glossaries: string[];
  run: 'onType' | 'onSave';
  /** Glossary files outside the workspace may be read (an application-scoped setting: a workspace cannot set it). */
  allowGlossariesOutsideWorkspace: boolean;
  /** Spelling of the text Psylint writes (psylint.dialect); over `dialect:` in .psylint.yaml, as psylint.rules is over `rules:`; `lang:` in front matter wins. */
  dialect?: Dialect;
}

export const DEFAULT_SETTINGS: EditorSettings = { enable: true, rules: {}, glossaries: [], run: 'onType', allowGlossariesOutsideWorkspace: false };

/** Accept whatever the client sends and keep only well-formed values. */
export function sanitizeSettings(raw: unknown): EditorSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (isRuleId(id) && typeof severity === 'string' && SEVERITY_SETTINGS.includes(severity as SeveritySetting)) rules[id] = severity as SeveritySetting;
    }
  }
  return {
    enable: value.enable !== false,
    rules,
    glossaries: Array.isArray(value.glossaries) ? value.glossaries.filter((g): g is string => typeof g === 'string' && g.length > 0) : [],
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    allowGlossariesOutsideWorkspace: value.allowGlossariesOutsideWorkspace === true,
    dialect: DIALECTS.find((d) => d === value.dialect),
  };
}

