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
// Clauses and subjects are found by clauses.ts, evidence frames by
// evidenceFrames.ts. No word of the language is written here: it comes from
// language.ts.

import {
  ADJECTIVES,
  ANY_OVERSTATEMENT,
  ANAPHORS,
  CLINICIANS,
  CONDITIONS,
  COPULAS,
  DEONTIC,
  DEONTIC_BEFORE_TO,
  FIRST_PERSON_OBJECTS,
  HEDGE,
  HELP_FORMS,
  INFINITIVE_HEADS,
  INTRANSITIVE,
  NEGATION,
  NEGATIVE_SUBJECTS,
  OBJECT_REQUIRED,
  OUTCOME_GERUNDS,
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
  REPORTED_VIEWS,
  SELF_EVIDENT,
  TESTIMONY,
  TREATABLE,
  TREATMENT_LINKS,
  TREATMENT_NOUNS,
  NEEDS_CLINICAL_CONTEXT,
  USE_WHEN_PASSIVE,
  WORK_FORMS,
  WORK_NOT_BEFORE,
} from './language';
import { SentenceView, type Span, type Token } from './sentenceView';
import { AUXILIARIES, DETERMINERS, MODALS, NOUN_BEFORE, OPENERS, PERSONAL, PREPOSITIONS, clauseOf, subjectOf, subjectZone } from './clauses';
import { evidenceFrames, type FrameKind } from './evidenceFrames';

export type { Span } from './sentenceView';

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
  /** The paragraph, its list lead or a heading over it is clinical: "approach" and "app" are treatments there. */
  clinical: () => boolean;
  question: boolean;
}

export type { FrameKind } from './evidenceFrames';

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


export function analyseSentence(input: SentenceInput): SentenceAnalysis {
  const view = new SentenceView(input.prose);
  const { n, tokens } = view;
  const treatmentRanges = input.treatments.map((r) => ({ start: view.fromOriginal(r.start), end: view.fromOriginal(r.end) }));
  const isTreatment = (t: Token) =>
    (TREATMENT_NOUNS.has(t.w) && (!NEEDS_CLINICAL_CONTEXT.has(t.w) || input.clinical())) || treatmentRanges.some((r) => r.start < t.end && t.start < r.end);
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
  // Negation and advice just before the predicate (or its list). A negative subject compared with a
  // treatment praises that treatment: "Nothing works better than exposure".
  for (const at of new Set([c.first, head])) {
    for (let k = 1; k <= 4 && at - k >= clause.start; k++) {
      const x = tokens[at - k].w;
      if (NEGATIVE_SUBJECTS.has(x) && tokens.slice(clause.subject, at - k).every((t) => OPENERS.has(t.w)) && treatmentAfterThan(tokens, c.last + 1, clause.end, isTreatment)) return true;
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
  // "With treatment, …", "After a course of CBT, …": the treatment in the clause's opening phrase.
  const linkedBefore = () => treatmentAfter(tokens, clause.subject, c.first - zone.length, isTreatment);

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
      if (lemma && !hasOutcomeObject(tokens, lemma, c.last + 1, clause.end, isCondition)) return false;
      if (restrictive && !clause.definition) return false;
      if (subject.treatment || subject.referring || subject.gerund) return true;
      // "With treatment, most people recover": people's outcome, the treatment in the opening phrase.
      if (subject.person && linkedBefore()) return true;
      // "X improves depressive symptoms": a condition as the object makes it an outcome, whatever X is (not a person).
      if (zone.some((t) => !OPENERS.has(t.w)) && !subject.person && !subject.clinician && !zone.some((t) => PERSONAL.has(t.w) || isCondition(t)) && conditionAfter()) return true;
      // "Symptoms improve with medication", "With medication, his mood improved".
      return INTRANSITIVE.has(w) && (linkedAfter() || linkedBefore());
    }
  }
}

/** A comparison right after (or ending) a predicate with a treatment after its "than": "works better than exposure". */
function treatmentAfterThan(tokens: Token[], from: number, end: number, isTreatment: (t: Token) => boolean): boolean {
  for (let k = from - 1; k < Math.min(end, from + 4); k++) {
    if (tokens[k].w !== 'than') continue;
    for (let j = k + 1; j < Math.min(end, k + 5); j++) if (isTreatment(tokens[j])) return true;
    return false;
  }
  return false;
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

/** A verb that is an outcome only with certain objects ("fix anxiety", not "fix a date") has one of those, or a condition, within three words; any other verb needs none. */
function hasOutcomeObject(tokens: Token[], lemma: string, from: number, end: number, isCondition: (t: Token) => boolean): boolean {
  const objects = OBJECT_REQUIRED.get(lemma);
  return !objects || tokens.slice(from, Math.min(end, from + 3)).some((t) => objects.has(t.w) || isCondition(t));
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
  // A process verb, and perhaps an outcome after it: "explore emotions and deal with trauma",
  // or, when a treatment helps, a process for an outcome: "find ways to cope", "work on
  // strategies for dealing with panic" (a clinician who helps you find a way to treat
  // something is helping you choose).
  for (let j = k + 1; j < end; j++) {
    const w = tokens[j].w;
    const link = tokens[j - 1].w;
    if (link === 'and' || link === 'or') {
      if (OUTCOME_VERB_FORMS.has(w) && !OBJECT_REQUIRED.has(OUTCOME_VERB_FORMS.get(w)!)) return true;
      if (w === 'deal' || (PERSON_OUTCOMES.some((p) => p[0] === w) && !PROCESS_VERBS.has(w))) return true;
    }
    const purpose = link === 'to' ? (OUTCOME_VERB_FORMS.get(w) === w ? w : undefined) : link === 'for' || link === 'of' ? OUTCOME_GERUNDS.get(w) : undefined;
    if (purpose && !strict && hasOutcomeObject(tokens, purpose, j + 1, end, isCondition)) return true;
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
