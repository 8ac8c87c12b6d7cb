// term/stigmatizing: language that labels or stigmatizes people with a
// condition (glossary entries with `avoid.rule: stigmatizing`).

import { checkAvoidedWording } from './avoidedWording';
import type { Rule } from './rule';

export const termStigmatizing: Rule = {
  id: 'term/stigmatizing',
  defaultSeverity: 'information',
  description: 'Language that labels or stigmatizes people with a condition, with person-first or community-preferred rewrites.',
  check: (context, report) => checkAvoidedWording('stigmatizing', context, report),
};
