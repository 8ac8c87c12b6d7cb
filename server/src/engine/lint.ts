// The engine's entry point: text in, findings out. Used by the CLI, the
// language server and the tests alike.

import type { Glossary } from '../glossary/glossary';
import type { TermMatch } from '../glossary/termIndex';
import { Suppressions } from './directives';
import { DocumentEvidence, type Bibliography } from './evidence';
import { documentKind, parseDocument, type ParsedDocument } from './parse';
import { RULES } from './rules';
import { claimsOf } from './rules/claims';
import type { Report, RuleContext } from './rules/rule';
import { SEVERITIES, type Finding, type Severity, type SeveritySetting } from './types';

export interface LintOptions {
  glossary: Glossary;
  /** Severity per rule id, or 'off'. Unlisted rules use their default. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** A VS Code language id or a file name; decides Markdown, MDX or plain text. */
  language?: string;
  /** The document's bibliography (from `bibliography:` in its front matter), if the caller read it. */
  bibliography?: Bibliography;
}

export interface LintResult {
  findings: Finding[];
  document: ParsedDocument;
  /** Every glossary term found in prose (hover reads these). */
  matches: TermMatch[];
  /** Treatment claims and evidence frames, and how many have an evidence marker. */
  claims: ClaimSummary;
}

export interface ClaimSummary {
  total: number;
  cited: number;
  uncited: number;
}

export function lint(text: string, options: LintOptions): LintResult {
  const doc = parseDocument(text, documentKind(options.language));
  const suppressions = new Suppressions(doc);
  const matches: TermMatch[] = [];
  const findings: Finding[] = [];
  const active = RULES.filter((rule) => (options.rules?.[rule.id] ?? rule.defaultSeverity) !== 'off');
  const byBlock = doc.blocks.map((block) => {
    const blockMatches: TermMatch[] = [];
    for (const sentence of block.sentences) options.glossary.index.matchSentence(block, sentence, blockMatches);
    matches.push(...blockMatches);
    return blockMatches;
  });
  const matchesOf = (index: number) => byBlock[index] ?? [];
  const evidence = new DocumentEvidence(doc, options.bibliography, /\.(qmd|rmd)$|^(quarto|rmd)$/i.test(options.language ?? ''));
  const claims: ClaimSummary = { total: 0, cited: 0, uncited: 0 };
  for (const block of doc.blocks) {
    const context: RuleContext = { doc, glossary: options.glossary, block, matches: byBlock[block.index], matchesOf, evidence };
    for (const s of claimsOf(context)) {
      if (!s.claim && s.frames.length === 0) continue;
      claims.total++;
      if (s.supported) claims.cited++;
      else claims.uncited++;
    }
    for (const rule of active) {
      if (block.topicHeading && !rule.readsTopicHeadings) continue;
      const configured = options.rules?.[rule.id] as Severity | undefined;
      rule.check(context, (report: Report) => {
        if (suppressions.isSuppressed(rule.id, report.start)) return;
        const { hedged, ...finding } = report;
        findings.push({ ruleId: rule.id, severity: severityOf(configured ?? rule.defaultSeverity, hedged), ...finding });
      });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings, document: doc, matches, claims };
}

function severityOf(base: Severity, hedged: boolean | undefined): Severity {
  if (!hedged) return base;
  return SEVERITIES[Math.min(SEVERITIES.indexOf(base) + 1, SEVERITIES.length - 1)];
}
