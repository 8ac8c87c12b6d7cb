// The rule catalog of rules.md and the registry of implemented rules.

import type { Severity } from '../types';
import type { Rule } from './rule';
import { claimOverstated } from './claimOverstated';
import { claimUnsupported } from './claimUnsupported';
import { claimVagueAttribution } from './claimVagueAttribution';
import { termConflation } from './termConflation';
import { termImprecise } from './termImprecise';
import { termMisclassification } from './termMisclassification';
import { termMisdefinition } from './termMisdefinition';
import { termOutdated } from './termOutdated';
import { termStigmatizing } from './termStigmatizing';

export interface CatalogEntry {
  id: string;
  defaultSeverity: Severity;
  description: string;
}

/** Every rule id of the catalog (rules.md), implemented or not, so configuration can name them. */
export const CATALOG: readonly CatalogEntry[] = [
  { id: 'term/conflation', defaultSeverity: 'warning', description: 'Two terms the glossary marks as distinct are presented as the same thing.' },
  { id: 'term/misclassification', defaultSeverity: 'warning', description: 'X presented as a kind, type or example of Y when the glossary says it is not.' },
  { id: 'term/misdefinition', defaultSeverity: 'warning', description: "A term described with another concept's definition." },
  { id: 'term/outdated', defaultSeverity: 'warning', description: 'A renamed or retired diagnostic term.' },
  { id: 'term/stigmatizing', defaultSeverity: 'information', description: 'Language that labels or stigmatizes people with a condition.' },
  { id: 'term/imprecise', defaultSeverity: 'information', description: 'Inaccurate, misleading or ambiguous wording.' },
  { id: 'claim/unsupported', defaultSeverity: 'warning', description: 'A claim that a treatment works, with no evidence marker.' },
  { id: 'claim/vague-attribution', defaultSeverity: 'warning', description: '"Research shows", "studies have found" and the like, with no evidence marker.' },
  { id: 'claim/overstated', defaultSeverity: 'warning', description: 'Absolute outcome language: proven, cures, guaranteed, 100%.' },
];

/** Implemented rules, in catalog order. */
export const RULES: readonly Rule[] = [
  termConflation,
  termMisclassification,
  termMisdefinition,
  termOutdated,
  termStigmatizing,
  termImprecise,
  claimUnsupported,
  claimVagueAttribution,
  claimOverstated,
];

export const RULE_IDS: readonly string[] = CATALOG.map((r) => r.id);

export function isRuleId(id: string): boolean {
  return RULE_IDS.includes(id);
}

/** Where a rule's documentation lives, relative to the repository root. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id.replace('/', '-')}.md`;
}

/** The rule's documentation page on the web (used for diagnostic links). */
export const DOCS_BASE_URL = 'https://github.com/psylint/psylint/blob/main/';

export function ruleDocUrl(id: string): string {
  return DOCS_BASE_URL + ruleDocPath(id);
}
