// Citation patterns shared by parsing (per-unit style counts, cached) and
// evidence checks: APA in-text citations, numeric markers, Pandoc citekeys.

const NAME = String.raw`\p{Lu}[\p{L}'’\-]+`;
// "Year" lets the placeholder "(Author, Year)" that the quick fix inserts count, like "[@TODO]" and "[?]".
const YEAR = String.raw`(?:1[89]\d\d|20\d\d)[a-z]?|n\.d\.|in press|forthcoming|Year`;
/** (Shedler, 2010), (Leichsenring et al., 2015; Abbass, 2014), (see Shedler, 2010, p. 5), (APA, 2020) */
const PARENTHESES = /\(([^()\n]*(?:\n[^()\n]*){0,20})\)/g;
const APA_NAME = new RegExp(String.raw`\b${NAME}`, 'u');
const APA_YEAR = new RegExp(String.raw`[,\s]\s*(?:${YEAR})(?![\p{L}\p{N}])`, 'u');

/**
 * APA parenthetical citations: (Shedler, 2010), (Leichsenring et al., 2015; Abbass, 2014),
 * (see Shedler, 2010, p. 5). Found in two linear steps (balanced parentheses, then a name and
 * a year inside) so an unclosed "(Smith, 2010; Jones, ..." being typed cannot backtrack.
 */
export function apaParentheticals(text: string): { index: number; length: number }[] {
  const out: { index: number; length: number }[] = [];
  for (const m of text.matchAll(PARENTHESES)) {
    const inner = m[1];
    const name = APA_NAME.exec(inner);
    if (name && APA_YEAR.test(inner.slice(name.index))) out.push({ index: m.index!, length: m[0].length });
  }
  return out;
}
/** Shedler (2010), Leichsenring and Rabung (2008), Abbass et al. (2014, p. 3), Beck and colleagues (1979) */
export const APA_NARRATIVE = new RegExp(
  String.raw`\b${NAME}(?:\s+(?:et al\.|and colleagues|and co-?workers|and|&)(?:\s+${NAME})?)?(?:'s|’s)?\s+\((?:${YEAR})(?:[,;][^()]*)?\)`,
  'gu',
);
/** [1], [1, 2], [3-5], [3–5], and the placeholder [?]; not [@key] or [^1]. */
export const NUMERIC_BRACKET = /\[(?:\d{1,3}(?:\s*[-–,]\s*\d{1,3})*|\?)\](?!\()/g;
/** (1) or (1, 2) at the end of a claim, before its final punctuation. */
export const NUMERIC_PAREN_AT_END = /\((\d{1,3}(?:\s*[-–,]\s*\d{1,3})*)\)(?=["'”’]?\s*[.!?;]?["'”’]?\s*$)/g;
export const SUPERSCRIPT = /<sup>\s*\[?\d{1,3}(?:\s*[-–,]\s*\d{1,3})*\]?\s*<\/sup>|(?<=\p{L}[.,]?)[¹²³⁴⁵⁶⁷⁸⁹⁰]+/gu;
/** [@key], [see @a; @b, p. 3], and narrative @key. */
export const CITEKEY_BRACKET = /\[[^\]\n]{0,300}?@[\p{L}\p{N}_][^\]\n]{0,300}\]/gu;
/** Quarto cross-reference prefixes: "@fig-anxiety" points at a figure, not a source. */
export const QUARTO_CROSSREF = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg)-/;
export const CITEKEY = /(?<![\p{L}\p{N}_.@])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])/gu;

/** A year (or "n.d.", "in press" ...) as every APA citation holds one: a text without it holds none. */
const ANY_YEAR = new RegExp(String.raw`(?:${YEAR})(?![\p{L}\p{N}])`, 'u');

/** Counts of each citation style in a text. Each pattern runs only where the character or year it needs is present. */
export function countCitations(text: string): { pandoc: number; apa: number; numeric: number } {
  const count = (re: RegExp) => [...text.matchAll(re)].length;
  const bracket = text.includes('[');
  return {
    pandoc: bracket && text.includes('@') ? count(CITEKEY_BRACKET) : 0,
    apa: text.includes('(') && ANY_YEAR.test(text) ? apaParentheticals(text).length + count(APA_NARRATIVE) : 0,
    numeric: bracket ? count(NUMERIC_BRACKET) : 0,
  };
}

/** Ids of footnotes defined in a text ([^id]: at the start of a line). */
export function footnoteIds(text: string): string[] {
  return [...text.matchAll(/^ {0,3}\[\^([^\]\s]+)\]:/gm)].map((m) => m[1]);
}
