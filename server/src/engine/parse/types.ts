// The shapes the parse produces and the rules read: ranges, blocks, the
// document's own facts. Offsets are into the original text.

import type { Range } from './range';
import type { Sentence } from './sentences';

export type { Range } from './range';

export type DocumentKind = 'markdown' | 'mdx' | 'plaintext';

export function documentKind(languageIdOrPath: string | undefined): DocumentKind {
  const id = (languageIdOrPath ?? '').toLowerCase();
  if (id === 'plaintext' || id.endsWith('.txt')) return 'plaintext';
  if (id === 'mdx' || id.endsWith('.mdx')) return 'mdx';
  return 'markdown';
}

export type BlockKind = 'paragraph' | 'heading' | 'tableCell';

export interface Block extends Range {
  kind: BlockKind;
  /** Heading depth (1-6) for headings. */
  depth?: number;
  /** A heading that only names a topic (no sentence punctuation): never a finding. */
  topicHeading: boolean;
  /** For a paragraph inside a list item: the list's start, the item's number and range. */
  list?: { start: number; item: number; itemStart: number; itemEnd: number };
  /** Ranges inside the block that are not prose (inline code, URLs, HTML, citekeys). */
  masked: Range[];
  /** Quoted speech ("..." and “...”): never a finding. */
  quotes: Range[];
  /** The block's source with the masked ranges blanked (same length): what tokens are read from. */
  prose: string;
  sentences: Sentence[];
}

/** What the rules and evidence checks read of a whole document, besides its blocks. */
export interface DocumentFacts {
  text: string;
  frontMatter?: Range & { value: string };
  citations: CitationCounts;
  /** Ids of footnotes defined in the document ([^id]: ...). */
  footnotes: ReadonlySet<string>;
  /** Names the document defines as treatments ("Tapping is a technique ..."), lower case, sorted. */
  treatmentNames: readonly string[];
}

/** How many citations of each style a text holds: the document's style is the most used one. */
export interface CitationCounts {
  pandoc: number;
  apa: number;
  numeric: number;
}

export function addCitations(to: CitationCounts, counts: CitationCounts): void {
  to.pandoc += counts.pandoc;
  to.apa += counts.apa;
  to.numeric += counts.numeric;
}

/** A top-level node of a unit and what it produced. */
export interface UnitItem extends Range {
  /** For a heading: its depth and whether it opens a reference section. */
  heading?: { depth: number; references: boolean };
  blocks: Block[];
  excluded: Range[];
  comments: Range[];
}
