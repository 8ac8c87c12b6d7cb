// What a rule is: a frame-checker over one prose block. Rules read the
// glossary for *which* terms are involved and never name clinical terms.

import type { Glossary } from '../../glossary/glossary';
import type { TermMatch } from '../../glossary/termIndex';
import type { DocumentEvidence } from '../evidence';
import type { Block, DocumentFacts } from '../parse/types';
import type { Finding, Severity } from '../types';

export interface RuleContext {
  doc: DocumentFacts;
  glossary: Glossary;
  block: Block;
  /** Glossary term matches in this block, in order; quoted ones included (rules skip them). */
  matches: TermMatch[];
  /** The heading this block sits under, if any. */
  heading(): ContextBlock | undefined;
  /** The headings over that one, nearest first. */
  above(): ContextBlock[];
  /** For a paragraph in a list: the block that leads into the list (a lead sentence or heading), if any. */
  lead(): ContextBlock | undefined;
  /** Evidence markers and the citation style of the document. */
  evidence: DocumentEvidence;
}

/** Another block a rule reads, with its glossary term matches. */
export interface ContextBlock {
  block: Block;
  matches: TermMatch[];
}

/** A finding as a rule reports it; lint() adds the rule id and final severity. */
export interface Report extends Omit<Finding, 'ruleId' | 'severity'> {
  /** Hedged wording ("may help"): reported one severity lower. */
  hedged?: boolean;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One line for the rule list, settings and docs. */
  description: string;
  /** Also run on headings that only name a topic (skipped by default: they assert nothing). */
  readsTopicHeadings?: boolean;
  check(context: RuleContext, report: (finding: Report) => void): void;
}
