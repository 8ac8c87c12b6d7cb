// The registry of rules. A rule object is the one home of its metadata (id,
// default severity, description): the catalog, SARIF descriptors and, through
// scripts/rule-docs.ts at build time, the package.json settings schema, the
// README rule table and docs/rules/README.md are made from it.

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

/** Every rule, in the order the rule lists show them. Adding a rule: its module, a line here, its page in docs/rules/. */
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

/** What configuration, settings and output formats know of each rule: the rule objects themselves. */
export type CatalogEntry = Pick<Rule, 'id' | 'defaultSeverity' | 'description'>;
export const CATALOG: readonly CatalogEntry[] = RULES;

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

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
