// How writers say "X is Y", "X is a kind of Y" and "X means ...": the
// language of the term rules, kept in one place. These are English frames,
// never clinical terms; the glossary decides which X and Y are wrong together.

import type { Glossary } from '../../glossary/glossary';
import type { TermMatch } from '../../glossary/termIndex';
import type { Relation } from '../../glossary/types';

/** The text between two offsets, lower-cased with white space collapsed. */
export function between(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/\s+/g, ' ').toLowerCase();
}

// --- Identity (term/conflation) ---------------------------------------------

const NAMING = String.raw`(?:or|aka|a\.k\.a\.?|i\.e\.,?|ie|that is,?|(?:(?:also|sometimes|often|commonly|otherwise|formerly|simply|usually|generally|more|better)\s+){0,2}(?:called|known as|referred to as|termed))`;

/** "X (Y)", "X (or Y)", "X (also called Y)": the gap before Y; a ")" must follow Y. */
export const IDENTITY_PAREN = new RegExp(String.raw`^ ?\( ?(?:${NAMING} (?:an? |the )?)?$`);
/** "X, or Y," / "X, also known as Y" / "X, i.e. Y". With a bare "or", Y must be followed by a comma, dash or parenthesis. */
export const IDENTITY_COMMA = new RegExp(String.raw`^ ?, ?(${NAMING}) (?:an? |the )?$`);
/** "X also known as Y" without a comma. */
export const IDENTITY_INLINE = /^ (?:is |are )?(?:also |otherwise |sometimes |often |commonly )(?:called|known as|referred to as|termed) $/;
/** "X/Y" used as one name. */
export const IDENTITY_SLASH = /^ ?\/ ?$/;
/** "X is another name for Y", "X is the same as Y", "X is synonymous with Y". */
export const IDENTITY_COPULA =
  /^ (?:is|are|was|were|(?:may|might|could|can) be)(?: (?:simply|just|basically|essentially|really|actually|also|merely|largely|more or less))? (?:another (?:name|term|word|label) for|the same (?:thing )?as|synonymous with|interchangeable with|a synonym (?:for|of)|equivalent to|identical to|just another way of saying) (?:the )?$/;
/** "X and Y are the same thing / interchangeable / synonyms": the text after Y. */
export const IDENTITY_PAIR_GAP = /^ (?:and|&) (?:the )?$/;
export const IDENTITY_PAIR_AFTER =
  /^ (?:are|is|mean) (?:(?:basically|essentially|really|simply|just|largely|more or less|pretty much) )?(?:the same(?: thing)?|interchangeable|synonyms|synonymous|one and the same|equivalent|(?:often |commonly |usually )?(?:used|treated) (?:as )?(?:interchangeably|synonyms|synonymously))\b/;
/** After an "X and Y are ..." frame: the writer goes on to say they differ. */
export const CONTRAST_AFTER = /\b(?:but|however|although|though|yet|differ|different|distinct|not the same|aren't|are not|isn't|is not)\b/;

// --- Kind of (term/misclassification) ----------------------------------------

/** Nouns that name a category: "types of Y", "a form of Y". */
const KIND_NOUN = String.raw`(?:form|type|kind|variety|variant|branch|school|example|subtype|style|model|modality|version|approach|flavou?r)s?`;
/** "X is a form of Y", "X, a type of Y", "X is one kind of Y", "X is a Y". */
export const KIND_OF_GAP = new RegExp(
  String.raw`^\)? ?,? ?(?:(?:which|that) )?(?:(?:is|are|was|were|as|being|(?:may|might|could|can|would) be)(?: (?:really|actually|just|essentially|basically|simply|in fact|technically))?(?: (?:considered|seen as|regarded as|classed as|classified as|described as|thought of as|counted as|also))? )?(?:an?|one|another|one of the|among the)(?: [a-z-]+){0,2}? ${KIND_NOUN} of (?:the )?$`,
);
export const COPULA_KIND_GAP = /^\)? (?:is|are|was|were|(?:may|might|could|can|would) be)(?: (?:considered|seen as|regarded as|classed as|classified as|thought of as|also))? (?:an?|one of the|among the) $/;
/** After Y, what opens a list of its kinds: "Y, such as X", "Y including X", "Y (e.g. X)", "types of Y include X". */
export const EXAMPLES_AFTER = /^ ?(?:,? (?:such as|including|e\.g\.,?|for example,?|for instance,?|especially|particularly|notably) |\( ?(?:e\.g\.,?|such as|including|for example,?|for instance,?|like) ?|,? (?:include|includes|included|comprise|comprises) )/;
/** Before Y: "types of Y", "forms of Y". */
export const KIND_NOUN_BEFORE = new RegExp(String.raw`(?:^|\b)${KIND_NOUN} (?:of|in|within|from) (?:the )?$`);
/** What may follow Y at the end of a lead sentence that announces its kinds: "Y include:", "Y, such as:", "Y:". */
export const LEAD_ENDS_WITH_LIST = /^,? ?(?:(?:family|tradition|umbrella|group|school|camp)s? )?(?:include|includes|including|such as|e\.g\.|are|like|for example|as follows|(?:we )?offer(?:ed)? include)?\s*:\s*$/;
/** A question asserts nothing. Reads only the sentence's last characters: it is asked once per term. */
export function isQuestion(text: string, sentence: { start: number; end: number }): boolean {
  let i = sentence.end - 1;
  while (i >= sentence.start && /\s/.test(text[i])) i--;
  while (i >= sentence.start && `"'”’)]`.includes(text[i])) i--;
  return i >= sentence.start && text[i] === '?';
}

/** Parenthesized text (citations, abbreviations) blanked, so "et al." does not end a list. */
export function withoutParentheses(text: string): string {
  return text.replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
}

/** Where a list of examples ends inside a sentence. */
export const CLAUSE_BREAK = /[;.!?]|—|–| but | whereas | while | unlike | except | rather than | not |, (?:which|who|are|is|was|were|have|has|had|can|could|may|might|will|would|should|do|does|did|remain|remains|seem|seems|appear|appears|tend|tends|offer|offers)\b/;

// --- Definition (term/misdefinition) -----------------------------------------

/** Contrast and negation near a term: the writer is correcting the confusion, not making it. */
export const CONTRAST_NEAR = /\b(?:not|n't|no|never|unlike|rather than|instead of|differs?|different|distinct|distinguish\w*|contrast\w*|whereas|versus|vs\.?|confus\w*|mistak\w*|myths?|misconceptions?|misunderst\w*|wrongly|incorrectly)\b/;

// --- History and naming (term/outdated) --------------------------------------

/** Words that, just before a term, show it is being named rather than used. */
export const NAMING_BEFORE = new Set([
  'term', 'terms', 'phrase', 'label', 'labels', 'name', 'names', 'called', 'formerly', 'previously', 'once', 'originally',
  'outdated', 'obsolete', 'archaic', 'retired', 'renamed',
]);
/** Words that, just after a term, show the writer explains the change. */
export const NAMING_AFTER = new Set(['renamed', 'replaced', 'retired', 'outdated', 'obsolete', 'dropped', 'abandoned', 'now', 'nowadays', 'today', 'formerly', 'former', 'label', 'term']);
/** Just before a term: the old name offered as a current alternative name ("also known as X"), which is a use, not a naming. */
export const CURRENT_ALIAS_BEFORE = /\b(?:also|sometimes|often|commonly|popularly|still|otherwise) (?:(?:be|being) )?(?:called|known as|referred to as|termed|named) $/;
/** A sentence that speaks of a name change ("Today it is called ..."). */
export const RENAMING = /\b(?:now|today|nowadays|renamed|replaced|called|known as|name|term|label|current|currently)\b/i;
/**
 * A sentence set in the past or about the old category itself: it says the
 * term is retired, or places it before the change ("was once", "no longer
 * diagnosed", "before this change", "in previous editions", "in those days").
 */
export const HISTORICAL = /\b(?:no longer|previously|formerly|not an? (?:official|current|standalone|stand-alone|separate)|(?:was|were) once|used to be|at the time|back then|in those days|in that era|(?:was|were) then|then (?:called|known|diagnosed|termed)|before (?:this|the|that) (?:change|revision|update)|(?:previous|earlier|older|past|former) (?:editions?|versions?|manuals?|classifications?|criteria|diagnostic)|(?:before|prior to|until|pre-)\s*(?:the )?(?:DSM|ICD)\b|(?:was|were) (?:renamed|folded|merged|absorbed|subsumed|replaced|dropped|removed|retired|reclassified)|now (?:falls?|falling|comes?|sits?|belongs?) (?:under|within)|now (?:part|considered part) of)/i;
/** Named eras, as the year they ended: "in Victorian asylums", "a First World War account". */
const ERAS: [RegExp, number][] = [
  [/\bvictorian\b/i, 1901],
  [/\bedwardian\b/i, 1910],
  [/\b(?:first world war|world war (?:i|one|1)\b|great war|wwi\b|ww1\b)/i, 1918],
  [/\b(?:second world war|world war (?:ii|two|2)\b|wwii\b|ww2\b)/i, 1945],
  [/\b(?:nineteenth|19th|eighteenth|18th) century\b/i, 1900],
];
/** Classification editions in order, to tell an earlier edition from a later one. */
const EDITION_RANK: Record<string, number> = { i: 1, ii: 2, iii: 3, 'iii-r': 3.5, iv: 4, 'iv-tr': 4.5, '5': 5, '5-tr': 5.5, '6': 6, '7': 7, '8': 8, '9': 9, '9-cm': 9, '10': 10, '10-cm': 10, '11': 11 };
const EDITION = /\b(DSM|ICD)[- ]?((?:III|II|IV|I|\d{1,2})(?:-(?:R|TR|CM))?)\b/gi;
const YEAR = /\b(1[6-9]\d\d|20\d\d)(s)?\b/g;

/**
 * The sentence is set before the term was retired (`retiredIn`, e.g. "DSM-5
 * (2013)"): it names an era, a year or decade before that year, or an earlier
 * edition of the classification that retired the term.
 */
export function setBefore(sentence: string, retiredIn: string | undefined): boolean {
  if (!retiredIn) return false;
  const year = Number(/\b(1[6-9]\d\d|20\d\d)\b/.exec(retiredIn)?.[1] ?? NaN);
  const edition = new RegExp(EDITION.source, 'i').exec(retiredIn);
  if (Number.isFinite(year)) {
    if (ERAS.some(([era, end]) => end < year && era.test(sentence))) return true;
    // Years of citations ("(Smith, 2008)") date a source, not the sentence; decades ("the 1930s") always date it.
    const dated = sentence.replace(/[([][^()[\]]*[)\]]/g, (m) => m.replace(YEAR, (y, _n, s) => (s ? y : ' '.repeat(y.length))));
    // "Since 2005" or "since the 1990s" runs up to today: it does not set the sentence in the past.
    for (const m of dated.matchAll(YEAR)) if (Number(m[1]) < year && !/\bsince (?:the |about |around )?$/i.test(dated.slice(Math.max(0, m.index! - 14), m.index))) return true;
  }
  if (edition) {
    const rank = EDITION_RANK[edition[2].toLowerCase()];
    for (const m of sentence.matchAll(EDITION)) {
      if (m[1].toUpperCase() === edition[1].toUpperCase() && (EDITION_RANK[m[2].toLowerCase()] ?? Infinity) < rank) return true;
    }
  }
  return false;
}

// --- Hedges -------------------------------------------------------------------

/** Hedged wording lowers a finding's severity one step; the words are data (data/claim-language.yaml, classification_hedges). */
export { CLASSIFICATION_HEDGE as HEDGE } from '../claims/language';

// --- Glossary relations ---------------------------------------------------------

/** The entry ids a match stands for, and every entry they are a kind of (transitively). */
export function withAncestors(glossary: Glossary, ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  const visit = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    for (const parent of glossary.get(id)?.kind_of ?? []) visit(parent);
  };
  ids.forEach(visit);
  return out;
}

export interface Pair {
  a: string;
  b: string;
  why: string;
  /** From the relation: 'information' for a matter of consistency or a disputed distinction. */
  severity?: 'information';
}

/** A `distinct_from` relation between any entry of one match and any of another, in either direction. */
export function distinctPair(glossary: Glossary, a: TermMatch, b: TermMatch): Pair | undefined {
  for (const x of a.entryIds) {
    for (const y of b.entryIds) {
      if (x === y) continue;
      const forward = glossary.get(x)?.distinct_from?.find((r) => r.id === y);
      if (forward) return { a: x, b: y, why: forward.why, severity: forward.severity };
      const backward = glossary.get(y)?.distinct_from?.find((r) => r.id === x);
      if (backward) return { a: x, b: y, why: backward.why, severity: backward.severity };
    }
  }
  return undefined;
}

/** X (a match) is not a kind of Y (a match): an explicit `not_a_kind_of`, or the closed-world taxonomy (see wrongKind). */
export function notAKindOf(glossary: Glossary, x: TermMatch, y: TermMatch): (Relation & { x: string; y: string }) | undefined {
  const broader = withAncestors(glossary, y.entryIds);
  for (const id of x.entryIds) {
    if (y.entryIds.includes(id)) continue;
    // A correct classification wins: MBT is a kind of psychodynamic therapy.
    if ([...withAncestors(glossary, [id])].some((a) => y.entryIds.includes(a))) return undefined;
    const relation = glossary.get(id)?.not_a_kind_of?.find((r) => broader.has(r.id));
    if (relation) return { ...relation, x: id, y: y.entryIds[0] };
  }
  for (const id of x.entryIds) {
    for (const yid of y.entryIds) {
      const why = wrongKind(glossary, id, yid);
      if (why) return { id: yid, why, x: id, y: yid };
    }
  }
  return undefined;
}

/**
 * The closed-world reading of the glossary's `kind_of` tree: "X is a kind of
 * Y" is wrong when X has a place in the tree, Y is in the same tree (they
 * share a root), and Y is neither X's ancestor (correct) nor its descendant
 * (a reversed but harmless reading, such as calling a family by one of its
 * members' names). `distinct_from` is no evidence ("recovery is a remission
 * that has lasted" is right though the two differ); outside the tree only an
 * explicit `not_a_kind_of` says X is not a kind of Y. `maybe_kind_of` on X
 * marks a classification the authorities dispute: never a finding. Returns
 * the reason, or undefined when the classification may stand.
 */
export function wrongKind(glossary: Glossary, x: string, y: string): string | undefined {
  if (x === y) return undefined;
  const entry = glossary.get(x);
  if (!entry || !glossary.get(y) || entry.maybe_kind_of?.includes(y)) return undefined;
  const above = withAncestors(glossary, [x]);
  const belowY = withAncestors(glossary, [y]);
  if (above.has(y) || belowY.has(x)) return undefined;
  if (!entry.kind_of?.length) return undefined;
  const roots = (ids: Set<string>) => [...ids].filter((id) => !glossary.get(id)?.kind_of?.length);
  const shared = roots(above).filter((r) => roots(belowY).includes(r));
  if (shared.length === 0) return undefined;
  const parents = entry.kind_of.map((p) => `“${glossary.name(p)}”`).join(' and ');
  const sibling = glossary.get(y)?.kind_of?.some((p) => entry.kind_of!.includes(p));
  return sibling
    ? `“${glossary.name(x)}” and “${glossary.name(y)}” are both kinds of ${parents}; neither is a form of the other.`
    : `“${glossary.name(x)}” is a kind of ${parents}, and “${glossary.name(y)}” is not among its broader categories.`;
}

/** X and Y presented as one name when Y is X's broader category ("X (or Y)"): one kind passed off as the whole family. */
export function broaderPair(glossary: Glossary, a: TermMatch, b: TermMatch): Pair | undefined {
  for (const x of a.entryIds) {
    for (const y of b.entryIds) {
      if (x === y) continue;
      if (withAncestors(glossary, [x]).has(y)) return { a: x, b: y, why: `“${glossary.name(x)}” is one kind of “${glossary.name(y)}”, not another name for it` };
      if (withAncestors(glossary, [y]).has(x)) return { a: x, b: y, why: `“${glossary.name(y)}” is one kind of “${glossary.name(x)}”, not another name for it` };
    }
  }
  return undefined;
}

/**
 * An identity frame's pair: two entries marked distinct, one and its broader
 * category, or two different kinds in the same `kind_of` tree (closed world).
 */
export function identityPair(glossary: Glossary, a: TermMatch, b: TermMatch): (Pair & { broader?: boolean }) | undefined {
  const distinct = distinctPair(glossary, a, b);
  if (distinct) return distinct;
  const broader = broaderPair(glossary, a, b);
  if (broader) return { ...broader, broader: true };
  for (const x of a.entryIds) {
    for (const y of b.entryIds) {
      if (glossary.get(x)?.maybe_kind_of?.includes(y) || glossary.get(y)?.maybe_kind_of?.includes(x)) continue;
      const why = wrongKind(glossary, x, y) && wrongKind(glossary, y, x);
      if (why) return { a: x, b: y, why };
    }
  }
  return undefined;
}
