// term/imprecise: inaccurate, misleading or ambiguous wording (glossary
// entries with `avoid.rule: imprecise`, largely Lilienfeld et al., 2015).

import { checkAvoidedWording } from './avoidedWording';
import type { Rule } from './rule';

export const termImprecise: Rule = {
  id: 'term/imprecise',
  defaultSeverity: 'information',
  description: 'Inaccurate, misleading or ambiguous wording, with the rewrites the glossary prefers.',
  check: (context, report) => checkAvoidedWording('imprecise', context, report),
};
