// The engine's entry point: text in, findings out. Used by the CLI, the
// language server and the tests alike.
//
// A document is linted one parse unit at a time: the unit is parsed, its
// blocks are linted, and only a compact record of it is kept (an outline of
// its blocks, and each block's findings, term matches and claim counts),
// never the blocks themselves, so memory stays small on book-length drafts.
// With a cache (one per open document) the next lint reuses the records of
// units whose text is unchanged and lints again only the blocks whose inputs
// changed; a unit is parsed again only when one of its blocks must be.

import type { Glossary } from '../glossary/glossary';
import type { Surface, TermMatch } from '../glossary/termIndex';
import { dialectOfFrontMatter, respellFinding, type DialectSetting } from './dialect';
import { Suppressions } from './directives';
import { keepShapesOf } from './keptShapes';
import { DocumentEvidence, type Bibliography } from './evidence';
import { buildUnit } from './parse/blocks';
import { Outliner } from './parse/outliner';
import { addCitations, documentKind, type Block, type DocumentFacts, type Range, type UnitItem } from './parse/types';
import { layoutUnits, unitFacts, unitStart, type Layout, type Unit, type UnitFacts } from './parse/units';
import { RULES } from './rules';
import { claimsOf } from './rules/claims';
import type { ContextBlock, Report, Rule, RuleContext } from './rules/rule';
import { finish, inSlices, type Steps } from './steps';
import { detach, textKey } from './text';
import { lowerSeverity, type Finding, type Severity, type SeveritySetting } from './types';

export interface LintOptions {
  glossary: Glossary;
  /** Severity per rule id, or 'off'. Unlisted rules use their default. */
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** A VS Code language id or a file name; decides Markdown, MDX or plain text. */
  language?: string;
  /** The document's bibliography (from `bibliography:` in its front matter), if the caller read it. */
  bibliography?: Bibliography;
  /** Wordings the workspace accepts (`accept:` in .psylint.yaml): no term rule reports them. */
  accept?: readonly string[];
  /** Spelling of the text Psylint writes (fixes, suggested wording): `lang:` in the front matter wins; 'auto' or none keeps the glossary's. */
  dialect?: DialectSetting;
}

/** A glossary term found in prose, at its place in the document. */
export interface PlacedMatch {
  start: number;
  end: number;
  entryIds: string[];
  surfaces: Surface[];
  /** Inside quotation marks (rules skip it; hovers still show it). */
  quoted: boolean;
}

export interface LintResult {
  findings: Finding[];
  /** Every glossary term found in prose, in document order (hover reads these). */
  matches: PlacedMatch[];
  /** Treatment claims and evidence frames, and how many have an evidence marker. */
  claims: ClaimSummary;
}

export interface ClaimSummary {
  total: number;
  cited: number;
  uncited: number;
}

/** What one document's previous lint lends the next: its parse units, each carrying its record. One per open document. */
export class LintCache {
  last?: Layout<UnitRecord>;
}

/** What is kept of a parse unit while its text is unchanged: its facts, and once parsed, its outline. */
interface UnitRecord extends UnitFacts {
  outline: Outline | undefined;
}

/** A parsed unit, without its blocks. Offsets are relative to the unit's start. */
interface Outline {
  /** Top-level items as [code, block count] pairs: code 0 for a run of items that are not headings, else heading depth × 2, plus 1 if it opens a reference section. */
  items: number[];
  /** Every block of the unit, in order (those in a reference section too: whether they are depends on the units before). */
  blocks: BlockRecord[];
  /** HTML comments, where inline directives live. */
  comments: Range[];
}

/**
 * A block of a unit, and its last lint result with the inputs it was computed
 * from. While the unit's text is unchanged the record stands for the block's
 * text, so a block whose heading and list lead have the same text (keyOf),
 * linted with the same shared inputs, has the same result: typing in a unit
 * that holds a heading makes a new record of the heading, not a new heading.
 */
class BlockRecord {
  shared = '';
  heading: string | undefined = undefined;
  lead: string | undefined = undefined;
  result: BlockResult | undefined = undefined;
  #key: string | undefined = undefined;
  /**
   * As a heading or list lead of other blocks: its parsed block and matches, with the unit start and
   * shared inputs they were made at. Typing below a heading does not move it, so the blocks relinted
   * under it need not parse its unit again. Only headings and leads keep one (a book's blocks would be millions).
   */
  context: { block: ContextBlock; unitStart: number; shared: string } | undefined = undefined;

  constructor(
    /** The block's start, relative to its unit. */
    readonly offset: number,
    /** Heading depth (1-6, or 0 for other blocks), plus 8 for a block in a list. */
    readonly shape: number,
    readonly length: number,
  ) {}

  /** Its shape and text, as a key (the record's text never changes). */
  keyOf(text: string, unitStart: number): string {
    const start = unitStart + this.offset;
    return (this.#key ??= `${this.shape}|${textKey(text, start, start + this.length)}`);
  }
}

keepShapesOf(new BlockRecord(0, 0, 0));

/** A block's findings (before inline directives), term matches and claim counts; offsets relative to the block's start. */
interface BlockResult {
  findings: Finding[];
  matches: PlacedMatch[];
  claims: number;
  cited: number;
}

/** The result of most blocks, shared. */
const NOTHING: BlockResult = Object.freeze({ findings: [], matches: [], claims: 0, cited: 0 });
const NO_RANGES: Range[] = [];

/**
 * A heading or list lead during one lint: its record, and its block with its
 * matches, kept from when it was linted, or parsed again on first use.
 */
interface Slot {
  record: BlockRecord;
  unit: Unit<UnitRecord>;
  local: number;
  context: ContextBlock | undefined;
}

export function lint(text: string, options: LintOptions & { cache?: LintCache }): LintResult {
  return finish(lintSteps(text, options));
}

/** lint() in time slices, for the language server: undefined once `stillWanted()` says no (checked between slices). */
export function lintAsync(text: string, options: LintOptions & { cache?: LintCache }, stillWanted: () => boolean): Promise<LintResult | undefined> {
  return inSlices(lintSteps(text, options), stillWanted);
}

/** lint(), yielding after each unit read or parsed and each block linted. Stopping between steps leaves the cache usable. */
export function* lintSteps(text: string, options: LintOptions & { cache?: LintCache }): Steps<LintResult> {
  const { cache, glossary } = options;
  const layout = layoutUnits(text, documentKind(options.language), cache?.last);
  if (cache) cache.last = layout;

  // First the document's facts, read from each unit's text without parsing: the rules of every block depend on them.
  const facts = { text, citations: { pandoc: 0, apa: 0, numeric: 0 }, footnotes: new Set<string>(), frontMatter: undefined as DocumentFacts['frontMatter'], treatmentNames: [] as string[] };
  const treatmentNames = new Set<string>();
  for (const unit of layout.units) {
    if (!unit.record) {
      const f = unitFacts(layout, unit);
      unit.record = { citations: f.citations, footnotes: f.footnotes, frontMatter: f.frontMatter, treatmentNames: f.treatmentNames, outline: undefined };
      yield;
    }
    const record = unit.record;
    addCitations(facts.citations, record.citations);
    for (const id of record.footnotes) facts.footnotes.add(id);
    for (const name of record.treatmentNames) treatmentNames.add(name);
    if (record.frontMatter) {
      const start = unitStart(layout, unit);
      facts.frontMatter = { start: record.frontMatter.start + start, end: record.frontMatter.end + start, value: record.frontMatter.value };
    }
  }
  facts.treatmentNames = [...treatmentNames].sort();
  const evidence = new DocumentEvidence(facts, options.bibliography, /\.(qmd|rmd)$|^(quarto|rmd)$/i.test(options.language ?? ''));
  const active = RULES.filter((rule) => (options.rules?.[rule.id] ?? rule.defaultSeverity) !== 'off');
  // Inputs shared by every block: a change to any of them invalidates every block's result.
  // (The names a document defines are one: a definition added anywhere makes that name a treatment in every block.)
  const shared = JSON.stringify([glossary.version, options.rules ?? {}, evidence.style, [...evidence.footnotes].sort(), options.bibliography ? [...options.bibliography.keys].sort() : null, facts.treatmentNames]);

  const blocksIn = (items: UnitItem[]): Block[] => items.flatMap((item) => item.blocks);
  // The unit parsed last in this lint, and its blocks: a block and its heading or lead are often in the same unit.
  let parsed: { unit: Unit<UnitRecord>; blocks: Block[] } | undefined;
  const blocksOf = (unit: Unit<UnitRecord>): Block[] => (parsed?.unit === unit ? parsed : (parsed = { unit, blocks: blocksIn(buildUnit(layout, unit)) })).blocks;
  const matchesIn = (block: Block): TermMatch[] => {
    const out: TermMatch[] = [];
    for (const sentence of block.sentences) glossary.index.matchSentence(block, sentence, out);
    return out;
  };
  const resolve = (slot: Slot | undefined): ContextBlock | undefined => {
    if (slot && !slot.context) {
      const kept = slot.record.context;
      if (kept && kept.unitStart === unitStart(layout, slot.unit) && kept.shared === shared) {
        slot.context = kept.block;
      } else {
        // Not linted in this lint: its unit is parsed again (the same text gives the same blocks).
        const block = blocksOf(slot.unit)[slot.local];
        slot.context = { block, matches: matchesIn(block) };
      }
    }
    // Kept for the next lints (only headings and leads are ever resolved).
    if (slot?.context && slot.record.context?.block !== slot.context) slot.record.context = { block: slot.context, unitStart: unitStart(layout, slot.unit), shared };
    return slot?.context;
  };

  const outliner = new Outliner<Slot>();
  const findings: Finding[] = [];
  const matches: PlacedMatch[] = [];
  const comments: Range[] = [];
  const claims: ClaimSummary = { total: 0, cited: 0, uncited: 0 };
  for (const unit of layout.units) {
    const record = unit.record!;
    const start = unitStart(layout, unit);
    // The unit's blocks, once parsed in this lint.
    let blocks: Block[] | undefined;
    if (!record.outline) {
      const items = buildUnit(layout, unit);
      record.outline = outlineOf(items, start);
      blocks = blocksIn(items);
      parsed = { unit, blocks };
      yield;
    }
    const outline = record.outline;
    for (const c of outline.comments) comments.push({ start: c.start + start, end: c.end + start });
    let local = 0;
    for (let i = 0; i < outline.items.length; i += 2) {
      const code = outline.items[i];
      const end = local + outline.items[i + 1];
      if (!outliner.item(code ? { depth: code >> 1, references: (code & 1) === 1 } : undefined)) {
        local = end;
        continue;
      }
      for (; local < end; local++) {
        const rec = outline.blocks[local];
        const slot: Slot = { record: rec, unit, local, context: undefined };
        const placed = outliner.block(rec.shape & 7 || undefined, rec.shape >= 8, slot);
        const heading = placed.heading?.ref;
        const lead = placed.lead?.ref;
        // The heading's key, and those of the headings over it: rules read the whole chain.
        let headingKey = heading && heading.record.keyOf(layout.analysis, unitStart(layout, heading.unit));
        for (const h of placed.above) headingKey += '\u0000' + h.record.keyOf(layout.analysis, unitStart(layout, h.unit));
        const leadKey = lead && lead.record.keyOf(layout.analysis, unitStart(layout, lead.unit));
        if (!rec.result || rec.shared !== shared || rec.heading !== headingKey || rec.lead !== leadKey) {
          blocks ??= blocksOf(unit);
          const block = blocks[local];
          const blockMatches = matchesIn(block);
          slot.context = { block, matches: blockMatches };
          const context: RuleContext = { doc: facts, glossary, block, matches: blockMatches, evidence, heading: () => resolve(heading), above: () => placed.above.map(resolve) as ContextBlock[], lead: () => resolve(lead) };
          rec.result = lintBlock(context, active, options.rules);
          rec.shared = shared;
          rec.heading = headingKey;
          rec.lead = leadKey;
          for (const sentence of block.sentences) sentence.releaseTokens();
          yield;
        }
        const result = rec.result;
        if (result === NOTHING) continue;
        const base = start + rec.offset;
        for (const m of result.matches) matches.push({ start: m.start + base, end: m.end + base, entryIds: m.entryIds, surfaces: m.surfaces, quoted: m.quoted });
        for (const f of result.findings) findings.push(shift(f, base));
        claims.total += result.claims;
        claims.cited += result.cited;
      }
    }
  }
  claims.uncited = claims.total - claims.cited;
  const suppressions = new Suppressions(text, comments, options.accept);
  let kept = findings.filter((f) => !suppressions.hides(f));
  // Respelled last, so the per-block results (and the cache) do not depend on the dialect.
  const dialect = (facts.frontMatter && dialectOfFrontMatter(facts.frontMatter.value)) ?? (options.dialect === 'auto' ? undefined : options.dialect);
  if (dialect) kept = kept.map((f) => respellFinding(f, dialect, text));
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { findings: kept, matches, claims };
}

/** What is kept of a parsed unit; `items` are at their places in the document, the unit starting at `start`. */
function outlineOf(items: UnitItem[], start: number): Outline {
  const codes: number[] = [];
  const blocks: BlockRecord[] = [];
  const comments: Range[] = [];
  for (const item of items) {
    for (const c of item.comments) comments.push({ start: c.start - start, end: c.end - start });
    const count = item.blocks.length;
    if (item.heading) codes.push(item.heading.depth * 2 + (item.heading.references ? 1 : 0), count);
    else if (count === 0) continue;
    else if (codes.length > 0 && codes[codes.length - 2] === 0) codes[codes.length - 1] += count;
    else codes.push(0, count);
    for (const block of item.blocks) blocks.push(new BlockRecord(block.start - start, (block.kind === 'heading' ? block.depth! : 0) + (block.list ? 8 : 0), block.end - block.start));
  }
  return { items: codes, blocks, comments: comments.length ? comments : NO_RANGES };
}

function lintBlock(context: RuleContext, active: readonly Rule[], rules: LintOptions['rules']): BlockResult {
  const base = context.block.start;
  let claims = 0;
  let cited = 0;
  for (const s of claimsOf(context)) {
    if (!s.claim && s.frames.length === 0) continue;
    claims++;
    if (s.supported) cited++;
  }
  const findings: Finding[] = [];
  for (const rule of active) {
    if (context.block.topicHeading && !rule.readsTopicHeadings) continue;
    const severity = (rules?.[rule.id] as Severity | undefined) ?? rule.defaultSeverity;
    rule.check(context, (report: Report) => {
      const { hedged, ...finding } = report;
      findings.push(kept(shift({ ruleId: rule.id, severity: hedged ? lowerSeverity(severity) : severity, ...finding }, -base)));
    });
  }
  if (findings.length === 0 && context.matches.length === 0 && claims === 0) return NOTHING;
  const matches = context.matches.map((m): PlacedMatch => ({ start: m.start - base, end: m.end - base, entryIds: m.entryIds, surfaces: m.surfaces, quoted: m.quoted }));
  return { findings, matches, claims, cited };
}

/** A finding to keep across lints: its strings detached from the document's text (see detach). */
function kept(f: Finding): Finding {
  return {
    ...f,
    message: detach(f.message),
    fixes: f.fixes.map((x) => ({ ...x, title: detach(x.title), edits: x.edits.map((e) => ({ ...e, text: detach(e.text) })) })),
  };
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
