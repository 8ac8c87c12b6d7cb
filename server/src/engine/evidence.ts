// Evidence markers (docs/architecture.md, "What is a marker"): APA in-text citations, numeric markers,
// Pandoc/Quarto/R Markdown citekeys, footnotes whose definitions exist, and
// links to a source (DOI, PubMed/PMC, journals, .gov/.edu). Also the
// document's citation style, for placeholders in the same style.

import { APA_NARRATIVE, apaParentheticals, CITEKEY, QUARTO_CROSSREF, NUMERIC_BRACKET, NUMERIC_PAREN_AT_END, SUPERSCRIPT } from './citations';
import { isEvidenceUrl } from './claims/language';
import type { DocumentFacts, Range } from './parse/types';
import { keepShapesOf } from './keptShapes';

export type CitationStyle = 'pandoc' | 'apa' | 'numeric';

export interface Marker extends Range {
  kind: 'apa' | 'numeric' | 'citekey' | 'footnote' | 'link';
  /** For citekeys: the keys, without @. */
  keys?: string[];
}

export interface Bibliography {
  /** The bibliography file(s) as named in front matter, for messages. */
  files: string[];
  keys: ReadonlySet<string>;
}

const FOOTNOTE_REF = /\[\^([^\]\s]+)\](?!:)/g;
// A bare URL may stand in parentheses, "(https://doi.org/...)"; only a Markdown link's "](" is read by the first branch.
const URL = /\]\((<?)(https?:\/\/[^)\s>]+)|<(https?:\/\/[^>\s]+)>|(?<!\]\(|[<\w])(https?:\/\/[^\s)\]>]+)|\bdoi:\s?10\.\d{4,9}\/\S+/gi;
/** Every marker holds one of these (a parenthesis, bracket, @, <sup>, superscript digit, URL or DOI): most sentences have none. */
const MARKER_HINT = /[([@<\u00b9\u00b2\u00b3\u2070\u2074-\u2079]|https?:\/\/|doi:/i;

export class DocumentEvidence {
  readonly style: CitationStyle;
  readonly footnotes: ReadonlySet<string>;

  constructor(
    readonly doc: DocumentFacts,
    readonly bibliography?: Bibliography,
    /** Quarto, R Markdown, or front matter naming a bibliography: Pandoc citations are the default style. */
    pandocFlavoured = false,
  ) {
    this.footnotes = doc.footnotes;
    const { pandoc, apa, numeric } = doc.citations;
    if (pandoc > 0 && pandoc >= apa && pandoc >= numeric) this.style = 'pandoc';
    else if (numeric > apa) this.style = 'numeric';
    else if (apa > 0) this.style = 'apa';
    else this.style = pandocFlavoured || /^bibliography\s*:/m.test(doc.frontMatter?.value ?? '') ? 'pandoc' : 'apa';
  }

  /** Evidence markers inside a range of the text. */
  markers(range: Range): Marker[] {
    const text = this.doc.text.slice(range.start, range.end);
    const out: Marker[] = [];
    if (!MARKER_HINT.test(text)) return out;
    const add = (kind: Marker['kind'], m: RegExpMatchArray, keys?: string[]) =>
      out.push({ kind, start: range.start + m.index!, end: range.start + m.index! + m[0].length, keys });
    for (const p of apaParentheticals(text)) out.push({ kind: 'apa', start: range.start + p.index, end: range.start + p.index + p.length });
    for (const m of text.matchAll(APA_NARRATIVE)) add('apa', m);
    for (const m of text.matchAll(NUMERIC_BRACKET)) add('numeric', m);
    for (const m of text.matchAll(NUMERIC_PAREN_AT_END)) add('numeric', m);
    for (const m of text.matchAll(SUPERSCRIPT)) add('numeric', m);
    for (const m of text.matchAll(CITEKEY)) {
      if (text[m.index! - 1] === '\\') continue;
      const before = text.slice(Math.max(0, m.index! - 1), m.index!);
      if (/[\w.]/.test(before)) continue; // an e-mail address
      if (QUARTO_CROSSREF.test(m[1])) continue; // @fig-..., @tbl-...: a cross-reference, not a citation
      add('citekey', m, [m[1]]);
    }
    for (const m of text.matchAll(FOOTNOTE_REF)) if (this.footnotes.has(m[1])) add('footnote', m);
    for (const m of text.matchAll(URL)) {
      const url = m[2] ?? m[3] ?? m[4] ?? m[0];
      if (isEvidenceUrl(url)) add('link', m);
    }
    return out;
  }

  /** Citekeys that the bibliography does not contain (none when there is no bibliography). */
  unknownKeys(marker: Marker): string[] {
    if (marker.kind !== 'citekey' || !this.bibliography) return [];
    return (marker.keys ?? []).filter((k) => !this.bibliography!.keys.has(k));
  }

  /** A placeholder citation in the document's own style. */
  placeholder(): string {
    return this.style === 'pandoc' ? '[@TODO]' : this.style === 'numeric' ? '[?]' : '(Author, Year)';
  }
}

keepShapesOf(new DocumentEvidence({ text: '', citations: { pandoc: 0, apa: 0, numeric: 0 }, footnotes: new Set(), frontMatter: undefined, treatmentNames: [] }));
