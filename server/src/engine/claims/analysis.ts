// The claim analysis of one sentence, by structure:
// - an outcome predicate (data: predicates) that is asserted: not negated, not
//   in a subordinate clause, a purpose infinitive, advice, a question,
//   testimony or a dated reported view;
// - whose subject is a treatment: a glossary therapy, technique or
//   medication, a treatment noun, an intervention named by a gerund
//   ("Tailoring tasks ..."), or a word referring back to a treatment the
//   paragraph or its heading names; or a treatment linked after it ("improves
//   with medication", "benefit from play therapy");
// - evidence frames: a source of evidence as the subject of a reporting verb,
//   an organisation named as a source, "there is evidence that" ...;
// - overstatements from the data, with their calibrated rewrites.
// No word of the language is written here: it comes from language.ts.

import {
  ADJECTIVES,
  ANY_OVERSTATEMENT,
  ANAPHORS,
  ATTRIBUTION,
  ATTRIBUTION_WORDS,
  CLINICIANS,
  CONDITIONS,
  COMPOUND_EVIDENCE,
  COMPOUND_EVIDENCE_FIRST,
  EVIDENCE_PHRASE_WORDS,
  COPULAS,
  DEONTIC,
  DEONTIC_BEFORE_TO,
  EVIDENCE_PHRASES,
  EVIDENCE_SUBJECTS,
  EVIDENCE_VERBS,
  FIRST_PERSON_OBJECTS,
  HISTORY_MARKERS,
  STUDIES,
  EXISTENTIAL_EVIDENCE,
  HEDGE,
  HELP_FORMS,
  INFINITIVE_HEADS,
  INTRANSITIVE,
  NEGATION,
  OBJECT_REQUIRED,
  ORGANISATION_VERBS,
  ORGANISATION_WORDS,
  OUTCOME_VERB_FORMS,
  OVERSTATEMENTS,
  PASSIVE_PARTICIPLES,
  PEOPLE,
  PERSON_MODALS,
  PERSON_OUTCOMES,
  PREDICATE_PHRASES,
  PREDICATE_WORDS,
  PROCESS_VERBS,
  PURPOSE_HEADS,
  QUALIFIED_STUDIES,
  REPORTED_VIEWS,
  SELF_EVIDENT,
  STUDY_QUALIFIER,
  SUBORDINATORS,
  TESTIMONY,
  TREATABLE,
  TREATMENT_LINKS,
  TREATMENT_NOUNS,
  VERDICTS,
  USE_WHEN_PASSIVE,
  WORK_FORMS,
  WORK_NOT_BEFORE,
} from './language';
import { SentenceView, type Token } from './sentenceView';

export interface Span {
  start: number;
  end: number;
}

export interface SentenceInput {
  /** The sentence's prose (code, URLs, citekeys and quoted speech blanked; same length as the source). */
  prose: string;
  /** Ranges of glossary treatment terms, relative to the sentence. */
  treatments: Span[];
  /** Ranges of glossary conditions (diagnoses), relative to the sentence. */
  conditions: Span[];
  /** A pronoun at the start may refer to a treatment: the sentence before names one (or refers to one). */
  referent: () => boolean;
  /** The paragraph or its section is about a treatment: a subject the language does not know may be one. */
  topic: () => boolean;
  question: boolean;
}

/** What an evidence frame names: research in general, a particular study, or an organisation. */
export type FrameKind = 'research' | 'study' | 'organisation';

export interface Frame extends Span {
  kind: FrameKind;
  hedged: boolean;
}

export interface SentenceAnalysis {
  /** The asserted outcome predicate, relative to the sentence. */
  outcome?: Span;
  hedged: boolean;
  frames: Frame[];
  overstatements: (Span & { rewrites: string[] })[];
}

const CLAUSE_BOUNDARY = new Set([';', ':', '—', '–', '(', ')', '!', '?', '.', 'but', 'however', 'yet']);
/** Words a clause may open with before its subject. */
const OPENERS = new Set(['and', 'also', 'so', 'then', 'thus', 'therefore', 'in', 'fact', ',', 'now', 'today', 'often', 'even']);
/** Words that make a gerund at the start of a clause something other than an intervention. */
const NOT_GERUND_SUBJECT = new Set(['during', 'including', 'according', 'regarding', 'following', 'nothing', 'something', 'anything', 'everything', 'being', 'morning', 'evening', 'thing', 'bring', 'spring', 'king']);
/** Words before a noun that make "help" or "works" a noun. */
const NOUN_BEFORE = new Set(['for', 'seek', 'seeking', 'get', 'getting', 'ask', 'asking', 'need', 'needs', 'the', 'any', 'some', 'more', 'professional', 'of', 'expert', 'extra', 'immediate', 'urgent', 'his', 'her', 'their', 'our', 'your', 'my', 'its', 'these', 'those', 'this', 'a', 'an', 'no', 'without']);
/** Pronouns for people: a subject that is a person, not a treatment. */
const PERSONAL = new Set(['i', 'we', 'you', 'he', 'she', 'who', 'someone', 'anyone', 'everyone', 'nobody']);
const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'your', 'their', 'our', 'his', 'her', 'its', 'my', 'one', 'each', 'every', 'some']);
const MODALS = new Set(['can', 'could', 'may', 'might', 'will', 'would', 'shall']);
const COORDINATORS = new Set(['and', 'but', 'so', 'or', 'yet']);
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'do', 'does', 'did']);

export function analyseSentence(input: SentenceInput): SentenceAnalysis {
  const view = new SentenceView(input.prose);
  const { n, tokens } = view;
  const treatmentRanges = input.treatments.map((r) => ({ start: view.fromOriginal(r.start), end: view.fromOriginal(r.end) }));
  const isTreatment = (t: Token) => TREATMENT_NOUNS.has(t.w) || treatmentRanges.some((r) => r.start < t.end && t.start < r.end);
  const conditionRanges = input.conditions.map((r) => ({ start: view.fromOriginal(r.start), end: view.fromOriginal(r.end) }));
  const isCondition = (t: Token) => CONDITIONS.has(t.w) || conditionRanges.some((r) => r.start < t.end && t.start < r.end);
  const words: Words = { isTreatment, isCondition, referent: input.referent, topic: input.topic };
  const back = (s: Span) => view.toOriginal(s.start, s.end);

  const frames = input.question ? [] : evidenceFrames(view, input.prose);
  let outcome = input.question ? undefined : (firstOutcome(view, words) ?? personOutcome(tokens, input.topic));
  if (outcome && (TESTIMONY.test(n) || datedReportedView(tokens))) outcome = undefined;
  const about = () => outcome !== undefined || SELF_EVIDENT.test(n) || tokens.some(isTreatment) || input.topic();
  return {
    outcome: outcome && back(outcome),
    hedged: outcome !== undefined && HEDGE.test(n.slice(0, outcome.end)),
    frames: frames.map((f) => ({ ...back(f), kind: f.kind, hedged: HEDGE.test(n.slice(f.start, f.end)) })),
    overstatements: overstatements(view, outcome !== undefined, about).map((o) => ({ ...back(o), rewrites: o.rewrites })),
  };
}

// --- Outcome claims ----------------------------------------------------------

type Kind = 'verb' | 'help' | 'work' | 'adjective' | 'phrase' | 'treatable';

interface Candidate extends Span {
  kind: Kind;
  first: number;
  last: number;
}

function candidates(view: SentenceView): Candidate[] {
  const out: Candidate[] = [];
  const add = (kind: Kind, start: number, end: number) => {
    const first = view.tokenAt(start);
    out.push({ kind, start, end, first, last: Math.max(first, view.tokenAt(end) - 1) });
  };
  for (const m of PREDICATE_PHRASES.matches(view.n)) add(TREATABLE.has(m.text.replace(/\s+/g, ' ')) ? 'treatable' : 'phrase', m.index, m.index + m.text.length);
  view.tokens.forEach(({ w, start, end }, k) => {
    if (!PREDICATE_WORDS.has(w)) return;
    const kind: Kind = HELP_FORMS.has(w) ? 'help' : WORK_FORMS.has(w) ? 'work' : ADJECTIVES.has(w) ? 'adjective' : 'verb';
    out.push({ kind, start, end, first: k, last: k });
  });
  return out.length > 1 ? out.sort((a, b) => a.start - b.start || b.end - a.end) : out;
}

interface Words {
  isTreatment: (t: Token) => boolean;
  isCondition: (t: Token) => boolean;
  referent: () => boolean;
  topic: () => boolean;
}

function firstOutcome(view: SentenceView, words: Words): Span | undefined {
  const { tokens } = view;
  const covered: Span[] = [];
  for (const c of candidates(view)) {
    if (covered.some((s) => s.start <= c.start && c.end <= s.end)) continue;
    if (asserted(tokens, c, words)) return c;
    covered.push(c);
  }
  return undefined;
}

function asserted(tokens: Token[], c: Candidate, { isTreatment, isCondition, referent, topic }: Words): boolean {
  const w = tokens[c.first]?.w ?? '';
  const clause = clauseOf(tokens, c.first);
  if (!clause) return false;
  const before = (k: number) => tokens[c.first - k]?.w;
  // "to stop, interrupt or decrease": the verbs of a list share what stands before the first.
  let head = c.first;
  for (;;) {
    let p = head - 1;
    while (p > clause.start && [',', 'and', 'or'].includes(tokens[p].w)) p--;
    if (p === head - 1 || p <= clause.start) break;
    head = p;
  }
  // Negation and advice just before the predicate (or its list).
  for (const at of new Set([c.first, head])) {
    for (let k = 1; k <= 4 && at - k >= clause.start; k++) {
      const x = tokens[at - k].w;
      if (NEGATION.has(x) || x.endsWith("n't")) return false;
    }
  }
  for (let k = 1; k <= 3 && c.first - k >= clause.start; k++) {
    const x = before(k)!;
    if (DEONTIC.has(x) || (DEONTIC_BEFORE_TO.has(x) && before(k - 1) === 'to')) return false;
  }
  // "to reduce": an outcome after "able", "shown", "chance" ...; otherwise a purpose or advice.
  // "to help bring about": what stands before "help" decides.
  if (c.kind !== 'help' && HELP_FORMS.has(tokens[head - 1]?.w ?? '')) head--;
  const at = (k: number) => tokens[head - k]?.w;
  const adverbBefore = at(1)?.endsWith('ly') ? 1 : 0;
  if (at(1 + adverbBefore) === 'to' && c.kind !== 'treatable') {
    const infinitiveHead = at(2 + adverbBefore) ?? '';
    if (c.kind === 'phrase' ? PURPOSE_HEADS.has(infinitiveHead) : !INFINITIVE_HEADS.has(infinitiveHead)) return false;
  }
  const zone = subjectZone(tokens.slice(clause.subject, c.first));
  const restrictive = clause.relative !== undefined;
  // "helped me", "changed my life": the writer's own experience.
  if (tokens.slice(c.last + 1, c.last + 3).some((t) => FIRST_PERSON_OBJECTS.has(t.w))) return false;
  const subject = subjectOf(zone, isTreatment, isCondition, referent, topic);
  const conditionAfter = () => tokens.slice(c.last + 1, Math.min(clause.end, c.last + 5)).some(isCondition);
  const linkedAfter = () => treatmentAfter(tokens, c.last + 1, clause.end, isTreatment);

  switch (c.kind) {
    case 'treatable':
      return true;
    case 'phrase': {
      const after = linkedAfter() || treatmentAfter(tokens, c.last + 1, clause.end, isTreatment, false);
      if (restrictive && !clause.definition && !after) return false;
      return subject.treatment || subject.referring || subject.gerund || after || subject.other || (subject.person && topic());
    }
    case 'help': {
      if (NOUN_BEFORE.has(before(1) ?? '') || tokens[c.first - 1]?.w === '-') return false;
      // "get medical help": an adjective between.
      if (NOUN_BEFORE.has(before(2) ?? '') && !MODALS.has(before(1) ?? '') && !AUXILIARIES.has(before(1) ?? '') && !(before(1) ?? '').endsWith('ly') && !isTreatment(tokens[c.first - 1]) && !ANAPHORS.has(before(1) ?? '')) return false;
      if (restrictive && !clause.definition) return false;
      if (subject.treatment || subject.referring || subject.gerund || subject.other) return helpsToAnOutcome(tokens, c.last + 1, clause.end, isCondition, false);
      // A clinician's help is an outcome only when it says which: "helps you cope", "helps with anxiety".
      return subject.clinician && helpsToAnOutcome(tokens, c.last + 1, clause.end, isCondition, true);
    }
    case 'work': {
      const next = tokens[c.last + 1]?.w ?? '';
      if (WORK_NOT_BEFORE.has(next)) return false;
      if (w === 'work' && !MODALS.has(before(1) ?? '') && !['do', 'does', 'did', 'really', 'actually', 'to', 'also', 'still'].includes(before(1) ?? '')) return false;
      if (w === 'works' && NOUN_BEFORE.has(before(1) ?? '')) return false;
      if (restrictive && !clause.definition) return false;
      return subject.treatment || subject.referring || subject.gerund || subject.other;
    }
    case 'adjective': {
      // Before a treatment noun: "effective interventions", "an effective and gentle technique".
      for (let k = c.last + 1; k <= c.last + 3 && k < clause.end; k++) {
        if (isTreatment(tokens[k])) return true;
        if (PREPOSITIONS.has(tokens[k].w) || tokens[k].w === 'to') break;
      }
      // After a copula: "is effective", "is a gentle and highly effective method", "have proved helpful".
      let copula = zone.length - 1;
      while (copula >= 0 && !COPULAS.has(zone[copula].w)) copula--;
      if (copula < 0 || zone.length - copula > 7) return false;
      if (restrictive && !clause.definition) return false;
      const subjectBefore = subjectOf(zone.slice(0, copula), isTreatment, isCondition, referent, topic);
      return subjectBefore.treatment || subjectBefore.referring || subjectBefore.gerund || subjectBefore.other;
    }
    case 'verb': {
      if (tokens[c.first - 1]?.w === '-' || tokens[c.last + 1]?.w === '-') return false;
      // After a determiner or a preposition ("on big changes in your life") the word is a noun.
      const b1 = before(1) ?? '';
      const b2 = before(2) ?? '';
      const nounBefore = (x: string) => DETERMINERS.has(x) || PREPOSITIONS.has(x);
      if (/s$/.test(w) && (nounBefore(b1) || (nounBefore(b2) && !MODALS.has(b1) && !AUXILIARIES.has(b1) && !b1.endsWith('ly') && !isTreatment(tokens[c.first - 1])))) return false;
      const lemma = OUTCOME_VERB_FORMS.get(w);
      // A participle after a determiner is an adjective ("the reduced fee", "a deeply relaxed state").
      if (/ed$/.test(w) && DETERMINERS.has(before(1 + (before(1)?.endsWith('ly') ? 1 : 0)) ?? '')) return false;
      const passive = /ed$|en$/.test(w) && ['be', 'been', 'being', 'is', 'are', 'was', 'were', 'get', 'gets', 'got'].includes(at(1 + adverbBefore) ?? '');
      // A passive outcome needs its treatment after it: "relapse can be prevented with lithium".
      if (passive) return PASSIVE_PARTICIPLES.has(w) && !(USE_WHEN_PASSIVE.has(w) && !zone.some((t) => MODALS.has(t.w))) && linkedAfter();
      const objects = lemma ? OBJECT_REQUIRED.get(lemma) : undefined;
      if (objects && !tokens.slice(c.last + 1, Math.min(clause.end, c.last + 4)).some((t) => objects.has(t.w))) return false;
      if (restrictive && !clause.definition) return false;
      if (subject.treatment || subject.referring || subject.gerund) return true;
      // "X improves depressive symptoms": a condition as the object makes it an outcome, whatever X is (not a person).
      if (zone.some((t) => !OPENERS.has(t.w)) && !subject.person && !subject.clinician && !zone.some((t) => PERSONAL.has(t.w) || isCondition(t)) && conditionAfter()) return true;
      return INTRANSITIVE.has(w) && linkedAfter();
    }
  }
}

/**
 * The words that hold a predicate's subject: without a short opening phrase before a comma
 * ("Put simply, exposure ..."), or a leading prepositional phrase ("For some children it ...").
 */
function subjectZone(zone: Token[]): Token[] {
  const comma = zone.map((t) => t.w).lastIndexOf(',');
  if (comma >= 0 && comma <= 4) zone = zone.slice(comma + 1);
  if (zone.length > 1 && PREPOSITIONS.has(zone[0].w)) {
    let k = zone.length - 1;
    while (k > 0 && !(ANAPHORS.has(zone[k].w) || PERSONAL.has(zone[k].w))) k--;
    if (k > 0) zone = zone.slice(k);
  }
  return zone;
}

interface Clause {
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
function clauseOf(tokens: Token[], at: number): Clause | undefined {
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

interface Subject {
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

function subjectOf(zone: Token[], isTreatment: (t: Token) => boolean, isCondition: (t: Token) => boolean, referent: () => boolean, topic: () => boolean): Subject {
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

/** A treatment after a predicate, joined by "with", "under", "from" ...: "improves with medication". */
function treatmentAfter(tokens: Token[], from: number, end: number, isTreatment: (t: Token) => boolean, needLink = true): boolean {
  for (let k = from; k < Math.min(end, from + 8); k++) {
    if (!needLink && k < from + 4 && isTreatment(tokens[k])) return true;
    if (!TREATMENT_LINKS.has(tokens[k].w)) continue;
    for (let j = k + 1; j < Math.min(end, k + 5); j++) if (isTreatment(tokens[j])) return true;
  }
  return false;
}

/** "helps (someone) (to) VERB": an outcome unless every verb helped is a process verb. */
function helpsToAnOutcome(tokens: Token[], from: number, end: number, isCondition: (t: Token) => boolean, strict: boolean): boolean {
  let k = from;
  if (strict && ['with', 'in'].includes(tokens[k]?.w ?? '')) return tokens.slice(k + 1, Math.min(end, k + 5)).some(isCondition);
  if (k >= end || [',', 'with', 'in', 'a', 'lot', 'greatly', 'enormously', 'considerably', 'many', 'most', 'some', 'all'].includes(tokens[k].w)) return !strict;
  // Skip the person helped: "the child", "a patient with bipolar", "you", "people with depression".
  let skipped = 0;
  while (k < end && skipped < 6 && (DETERMINERS.has(tokens[k].w) || PEOPLE.has(tokens[k].w) || CLINICIANS.has(tokens[k].w) || ['them', 'him', 'her', 'us', 'me', 'those'].includes(tokens[k].w) || (tokens[k].w === 'with' && skipped > 0) || (skipped > 0 && tokens[k - 1].w === 'with'))) {
    k++;
    skipped++;
  }
  if (tokens[k]?.w === 'to') k++;
  if (k >= end) return !strict;
  if (!PROCESS_VERBS.has(tokens[k].w)) return !strict || OUTCOME_VERB_FORMS.has(tokens[k].w) || PERSON_OUTCOMES.some((p) => p[0] === tokens[k].w);
  // A process verb, and perhaps an outcome after it: "explore emotions and deal with trauma".
  for (let j = k + 1; j < end; j++) {
    const w = tokens[j].w;
    if (tokens[j - 1].w === 'and' || tokens[j - 1].w === 'or') {
      if (OUTCOME_VERB_FORMS.has(w) && !OBJECT_REQUIRED.has(OUTCOME_VERB_FORMS.get(w)!)) return true;
      if (w === 'deal' || (PERSON_OUTCOMES.some((p) => p[0] === w) && !PROCESS_VERBS.has(w))) return true;
    }
  }
  return false;
}

/** "In 1952 one critic argued that therapy did nothing": a view reported from the past. */
function datedReportedView(tokens: Token[]): boolean {
  return tokens.some((t) => /^(?:1[5-9]\d\d|20[01]\d)s?$/.test(t.w)) && tokens.some((t) => REPORTED_VIEWS.has(t.w));
}

/** A promise to the people treated: "children can learn to cope", "you will be able to stop". */
function personOutcome(tokens: Token[], topic: () => boolean): Span | undefined {
  if (!tokens.some((t) => PEOPLE.has(t.w))) return undefined;
  for (let k = 1; k < tokens.length - 1; k++) {
    if (!PERSON_MODALS.has(tokens[k].w)) continue;
    const clause = clauseOf(tokens, k);
    if (!clause || clause.relative !== undefined) continue;
    const zone = tokens.slice(clause.subject, k);
    if (!zone.some((t) => PEOPLE.has(t.w)) || zone.some((t) => NEGATION.has(t.w))) continue;
    let j = k + 1;
    if (tokens[j]?.w === 'also' || tokens[j]?.w.endsWith('ly')) j++;
    if (NEGATION.has(tokens[j]?.w ?? '') || tokens[j]?.w.endsWith("n't")) continue;
    const phrase = PERSON_OUTCOMES.find((p) => p.every((w, i) => tokens[j + i]?.w === w));
    if (phrase && topic()) return { start: tokens[k].start, end: tokens[j + phrase.length - 1].end };
  }
  return undefined;
}

// --- Evidence frames -----------------------------------------------------------

/** Words that may stand before a source noun in its noun phrase. */
const NP_STOP = new Set(['is', 'are', 'was', 'were', 'in', 'of', 'to', 'for', 'by', 'with', 'on', 'at', 'and', 'but', 'that', 'which', 'who', ',', 'as', 'from', 'about', 'than', 'if', 'when', 'because']);
const PREPOSITIONS = new Set(['in', 'of', 'on', 'about', 'for', 'from', 'into', 'to', 'with', 'by', 'at', 'over', 'under', 'behind', 'without', 'than', 'like']);

function evidenceFrames(view: SentenceView, prose: string): (Span & { kind: FrameKind })[] {
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
    if (prev === 'no' || prev === 'without' || PREPOSITIONS.has(prev) || ['she', 'he', 'it', 'who', 'which', 'our', 'my', 'we'].includes(prev)) continue;
    // "What the research says" names a topic.
    if (tokens.slice(Math.max(0, i - 3), i).some((t) => ['what', 'how', 'whether', 'why'].includes(t.w))) continue;
    if (QUALIFIED_STUDIES.has(w) && !STUDY_QUALIFIER.test(n.slice(Math.max(0, tokens[i].start - 40), Math.min(n.length, tokens[i].end + 50)))) continue;
    const j = reportingVerbAfter(tokens, i);
    if (j === undefined) {
      // A dated study named without a verb: "A 2015 review in The Lancet", "our 2023 service evaluation".
      // (An indefinite or "our": "the 2017 audit" refers back to one already introduced.)
      const y = tokens.slice(Math.max(0, i - 2), i).findIndex((t) => /^(?:19|20)\d\d$/.test(t.w)) + Math.max(0, i - 2);
      if (STUDIES.has(w) && y >= Math.max(0, i - 2) && ['a', 'an', 'one', 'our'].includes(tokens[y - 1]?.w ?? '')) found.push({ start: tokens[y - 1].start, end: tokens[i].end, kind: 'study' });
      continue;
    }
    if (HISTORY_MARKERS.test(n) && /(?:said|thought|believed|argued|claimed)$/.test(tokens[j].w)) continue;
    if (/^show/.test(tokens[j].w) && people(j + 1)) continue; // "researchers showed participants a list"
    let s = i;
    while (s > 0 && i - s < 4 && !NP_STOP.has(tokens[s - 1].w) && !CLAUSE_BOUNDARY.has(tokens[s - 1].w) && !EVIDENCE_VERBS.has(tokens[s - 1].w) && !MODALS.has(tokens[s - 1].w)) s--;
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
    else if (/^\p{Lu}{2,6}s?$/u.test(word) || ORGANISATION_WORDS.has(t.w)) last = k;
    else if (last !== undefined && !/^\p{Lu}/u.test(word) && !['of', 'for', 'and', 'on', 'the', '&'].includes(t.w)) break;
  }
  if (last === undefined) return undefined;
  // Carry on over the rest of a capitalised name: "the National Institute of Mental Health".
  while (last + 1 < limit && (/^\p{Lu}/u.test(originalWord(view, prose, tokens[last + 1])) || (['of', 'for', 'and', 'on', '&'].includes(tokens[last + 1].w) && /^\p{Lu}/u.test(originalWord(view, prose, tokens[last + 2] ?? tokens[last + 1]))))) last++;
  return { end: tokens[last].end, kind };
}

// --- Overstatements ------------------------------------------------------------

function overstatements(view: SentenceView, claim: boolean, about: () => boolean): (Span & { rewrites: string[] })[] {
  const { n, tokens } = view;
  let out: (Span & { rewrites: string[] })[] = [];
  if (!ANY_OVERSTATEMENT.test(n)) return out;
  for (const o of OVERSTATEMENTS) {
    if (o.claim && !claim) continue;
    for (const m of o.re.matches(n)) {
      const start = m.index;
      const end = start + m.text.length;
      const k = view.tokenAt(start);
      if (tokens.slice(Math.max(0, k - 4), k).some((t) => NEGATION.has(t.w) || t.w.endsWith("n't"))) continue;
      if (out.some((x) => x.start < end && start < x.end)) continue;
      if (!claim && !about()) continue;
      out.push({ start, end, rewrites: o.rewrites });
    }
  }
  out = out.sort((a, b) => a.start - b.start);
  // "completely eliminates", "proven cure": one overstatement, one rewrite.
  for (let i = out.length - 1; i > 0; i--) {
    const [a, b] = [out[i - 1], out[i]];
    if (/^\s*$/.test(n.slice(a.end, b.start))) {
      const rewrites = a.rewrites.length && b.rewrites.length ? b.rewrites.map((r) => [a.rewrites[0], r].filter(Boolean).join(' ')) : [];
      out.splice(i - 1, 2, { start: a.start, end: b.end, rewrites });
    }
  }
  return out;
}
