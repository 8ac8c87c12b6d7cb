// The engine's entry point: text in, findings out. Used by the CLI, the
// language server and the tests alike.

import type { Glossary } from '../glossary/glossary';
import type { TermMatch } from '../glossary/termIndex';
import { Suppressions } from './directives';
import { DocumentEvidence, type Bibliography } from './evidence';
import { documentKind, parseDocument, ParseCache, sentenceIndex, type Block, type ParsedDocument } from './parse';
import { RULES } from './rules';
import { claimsOf } from './rules/claims';
import type { Report, Rule, RuleContext } from './rules/rule';
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

/**
 * What one document's previous lint lends the next: parse results, and each
 * block's matches, findings and claim counts, kept while the block, its
 * heading, its list's lead and the shared inputs (citation style, footnotes,
 * bibliography, glossary, settings) are unchanged. One per open document.
 */
export class LintCache {
  readonly parse = new ParseCache();
  /** Keyed by the Block objects the parse cache reuses for unchanged text. */
  private readonly blocks = new WeakMap<Block, CachedBlock>();

  get(block: Block, context: BlockContext): BlockResult | undefined {
    const hit = this.blocks.get(block);
    return hit && hit.context.shared === context.shared && hit.context.heading === context.heading && hit.context.lead === context.lead ? hit.result : undefined;
  }

  set(block: Block, context: BlockContext, result: BlockResult): void {
    this.blocks.set(block, { context, result });
  }
}

/** What a block's rules read besides the block itself: the shared inputs, its heading and its list's lead (by identity: reused blocks are unchanged). */
interface BlockContext {
  shared: string;
  heading?: Block;
  lead?: Block;
}

interface CachedBlock {
  context: BlockContext;
  result: BlockResult;
}

/** A block's term matches, findings (before inline directives) and claim counts, offsets relative to the block's start. */
interface BlockResult {
  matches: { sentence: number; first: number; last: number; start: number; end: number; entryIds: string[]; surfaces: TermMatch['surfaces']; quoted: boolean }[];
  findings: Finding[];
  claims: ClaimSummary;
}

export function lint(text: string, options: LintOptions & { cache?: LintCache }): LintResult {
  const cache = options.cache;
  const doc = parseDocument(text, documentKind(options.language), cache?.parse);
  const suppressions = new Suppressions(doc);
  const matches: TermMatch[] = [];
  const findings: Finding[] = [];
  const active = RULES.filter((rule) => (options.rules?.[rule.id] ?? rule.defaultSeverity) !== 'off');
  const evidence = new DocumentEvidence(doc, options.bibliography, /\.(qmd|rmd)$|^(quarto|rmd)$/i.test(options.language ?? ''));
  // Inputs shared by every block: a change to any of them invalidates all cached block results.
  const shared = cache
    ? JSON.stringify([options.glossary.version, options.rules ?? {}, evidence.style, [...evidence.footnotes].sort(), options.bibliography ? [...options.bibliography.keys].sort() : null])
    : '';
  // Pass 1: term matches of every block (rules of one block may read another's: a list's lead).
  const contexts = doc.blocks.map((block): BlockContext => ({
    shared,
    heading: block.heading !== undefined ? doc.blocks[block.heading] : undefined,
    lead: block.list?.lead !== undefined ? doc.blocks[block.list.lead] : undefined,
  }));
  const cached = doc.blocks.map((block) => cache?.get(block, contexts[block.index]));
  const byBlock = doc.blocks.map((block, i) => {
    const hit = cached[i];
    const blockMatches: TermMatch[] = [];
    if (hit) {
      for (const m of hit.matches) {
        const sentence = block.sentences[m.sentence];
        blockMatches.push({ ...m, block, sentence, start: m.start + block.start, end: m.end + block.start });
      }
    } else {
      for (const sentence of block.sentences) options.glossary.index.matchSentence(block, sentence, blockMatches);
    }
    matches.push(...blockMatches);
    return blockMatches;
  });
  const matchesOf = (index: number) => byBlock[index] ?? [];
  // Pass 2: rules, for blocks whose inputs changed.
  const claims: ClaimSummary = { total: 0, cited: 0, uncited: 0 };
  for (const block of doc.blocks) {
    let result = cached[block.index];
    if (!result) {
      const context: RuleContext = { doc, glossary: options.glossary, block, matches: byBlock[block.index], matchesOf, evidence };
      result = lintBlock(context, active, options.rules);
      cache?.set(block, contexts[block.index], result);
    }
    claims.total += result.claims.total;
    claims.cited += result.claims.cited;
    claims.uncited += result.claims.uncited;
    for (const f of result.findings) {
      const finding = shift(f, block.start);
      if (!suppressions.isSuppressed(finding.ruleId, finding.start)) findings.push(finding);
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings, document: doc, matches, claims };
}

function lintBlock(context: RuleContext, active: readonly Rule[], rules: LintOptions['rules']): BlockResult {
  const { block } = context;
  const matches = context.matches.map((m) => ({
    sentence: sentenceIndex(block, m.sentence),
    first: m.first,
    last: m.last,
    start: m.start - block.start,
    end: m.end - block.start,
    entryIds: m.entryIds,
    surfaces: m.surfaces,
    quoted: m.quoted,
  }));
  const claims: ClaimSummary = { total: 0, cited: 0, uncited: 0 };
  for (const s of claimsOf(context)) {
    if (!s.claim && s.frames.length === 0) continue;
    claims.total++;
    if (s.supported) claims.cited++;
    else claims.uncited++;
  }
  const findings: Finding[] = [];
  const base = context.block.start;
  for (const rule of active) {
    if (context.block.topicHeading && !rule.readsTopicHeadings) continue;
    const configured = rules?.[rule.id] as Severity | undefined;
    rule.check(context, (report: Report) => {
      const { hedged, ...finding } = report;
      findings.push(shift({ ruleId: rule.id, severity: severityOf(configured ?? rule.defaultSeverity, hedged), ...finding }, -base));
    });
  }
  return { matches, findings, claims };
}

function shift(f: Finding, by: number): Finding {
  if (by === 0) return f;
  return {
    ...f,
    start: f.start + by,
    end: f.end + by,
    fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })),
  };
}

function severityOf(base: Severity, hedged: boolean | undefined): Severity {
  if (!hedged) return base;
  return SEVERITIES[Math.min(SEVERITIES.indexOf(base) + 1, SEVERITIES.length - 1)];
}
