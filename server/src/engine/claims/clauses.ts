// Clauses and subjects of a sentence's tokens: where the clause holding a
// predicate starts and ends, whether it is subordinate or a relative clause
// that a definition asserts, and what its subject is (a treatment, a person,
// a word referring back, an intervention named by a gerund).

import {
  ANAPHORS,
  CLINICIANS,
  EVIDENCE_SUBJECTS,
  EVIDENCE_VERBS,
  PEOPLE,
  SUBORDINATORS,
} from './language';
import { type Token } from './sentenceView';

export const CLAUSE_BOUNDARY = new Set([';', ':', '—', '–', '(', ')', '!', '?', '.', 'but', 'however', 'yet']);
/** Words a clause may open with before its subject. */
export const OPENERS = new Set(['and', 'also', 'so', 'then', 'thus', 'therefore', 'in', 'fact', ',', 'now', 'today', 'often', 'even']);
/** Words that make a gerund at the start of a clause something other than an intervention. */
const NOT_GERUND_SUBJECT = new Set(['during', 'including', 'according', 'regarding', 'following', 'nothing', 'something', 'anything', 'everything', 'being', 'morning', 'evening', 'thing', 'bring', 'spring', 'king']);
/** Words before a noun that make "help" or "works" a noun. */
export const NOUN_BEFORE = new Set(['for', 'seek', 'seeking', 'get', 'getting', 'ask', 'asking', 'need', 'needs', 'the', 'any', 'some', 'more', 'professional', 'of', 'expert', 'extra', 'immediate', 'urgent', 'his', 'her', 'their', 'our', 'your', 'my', 'its', 'these', 'those', 'this', 'a', 'an', 'no', 'without']);
/** Pronouns for people: a subject that is a person, not a treatment. */
export const PERSONAL = new Set(['i', 'we', 'you', 'he', 'she', 'who', 'someone', 'anyone', 'everyone', 'nobody']);
export const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'your', 'their', 'our', 'his', 'her', 'its', 'my', 'one', 'each', 'every', 'some']);
export const MODALS = new Set(['can', 'could', 'may', 'might', 'will', 'would', 'shall']);
const COORDINATORS = new Set(['and', 'but', 'so', 'or', 'yet']);
export const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'do', 'does', 'did']);
/** Words that may stand before a noun phrase as its preposition. */
export const PREPOSITIONS = new Set(['in', 'of', 'on', 'about', 'for', 'from', 'into', 'to', 'with', 'by', 'at', 'over', 'under', 'behind', 'without', 'than', 'like']);

/**
 * The words that hold a predicate's subject: without a short opening phrase before a comma
 * ("Put simply, exposure ..."), or a leading prepositional phrase ("For some children it ...").
 */
export function subjectZone(zone: Token[]): Token[] {
  const comma = zone.map((t) => t.w).lastIndexOf(',');
  if (comma >= 0 && comma <= 4) zone = zone.slice(comma + 1);
  if (zone.length > 1 && PREPOSITIONS.has(zone[0].w)) {
    let k = zone.length - 1;
    while (k > 0 && !(ANAPHORS.has(zone[k].w) || PERSONAL.has(zone[k].w))) k--;
    if (k > 0) zone = zone.slice(k);
  }
  return zone;
}

export interface Clause {
  /** Token index where the clause starts, and where its subject starts (after a complement "that"). */
  start: number;
  subject: number;
  /** One past the clause's last token. */
  end: number;
  /** A restrictive relative clause ("drugs that treat ..."), which asserts only in a definition. */
  relative?: number;
  /** "X is a therapy that helps", "There are herbs that may help": the relative clause is asserted. */
  definition: boolean;
}

/** A word that opens a new subject after ", and": "…, and your GP can help" (not "…, and improve mood"). */
function startsSubject(w: string): boolean {
  return DETERMINERS.has(w) || PERSONAL.has(w) || ANAPHORS.has(w) || PEOPLE.has(w) || CLINICIANS.has(w) || w === 'there';
}

/** The clause a token is in, or undefined when it is in a subordinate clause. */
export function clauseOf(tokens: Token[], at: number): Clause | undefined {
  // ", and your GP can help": a comma before a conjunction starts a new clause.
  // A dash before "which" opens a non-restrictive clause about the noun before it, as a comma does.
  const boundary = (k: number) =>
    (CLAUSE_BOUNDARY.has(tokens[k].w) && !(['—', '–'].includes(tokens[k].w) && ['which', 'who'].includes(tokens[k + 1]?.w ?? ''))) ||
    (tokens[k].w === ',' && COORDINATORS.has(tokens[k + 1]?.w ?? '') && startsSubject(tokens[k + 2]?.w ?? ''));
  let start = at;
  while (start > 0 && !boundary(start - 1)) start--;
  if (COORDINATORS.has(tokens[start]?.w ?? '') && tokens[start - 1]?.w === ',') start++;
  let end = at;
  while (end < tokens.length && !boundary(end)) end++;
  let subject = start;
  let subordinate = false;
  let relative: number | undefined;
  for (let j = start; j < at; j++) {
    const w = tokens[j].w;
    if (SUBORDINATORS.has(w) && !(w === 'while' && j > start && tokens[j - 1].w !== ',')) {
      subordinate = true;
      relative = undefined;
    } else if (w === ',' && subordinate) {
      subordinate = false;
      subject = j + 1;
    } else if (w === ',' && relative !== undefined && PREPOSITIONS.has(tokens[start].w)) {
      // The comma closes an opening phrase that holds a relative clause: "For people who have tried drugs, EMDR …".
      relative = undefined;
      subject = j + 1;
    } else if (w === 'that' || w === 'who' || w === 'which') {
      const prev = tokens[j - 1]?.w ?? '';
      if (w === 'that' && (EVIDENCE_VERBS.has(prev) || ['means', 'is', 'was', 'so', 'believe', 'believes', 'think', 'thinks', 'know', 'knows', 'feel', 'hope', 'evidence', 'say', 'says', 'said', 'fact', 'claim', 'claims', 'idea', 'likely', 'clear', 'true'].includes(prev))) {
        subject = j + 1;
        relative = undefined;
      } else if (prev === ',' || prev === '—' || prev === '–' || (w === 'which' && !PREPOSITIONS.has(prev))) {
        relative = undefined; // a non-restrictive relative asserts about its antecedent
      } else relative = j;
    }
  }
  if (subordinate) return undefined;
  let definition = false;
  if (relative !== undefined) {
    // The relative clause must belong to what the copula introduces: not "there is criticism of drugs that treat".
    const head = tokens.slice(subject, relative).map((t) => t.w);
    const copula = head.findIndex((w) => ['is', 'are', 'was', 'were'].includes(w));
    definition = copula >= 0 && (head[copula - 1] !== 'there' || !head.slice(copula + 1).some((w) => PREPOSITIONS.has(w)));
  }
  return { start, subject, end, relative, definition };
}

export interface Subject {
  treatment: boolean;
  /** Something the language does not know, in a paragraph about a treatment: "Brainspotting is effective". */
  other: boolean;
  /** A word referring back to a treatment of the paragraph or section. */
  referring: boolean;
  /** An intervention named by a gerund ("Tailoring tasks to ..."). */
  gerund: boolean;
  clinician: boolean;
  person: boolean;
}

export function subjectOf(zone: Token[], isTreatment: (t: Token) => boolean, isCondition: (t: Token) => boolean, referent: () => boolean, topic: () => boolean): Subject {
  let i = 0;
  while (i < zone.length && OPENERS.has(zone[i].w)) i++;
  const first = zone[i]?.w ?? '';
  // A relative pronoun is no subject of its own: "(which helps …)" needs its antecedent in the clause.
  const known = (t: Token) => PEOPLE.has(t.w) || CLINICIANS.has(t.w) || PERSONAL.has(t.w) || ANAPHORS.has(t.w) || isCondition(t) || EVIDENCE_SUBJECTS.has(t.w) || t.w === 'which' || t.w === 'that';
  return {
    treatment: zone.some(isTreatment),
    other: zone.length > i && /^[a-z]/.test(first) && !zone.some(known) && !zone.some((t) => t.w === ',' ) && topic(),
    referring: zone.some((t) => ANAPHORS.has(t.w)) && referent(),
    gerund: first.length > 5 && first.endsWith('ing') && !NOT_GERUND_SUBJECT.has(first) && zone.length - i > 1,
    clinician: zone.some((t) => CLINICIANS.has(t.w)),
    person: zone.some((t) => PEOPLE.has(t.w)),
  };
}
