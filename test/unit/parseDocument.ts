// The whole document parsed at once, for tests: the linter keeps one unit's
// blocks at a time (server/src/engine/lint.ts) and never needs this.

import { buildUnit } from '../../server/src/engine/parse/blocks';
import { Outliner } from '../../server/src/engine/parse/outliner';
import { addCitations, type Block, type CitationCounts, type DocumentKind, type Range } from '../../server/src/engine/parse/types';
import { layoutUnits, unitFacts, unitStart } from '../../server/src/engine/parse/units';
import { LineIndex } from '../../server/src/engine/text';

/** A block with its place in the outline: its number, the heading it sits under, and the block leading into its list. */
export interface OutlinedBlock extends Block {
  index: number;
  heading?: number;
  list?: NonNullable<Block['list']> & { lead?: number };
}

export interface ParsedDocument {
  text: string;
  kind: DocumentKind;
  lines: LineIndex;
  blocks: OutlinedBlock[];
  /** Ranges that are never prose: code, front matter, comments, quotes, reference sections. */
  excluded: Range[];
  frontMatter?: Range & { value: string };
  /** HTML comments outside code, where inline directives live. */
  comments: Range[];
  citations: CitationCounts;
  /** Ids of footnotes defined in the document ([^id]: ...). */
  footnotes: Set<string>;
  /** Names the document defines as treatments, lower case, sorted. */
  treatmentNames: string[];
}

export function parseDocument(text: string, kind: DocumentKind = 'markdown'): ParsedDocument {
  const layout = layoutUnits<never>(text, kind);
  const outliner = new Outliner<Block>();
  const blocks: OutlinedBlock[] = [];
  const excluded: Range[] = [];
  const comments: Range[] = [];
  const citations: CitationCounts = { pandoc: 0, apa: 0, numeric: 0 };
  const footnotes = new Set<string>();
  const treatmentNames = new Set<string>();
  let frontMatter: ParsedDocument['frontMatter'];
  for (const unit of layout.units) {
    const facts = unitFacts(layout, unit);
    addCitations(citations, facts.citations);
    for (const id of facts.footnotes) footnotes.add(id);
    for (const name of facts.treatmentNames) treatmentNames.add(name);
    const start = unitStart(layout, unit);
    if (facts.frontMatter) frontMatter = { start: facts.frontMatter.start + start, end: facts.frontMatter.end + start, value: facts.frontMatter.value };
    for (const item of buildUnit(layout, unit)) {
      comments.push(...item.comments);
      if (!outliner.item(item.heading)) {
        excluded.push({ start: item.start, end: item.end });
        continue;
      }
      excluded.push(...item.excluded);
      for (const block of item.blocks as OutlinedBlock[]) {
        const placed = outliner.block(block.kind === 'heading' ? block.depth : undefined, block.list !== undefined, block);
        block.index = placed.index;
        block.heading = placed.heading?.index;
        if (block.list) block.list.lead = placed.lead?.index;
        blocks.push(block);
      }
    }
  }
  return { text, kind, lines: new LineIndex(text), blocks, excluded, frontMatter, comments, citations, footnotes, treatmentNames: [...treatmentNames].sort() };
}
