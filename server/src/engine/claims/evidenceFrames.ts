// Evidence frames of a sentence: a source of evidence as the subject of a
// reporting verb or a verdict, an indefinite dated study, an organisation
// named as a source, "there is evidence that".

import {
  ASPECT_VERBS,
  ATTRIBUTION,
  ATTRIBUTION_WORDS,
  CLINICIANS,
  COMPOUND_EVIDENCE,
  COMPOUND_EVIDENCE_FIRST,
  EVIDENCE_PHRASE_WORDS,
  EVIDENCE_PHRASES,
  EVIDENCE_SUBJECTS,
  EVIDENCE_VERBS,
  HISTORY_MARKERS,
  STUDIES,
  EXISTENTIAL_EVIDENCE,
  GROWTH_VERBS,
  ORGANISATION_VERBS,
  ORGANISATION_WORDS,
  PEOPLE,
  PRESENTATIVE_VERBS,
  QUALIFIED_STUDIES,
  QUANTITIES,
  RESEARCHERS,
  STUDY_QUALIFIER,
  VERDICTS,
} from './language';
import { SentenceView, type Span, type Token } from './sentenceView';
import { CLAUSE_BOUNDARY, MODALS, PREPOSITIONS } from './clauses';

/** Words that may stand before a source noun in its noun phrase. */
const NP_STOP = new Set(['is', 'are', 'was', 'were', 'in', 'of', 'to', 'for', 'by', 'with', 'on', 'at', 'and', 'but', 'that', 'which', 'who', ',', 'as', 'from', 'about', 'than', 'if', 'when', 'because']);

/** What an evidence frame names: research in general, a particular study, or an organisation. */
export type FrameKind = 'research' | 'study' | 'organisation';

export function evidenceFrames(view: SentenceView, prose: string): (Span & { kind: FrameKind })[] {
  const { n, tokens } = view;
  const found: (Span & { kind: FrameKind })[] = [];
  const study = (k: number): FrameKind => (STUDIES.has(tokens[k].w) ? 'study' : 'research');
  const people = (k: number) => PEOPLE.has(tokens[k]?.w ?? '') || ['them', 'him', 'her', 'us', 'me', 'participants', 'subjects', 'volunteers'].includes(tokens[k]?.w ?? '');
  // One pass over the words finds which kinds of frame the sentence can hold: most sentences hold none.
  let subjects = false;
  let attribution = false;
  let organisationVerb = false;
  let existential = false;
  let compound = false;
  for (const { w } of tokens) {
    if (EVIDENCE_PHRASE_WORDS.has(w)) subjects = true;
    else if (ATTRIBUTION_WORDS.has(w)) attribution = true;
    else if (ORGANISATION_VERBS.has(w)) organisationVerb = true;
    else if (w === 'there' || w === "there's") existential = true;
    if (COMPOUND_EVIDENCE_FIRST.has(w) || (w.includes('-') && COMPOUND_EVIDENCE_FIRST.has(w.slice(0, w.indexOf('-'))))) compound = true;
  }
  if (!subjects && !attribution && !organisationVerb && !existential && !compound) return found;
  for (let i = 0; subjects && i < tokens.length; i++) {
    const w = tokens[i].w;
    if (!EVIDENCE_SUBJECTS.has(w)) continue;
    const prev = tokens[i - 1]?.w ?? '';
    // After "of" the noun is not the subject ("the authors of the review said"), unless a quantity heads it: "a number of studies show".
    const quantity = prev === 'of' && QUANTITIES.has(tokens[i - 2]?.w ?? '') ? i - 2 : undefined;
    if (quantity === undefined && (prev === 'no' || prev === 'without' || PREPOSITIONS.has(prev) || ['she', 'he', 'it', 'who', 'which', 'our', 'my', 'we'].includes(prev))) continue;
    // "your doctor says", "her psychiatrist said": one person's clinician, not a source of evidence.
    if (RESEARCHERS.has(w) && ['your', 'his', 'her', 'their'].includes(prev)) continue;
    if (QUALIFIED_STUDIES.has(w) && !STUDY_QUALIFIER.test(n.slice(Math.max(0, tokens[i].start - 40), Math.min(n.length, tokens[i].end + 50)))) continue;
    const j = reportingVerbAfter(tokens, i);
    // "What the research says" names a topic, unless the sentence goes on to say it: "what the research shows is that ...".
    if (tokens.slice(Math.max(0, i - 3), i).some((t) => ['what', 'how', 'whether', 'why'].includes(t.w)) && (j === undefined || !statesWhat(tokens, j))) continue;
    if (j === undefined) {
      // A dated study named without a verb: "A 2015 review in The Lancet", "our 2023 service evaluation".
      // (An indefinite or "our": "the 2017 audit" refers back to one already introduced.)
      const y = tokens.slice(Math.max(0, i - 2), i).findIndex((t) => /^(?:19|20)\d\d$/.test(t.w)) + Math.max(0, i - 2);
      if (STUDIES.has(w) && y >= Math.max(0, i - 2) && ['a', 'an', 'one', 'our'].includes(tokens[y - 1]?.w ?? '')) found.push({ start: tokens[y - 1].start, end: tokens[i].end, kind: 'study' });
      continue;
    }
    if (HISTORY_MARKERS.test(n) && /(?:said|thought|believed|argued|claimed)$/.test(tokens[j].w)) continue;
    if (/^show/.test(tokens[j].w) && people(j + 1)) continue; // "researchers showed participants a list"
    let s = quantity ?? i;
    while (s > 0 && (quantity ?? i) - s < 4 && !NP_STOP.has(tokens[s - 1].w) && !CLAUSE_BOUNDARY.has(tokens[s - 1].w) && !EVIDENCE_VERBS.has(tokens[s - 1].w) && !MODALS.has(tokens[s - 1].w)) s--;
    found.push({ start: tokens[s].start, end: tokens[j].end, kind: study(i) });
  }
  // An organisation, a study or research named as the source: "according to the WHO", "(source: NHS)".
  for (const m of attribution ? ATTRIBUTION.matches(n) : []) {
    const after = view.tokenAt(m.index + m.text.length);
    const end = sourceNamed(view, prose, after);
    if (end !== undefined) found.push({ start: m.index, ...end });
  }
  // An organisation as the subject: "The NHS recommends ...".
  for (let j = 1; organisationVerb && j < tokens.length; j++) {
    if (!ORGANISATION_VERBS.has(tokens[j].w)) continue;
    let s = j;
    while (s > 0 && j - s < 7 && /^[\p{Lu}]/u.test(originalWord(view, prose, tokens[s - 1])) ) s--;
    if (s > 0 && ['my', 'your', 'his', 'her', 'their', 'our'].includes(tokens[s - 1].w)) continue;
    if (s < j && isOrganisation(view, prose, tokens.slice(s, j))) found.push({ start: tokens[s].start, end: tokens[j].end, kind: 'organisation' });
  }
  // Each kind runs only where its words are: most sentences have none.
  const kinds = [existential ? EXISTENTIAL_EVIDENCE : undefined, compound ? COMPOUND_EVIDENCE : undefined, subjects ? EVIDENCE_PHRASES : undefined];
  for (const re of kinds) {
    if (!re) continue;
    for (const m of re.matches(n)) {
      if (re === EXISTENTIAL_EVIDENCE && /\b(?:no|not|little|any)\b/.test(m.text)) continue;
      found.push({ start: m.index, end: m.index + m.text.length, kind: /\b(?:study|trial|survey|experiment|review)\b/.test(m.text) ? 'study' : 'research' });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (Span & { kind: FrameKind })[] = [];
  for (const f of found) if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
  return out;
}

/** Words that may stand between "what X shows" and "is that". */
const CONNECTIVES = new Set(['however', 'though', 'then', 'therefore', 'thus', 'instead', 'really', 'actually', 'clearly', 'consistently', 'also', 'now', 'so', 'far']);

/** After "what X shows": "is that" or "was that", past commas and a connective ("what the data shows, however, is that"). */
function statesWhat(tokens: Token[], verb: number): boolean {
  for (let k = verb + 1; k < Math.min(tokens.length - 1, verb + 6); k++) {
    const w = tokens[k].w;
    if ((w === 'is' || w === 'was') && tokens[k + 1].w === 'that') return true;
    if (w !== ',' && !CONNECTIVES.has(w)) return false;
  }
  return false;
}

/** Auxiliaries and adverbs between a source and its reporting verb: "have consistently shown", "do know". */
const AUXILIARY = new Set(['have', 'has', 'had', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'been', 'now', 'also', 'long', 'since', 'all', 'both', 'even', 'still', 'not', 'never', 'ever', 'further', 'already', 'first', 'themselves', 'often', 'mostly', 'largely']);
/** Words that open a phrase after a source noun: "a study of 400 clinicians", "researchers from the Broad Institute". */
const POSTMODIFIER = new Set(['of', 'from', 'by', 'in', 'at', 'on', 'involving', 'with', 'among', 'across', 'including', 'published', 'conducted', 'carried', 'led', 'run', 'gathered', 'chiefly', 'mainly', 'based']);

/**
 * The reporting verb whose subject is the source noun at `i`: "research shows", "studies have
 * found", "a meta-analysis of 33 studies found", "the researchers, chiefly from X, found",
 * "scientists tracked cravings in 70 mice and found". Undefined when the noun is not a subject
 * ("the research project identified", "clinicians can consider").
 */
function reportingVerbAfter(tokens: Token[], i: number): number | undefined {
  let j = i + 1;
  const word = (k: number) => tokens[k]?.w ?? '';
  while ((word(j) === 'and' || word(j) === 'or') && EVIDENCE_SUBJECTS.has(word(j + 1))) j += 2;
  // "a local audit (2019) suggested": a year in parentheses belongs to the noun.
  if (word(j) === '(' && /^(?:19|20)\d\d$/.test(word(j + 1)) && word(j + 2) === ')') j += 3;
  const stop = (k: number) => CLAUSE_BOUNDARY.has(word(k)) || MODALS.has(word(k)) || word(k) === 'that' || k >= tokens.length;
  if (word(j) === ',') {
    // An appositive or a non-restrictive clause: ", chiefly from X, Y and Z," / ", which was published in Nature,".
    for (let k = j + 1; k < Math.min(tokens.length, j + 24) && !CLAUSE_BOUNDARY.has(word(k)); k++) {
      if (word(k) !== ',') continue;
      let v = k + 1;
      while (v < k + 3 && (AUXILIARY.has(word(v)) || /ly$/.test(word(v)))) v++;
      if (EVIDENCE_VERBS.has(word(v))) return v;
    }
    return undefined;
  } else if (POSTMODIFIER.has(word(j)) || (/ed$/.test(word(j)) && !EVIDENCE_VERBS.has(word(j)))) {
    // A phrase after the noun, up to the verb: "of 33 studies found", "tracked cravings ... and found".
    for (let k = j; k < Math.min(tokens.length, j + 14); k++) {
      if (stop(k)) return undefined;
      if (EVIDENCE_VERBS.has(word(k)) && !POSTMODIFIER.has(word(k)) && (k === j || !['a', 'an', 'the', 'of'].includes(word(k - 1)))) return k;
      if (k > j && AUXILIARY.has(word(k))) return verbAfterAuxiliary(tokens, k);
    }
    return undefined;
  }
  return verbAfterAuxiliary(tokens, j);
}

/** "have consistently shown", "do know", "has not been very positive": the verb or verdict after auxiliaries. */
function verbAfterAuxiliary(tokens: Token[], j: number): number | undefined {
  const word = (k: number) => tokens[k]?.w ?? '';
  let aux = 0;
  while (aux < 4 && (AUXILIARY.has(word(j)) || /ly$/.test(word(j)) || (aux > 0 && word(j) === 'very'))) j++, aux++;
  // "research has not been very positive": a verdict after a copula, negated or not.
  if (aux > 0 && VERDICTS.has(word(j)) && ['is', 'are', 'was', 'were', 'been'].some((c) => tokens.slice(j - aux, j).some((t) => t.w === c))) return j;
  // "research has not shown that ...": a finding denied, not reported.
  if (tokens.slice(j - aux, j).some((t) => t.w === 'not' || t.w === 'never')) return undefined;
  // "are starting to show", "keeps finding": an aspect verb, then the reporting verb.
  if (ASPECT_VERBS.has(word(j)) && !EVIDENCE_VERBS.has(word(j))) {
    j += word(j + 1) === 'to' ? 2 : 1;
    while (/ly$/.test(word(j))) j++;
  }
  // "evidence is mounting that ...": a source that grows, then what it shows.
  if (GROWTH_VERBS.has(word(j)) && word(j + 1) === 'that') return j;
  // "are emerging showing", "keep coming out that question": a source brought on stage, then its finding.
  const particle = PRESENTATIVE_VERBS.get(word(j));
  if (particle !== undefined && (particle === '' || word(j + 1) === particle)) {
    const k = j + (particle ? 2 : 1);
    if (/ing$/.test(word(k)) && EVIDENCE_VERBS.has(word(k))) return k;
    if (word(k) === 'that' && EVIDENCE_VERBS.has(word(k + 1)) && !/ing$/.test(word(k + 1))) return k + 1;
    return undefined;
  }
  return EVIDENCE_VERBS.has(word(j)) ? j : undefined;
}

function originalWord(view: SentenceView, prose: string, t: Token): string {
  const r = view.toOriginal(t.start, t.end);
  return prose.slice(r.start, r.end);
}

/** Tokens that name an organisation: capitalised words holding an organisation word, or an acronym. */
function isOrganisation(view: SentenceView, prose: string, name: Token[]): boolean {
  return name.some((t) => {
    const word = originalWord(view, prose, t);
    return (/^\p{Lu}{2,6}s?$/u.test(word) && !CLINICIANS.has(t.w)) || (ORGANISATION_WORDS.has(t.w) && /^\p{Lu}/u.test(word));
  });
}

/** After "according to": where a named source of evidence ends, or undefined for a person or a newspaper. */
function sourceNamed(view: SentenceView, prose: string, from: number): { end: number; kind: FrameKind } | undefined {
  const { tokens } = view;
  let k = from;
  const limit = Math.min(tokens.length, from + 8);
  let last: number | undefined;
  let kind: FrameKind = 'organisation';
  for (; k < limit; k++) {
    const t = tokens[k];
    if ([',', ';', ':', '.', '(', ')', '!', '?'].includes(t.w)) break;
    const word = originalWord(view, prose, t);
    if (EVIDENCE_SUBJECTS.has(t.w)) (last = k), (kind = STUDIES.has(t.w) ? 'study' : 'research');
    // An acronym names an organisation, unless it names a person's clinician ("her GP").
    else if ((/^\p{Lu}{2,6}s?$/u.test(word) && !CLINICIANS.has(t.w)) || ORGANISATION_WORDS.has(t.w)) last = k;
    else if (last !== undefined && !/^\p{Lu}/u.test(word) && !['of', 'for', 'and', 'on', 'the', '&'].includes(t.w)) break;
  }
  if (last === undefined) return undefined;
  // Carry on over the rest of a capitalised name: "the National Institute of Mental Health".
  while (last + 1 < limit && (/^\p{Lu}/u.test(originalWord(view, prose, tokens[last + 1])) || (['of', 'for', 'and', 'on', '&'].includes(tokens[last + 1].w) && /^\p{Lu}/u.test(originalWord(view, prose, tokens[last + 2] ?? tokens[last + 1]))))) last++;
  return { end: tokens[last].end, kind };
}
