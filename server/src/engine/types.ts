// Shared shapes of the engine: one finding type and one fix type for the CLI,
// the language server and the tests alike. Offsets are UTF-16 code-unit
// indices into the original text (JavaScript string indices).

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Severities from most to least severe; index order is used for comparisons. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type SeveritySetting = Severity | 'off';

/** What a rule's severity may be set to, in configuration and editor settings. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = [...SEVERITIES, 'off'];

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes may be applied without review (`psylint --fix`, fix all, fix on save). */
  safe: boolean;
  /** The best of a finding's fixes; shown first and marked preferred in the editor. */
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** Glossary ids involved (empty for claim rules). */
  terms: string[];
  fixes: Fix[];
}

/** One step less severe, used for hedged wording. */
export function lowerSeverity(severity: Severity): Severity {
  const index = SEVERITIES.indexOf(severity);
  return SEVERITIES[Math.min(index + 1, SEVERITIES.length - 1)];
}

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
