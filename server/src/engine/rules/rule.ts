// What a rule is: a frame-checker over one prose block. Rules read the
// glossary for *which* terms are involved and never name clinical terms.

import type { Glossary } from '../../glossary/glossary';
import type { TermMatch } from '../../glossary/termIndex';
import type { DocumentEvidence } from '../evidence';
import type { Block, ParsedDocument } from '../parse';
import type { Finding, Severity } from '../types';

export interface RuleContext {
  doc: ParsedDocument;
  glossary: Glossary;
  block: Block;
  /** Glossary term matches in this block, in order; quoted ones included (rules skip them). */
  matches: TermMatch[];
  /** Term matches of any block (e.g. the lead sentence of a list, a parent heading). */
  matchesOf(blockIndex: number): TermMatch[];
  /** Evidence markers and the citation style of the document. */
  evidence: DocumentEvidence;
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
