// The engine's entry point: text in, findings out. Used by the CLI, the
// language server and the tests alike.

import type { Glossary } from '../glossary/glossary';
import type { TermMatch } from '../glossary/termIndex';
import { Suppressions } from './directives';
import { DocumentEvidence, type Bibliography } from './evidence';
import { documentKind, parseSteps, ParseCache, sentenceIndex, type Block, type ParsedDocument } from './parse';
import { RULES } from './rules';
import { claimsOf } from './rules/claims';
import type { Report, Rule, RuleContext } from './rules/rule';
import { finish, inSlices, type Steps } from './steps';
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

  get(block: Block, shared: string, heading: Block | undefined, lead: Block | undefined): CachedBlock | undefined {
    const hit = this.blocks.get(block);
    return hit && hit.shared === shared && hit.heading === heading && hit.lead === lead ? hit : undefined;
  }

  set(block: Block, entry: CachedBlock): void {
    this.blocks.set(block, entry);
  }
}

/** A block's result and what it was computed from: the shared inputs, its heading and its list's lead (by identity: reused blocks are unchanged). */
interface CachedBlock {
  shared: string;
  heading?: Block;
  lead?: Block;
  result: BlockResult;
  /** The block's matches at absolute offsets, and the block start they are for: reused while the block has not moved. */
  placed: { start: number; matches: TermMatch[] };
}

/** A block's term matches, findings (before inline directives) and claim counts, offsets relative to the block's start. */
interface BlockResult {
  matches: { sentence: number; first: number; last: number; start: number; end: number; entryIds: string[]; surfaces: TermMatch['surfaces']; quoted: boolean }[];
  findings: Finding[];
  claims: ClaimSummary;
}

export function lint(text: string, options: LintOptions & { cache?: LintCache }): LintResult {
  return finish(lintSteps(text, options));
}

/** lint() in time slices, for the language server: undefined once `stillWanted()` says no (checked between slices). */
export function lintAsync(text: string, options: LintOptions & { cache?: LintCache }, stillWanted: () => boolean): Promise<LintResult | undefined> {
  return inSlices(lintSteps(text, options), stillWanted);
}

/** lint(), yielding after each parse unit built and each block linted. */
function* lintSteps(text: string, options: LintOptions & { cache?: LintCache }): Steps<LintResult> {
  const cache = options.cache;
  const doc = yield* parseSteps(text, documentKind(options.language), cache?.parse);
  const suppressions = new Suppressions(doc);
  const matches: TermMatch[] = [];
  const findings: Finding[] = [];
  const active = RULES.filter((rule) => (options.rules?.[rule.id] ?? rule.defaultSeverity) !== 'off');
  const evidence = new DocumentEvidence(doc, options.bibliography, /\.(qmd|rmd)$|^(quarto|rmd)$/i.test(options.language ?? ''));
  // Inputs shared by every block: a change to any of them invalidates all cached block results.
  const shared = cache
    ? JSON.stringify([options.glossary.version, options.rules ?? {}, evidence.style, [...evidence.footnotes].sort(), options.bibliography ? [...options.bibliography.keys].sort() : null])
    : '';
  // One pass in document order: a block's rules read its own matches and those of its heading and its list's lead, which come before it.
  const byBlock: TermMatch[][] = [];
  const matchesOf = (index: number) => byBlock[index] ?? [];
  const claims: ClaimSummary = { total: 0, cited: 0, uncited: 0 };
  for (const block of doc.blocks) {
    const heading = block.heading !== undefined ? doc.blocks[block.heading] : undefined;
    const lead = block.list?.lead !== undefined ? doc.blocks[block.list.lead] : undefined;
    const hit = cache?.get(block, shared, heading, lead);
    let result: BlockResult;
    let blockMatches: TermMatch[];
    if (hit) {
      result = hit.result;
      if (hit.placed.start !== block.start) {
        const moved: TermMatch[] = [];
        for (const m of result.matches) {
          const sentence = block.sentences[m.sentence];
          moved.push({ ...m, block, sentence, start: m.start + block.start, end: m.end + block.start });
        }
        hit.placed = { start: block.start, matches: moved };
      }
      blockMatches = hit.placed.matches;
    } else {
      blockMatches = [];
      for (const sentence of block.sentences) options.glossary.index.matchSentence(block, sentence, blockMatches);
      result = lintBlock({ doc, glossary: options.glossary, block, matches: blockMatches, matchesOf, evidence }, active, options.rules);
      cache?.set(block, { shared, heading, lead, result, placed: { start: block.start, matches: blockMatches } });
      for (const sentence of block.sentences) sentence.releaseTokens();
      yield;
    }
    byBlock[block.index] = blockMatches;
    for (const m of blockMatches) matches.push(m);
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
