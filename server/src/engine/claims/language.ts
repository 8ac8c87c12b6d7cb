// The claim language compiled for matching, once at start-up: word sets for
// the structure tests and one regular expression per kind of phrase. Every
// word comes from data/claim-language.yaml (through languageData.ts).

import { CLAIM_LANGUAGE as L } from './languageData';
import { ingForm, nounForms, verbForms } from './languageSchema';

const set = (words: Iterable<string>) => new Set(words);
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An alternation of words or patterns, longest first so a longer phrase wins. */
const alternation = (items: Iterable<string>, literal = true) =>
  [...new Set(items)].sort((a, b) => b.length - a.length).map((w) => (literal ? escape(w).replace(/ /g, '\\s+') : w)).join('|');
/**
 * A pattern that matches whole words only (a hyphen or an apostrophe joins words: "hard-to-treat" is one).
 * The check before the match is made in code, not by a look-behind, so the expression keeps its fast
 * first-character scan.
 */
export class WordPattern {
  private readonly re: RegExp;
  constructor(body: string, flags = '') {
    this.re = new RegExp(`\\b(?:${body})(?![\\w-])`, flags.replace('g', '') + 'g');
  }
  matches(text: string, first = false): { index: number; text: string }[] {
    const out: { index: number; text: string }[] = [];
    const re = this.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m.index > 0 && /[\w'-]/.test(text[m.index - 1])) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out.push({ index: m.index, text: m[0] });
      if (first) break;
      if (m[0] === '') re.lastIndex++;
    }
    return out;
  }
  test(text: string): boolean {
    return this.matches(text, true).length > 0;
  }
}
const words = (body: string, flags = '') => new WordPattern(body, flags);

const nouns = (list: string[]) => set(list.flatMap(nounForms));

/** Treatment nouns that need a clinical paragraph ("approach", "app"), and all treatment nouns. */
export const NEEDS_CLINICAL_CONTEXT = nouns(L.treatment.needs_clinical_context);
export const TREATMENT_NOUNS = nouns([...L.treatment.nouns, ...L.treatment.needs_clinical_context]);
export const TREATMENT_CATEGORIES = set(L.treatment.glossary_categories);
export const ANAPHORS = set(L.treatment.anaphors);
export const NOT_NAMES = set(L.treatment.not_names);
/**
 * "X is a (kind of) therapy": up to three capitalised words (and an acronym in brackets) before "is/are a",
 * up to four words, then a defining noun that ends its phrase. The name is group 1, the acronym group 2.
 */
const DEFINING_VERB_SOURCE = String.raw`[ \t](?:is|are)[ \t]+(?:also[ \t]+)?an?[ \t]`;
/** What every definition holds ("is a", "are an", "is also a"): a text without it defines nothing. */
export const DEFINING_VERB = new RegExp(DEFINING_VERB_SOURCE);
export const DEFINITION = new RegExp(
  String.raw`(?<![\w'’-])([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})(?:[ \t]*\(([A-Z][A-Za-z-]{1,10})\))?[*_"”’]*[ \t]*${DEFINING_VERB_SOURCE}[ \t]*(?:[\w-]+,?[ \t]+){0,4}?(?:(?:form|type|kind)[ \t]+of[ \t]+(?:[\w-]+[ \t]+){0,2}?)?(?:${alternation(L.treatment.defining_nouns)})(?=[ \t]*(?:[.,;:!?)\]—–\n]|$)|[ \t]+(?:${alternation(L.treatment.definition_continuations)})(?![\w-]))`,
  'g',
);
/** The names a document defines, as one pattern. */
export const namesPattern = (names: readonly string[]) => new WordPattern(alternation(names), 'i');
export const CLINICIANS = nouns(L.treatment.clinicians);
export const PEOPLE = nouns(L.treatment.people);
export const CONDITIONS = nouns(L.treatment.conditions);
export const CLINICAL_WORD = words(alternation([...CONDITIONS, ...nouns(L.treatment.clinical_words), ...nouns(L.treatment.nouns)]), 'i');
export const CONDITION_CATEGORIES = set(L.treatment.glossary_condition_categories);

const P = L.predicates;
/** Each outcome verb form, mapped to its lemma. */
export const OUTCOME_VERB_FORMS = new Map<string, string>(P.verbs.flatMap((v) => verbForms(v, P.irregular).map((f) => [f, v] as [string, string])));
/** "-ing" forms of the outcome verbs, by lemma: "strategies for coping". */
export const OUTCOME_GERUNDS = new Map<string, string>(P.verbs.map((v) => [ingForm(v), v] as [string, string]));
export const OBJECT_REQUIRED = new Map(Object.entries(P.object_required).map(([verb, objects]) => [verb, set(objects)]));
export const HELP_FORMS = set(P.help.flatMap((v) => verbForms(v)));
export const PROCESS_VERBS = set(P.process_verbs);
export const ADJECTIVES = set(P.adjectives);
export const COPULAS = set(P.copulas);
export const INTRANSITIVE = set(P.intransitive.flatMap((v) => verbForms(v, P.irregular)));
export const PASSIVE_PARTICIPLES = set(P.passive.flatMap((v) => verbForms(v, P.irregular).slice(-1)));
export const TREATMENT_LINKS = set(P.treatment_links);
export const PERSON_OUTCOMES = P.person_outcomes.map((p) => p.split(' '));
export const PERSON_MODALS = set(P.person_modals);
export const WORK_FORMS = set(P.work.flatMap((v) => verbForms(v)));
export const WORK_NOT_BEFORE = set(P.work_not_before);

/** Outcome verbs, "help", "work" and adjectives: one pass over a sentence finds every candidate word. */
/** Outcome verbs, "help", "work" and adjectives: a sentence's tokens are looked up here. */
export const PREDICATE_WORDS = set([...OUTCOME_VERB_FORMS.keys(), ...HELP_FORMS, ...WORK_FORMS, ...ADJECTIVES, ...INTRANSITIVE, ...PASSIVE_PARTICIPLES]);
/** Constructions and "a condition is treatable" phrases, in one pass (the treatable ones first: they need no subject). */
export const PREDICATE_PHRASES = words(`${alternation([...P.treatable, ...P.self_evident])}|${alternation(P.phrases, false)}`);
export const TREATABLE = set([...P.treatable, ...P.self_evident]);
export const SELF_EVIDENT = words(alternation(P.self_evident), '');
export const USE_WHEN_PASSIVE = set(P.use_when_passive.flatMap((v) => verbForms(v, P.irregular)));

const S = L.scope;
export const SUBORDINATORS = set(S.subordinators);
export const INFINITIVE_HEADS = set(S.infinitive_heads);
/** Advice: a modal on its own ("should"), or a verb followed by "to" ("need to"). */
export const DEONTIC = set(S.deontic.filter((w) => !w.includes(' ')));
export const DEONTIC_BEFORE_TO = set(S.deontic.filter((w) => w.endsWith(' to')).map((w) => w.slice(0, -3)));
export const NEGATION = set(S.negation);
export const NEGATIVE_SUBJECTS = set(S.negative_subjects);
export const REPORTED_VIEWS = set(S.reported_views);
export const TESTIMONY = words(alternation(S.testimony), '');
export const FIRST_PERSON_OBJECTS = set(S.first_person_objects);
export const HISTORY_MARKERS = words(alternation(S.history_markers), '');
export const PURPOSE_HEADS = set(S.purpose_heads);

export const HEDGE = words(alternation(L.hedges), '');
/** Hedges of a classification ("X may be a form of Y"), read by term/misclassification in lower-cased text. */
export const CLASSIFICATION_HEDGE = new RegExp(`\\b(?:${alternation(L.classification_hedges)})\\b`);

const E = L.evidence;
/** Every form of a verb of the evidence lists: -s, -ed (or the irregular forms given) and -ing. */
const evidenceForms = (lemma: string) => [...verbForms(lemma, E.irregular), ingForm(lemma)];
const evidenceVerbForms = E.verbs.flatMap(evidenceForms);
export const EVIDENCE_VERBS = set(evidenceVerbForms);
/** "are starting to show", "keeps finding": aspect between a source and its verb. */
export const ASPECT_VERBS = set(E.aspect_verbs.flatMap(evidenceForms));
/** "are emerging", "keep coming out": each form of the verb, with the particle it needs ('' if none). */
export const PRESENTATIVE_VERBS = new Map<string, string>(
  E.presentative_verbs.flatMap((v) => {
    const [verb, particle = ''] = v.split(' ');
    return evidenceForms(verb).map((f) => [f, particle] as [string, string]);
  }),
);
/** "is mounting (that)", "are accumulating (that)": a source that grows, then what it shows. */
export const GROWTH_VERBS = set(E.growth_verbs.flatMap(evidenceForms));
/** "a number of", "dozens of": the quantity's "of" phrase holds the subject. */
export const QUANTITIES = nouns(E.quantities);
const EVIDENCE_BODIES = set(E.bodies);
export const STUDIES = nouns(E.studies);
export const QUALIFIED_STUDIES = nouns(E.qualified_studies);
export const STUDY_QUALIFIER = words(alternation(E.qualifiers, false), '');
export const RESEARCHERS = nouns(E.researchers);
/** Any noun that can be the subject of a reported finding. */
export const EVIDENCE_SUBJECTS = new Set([...EVIDENCE_BODIES, ...STUDIES, ...RESEARCHERS]);
export const VERDICTS = set(E.verdicts);
/** A statistic reported in the text: the writer's own data. */
export const STATISTIC = new RegExp(E.statistics.join('|'));
export const COMPOUND_EVIDENCE = words(alternation(E.compound_adjectives));
export const EXISTENTIAL_EVIDENCE = words(
  String.raw`there(?:\s+is|\s+are|'s|\s+has\s+been|\s+have\s+been)(?:\s+\S+){0,3}?\s+(?:${alternation(E.existential)})(?:\s+\S+){0,2}?\s+(?:that|for|to suggest|showing|suggesting|supporting)`,
);
export const EVIDENCE_PHRASES = words(alternation(E.phrases, false));
/** Every evidence phrase holds one of these words (checked when the data is compiled): a sentence without one skips the phrases. */
export const EVIDENCE_PHRASE_WORDS = new Set([...EVIDENCE_SUBJECTS, ...verbForms('find', E.irregular)]);
/** First words of the compound evidence adjectives ("research-supported" is one token, "scientifically backed" two). */
export const COMPOUND_EVIDENCE_FIRST = set(E.compound_adjectives.map((c) => c.split(' ')[0]));
export const ORGANISATION_WORDS = set(E.organisation_words);
/** "Recommended by NICE": an organisation verb in the passive names its source as "according to" does. */
const ATTRIBUTIONS = [...E.attribution, ...E.organisation_verbs.map((v) => `${verbForms(v, E.irregular).at(-1)} by`)];
export const ATTRIBUTION = words(alternation(ATTRIBUTIONS), 'g');
/** The first words of the attributions ("according", "per", "source", "recommended"): a sentence without one skips them. */
export const ATTRIBUTION_WORDS = set(ATTRIBUTIONS.map((a) => a.split(' ')[0].replace(/:$/, '')));
export const ORGANISATION_VERBS = set(E.organisation_verbs.flatMap((v) => verbForms(v, E.irregular)));
export const POINTER_WORDS = words(alternation(E.pointer_words), '');

export const OVERSTATEMENTS = L.overstatements.map((o) => ({ ...o, re: words(o.pattern, 'gi') }));
/** Any overstatement at all: one pass that lets most sentences skip the patterns one by one. Look-behinds only narrow a match, so without them this matches wherever one of the patterns does. */
export const ANY_OVERSTATEMENT = words(L.overstatements.map((o) => `(?:${withoutLookbehinds(o.pattern)})`).join('|'), 'i');

/** A pattern without its look-behind assertions ("(?<=…)", "(?<!…)"), nested groups included. */
export function withoutLookbehinds(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
      continue;
    }
    if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) {
      let depth = 0;
      for (; i < pattern.length; i++) {
        if (pattern[i] === '\\') i++;
        else if (pattern[i] === '(') depth++;
        else if (pattern[i] === ')' && --depth === 0) break;
      }
      continue;
    }
    out += pattern[i];
  }
  return out;
}

/** A link target that is evidence: a listed host or one of its subdomains, a government or university domain, a journal platform, a DOI path. */
const HOSTS = L.links.hosts;
const TLDS = new RegExp(`\\.(?:${alternation(L.links.tlds)})$`);
export function isEvidenceUrl(url: string): boolean {
  if (/^doi:/i.test(url)) return true;
  const m = /^(?:https?:)?\/\/([^/?#:]+)([^?#]*)/i.exec(url);
  if (!m) return false;
  const host = m[1].toLowerCase();
  if (HOSTS.some((h) => host === h || host.endsWith('.' + h))) return true;
  if (TLDS.test(host)) return true;
  if (L.links.host_prefixes.some((p) => host.startsWith(p + '.'))) return true;
  return L.links.paths.some((p) => m[2].includes(p));
}

/** Words the deglue step may find run together in scraped text ("Therapyhelps", "reviewfound"). */
// (GLUE_LEFT_BY_START below indexes them by their first two letters.)
export const GLUE_LEFT = new Set([
  ...TREATMENT_NOUNS,
  ...EVIDENCE_SUBJECTS,
  ...HELP_FORMS,
  ...['that', 'of', 'and', 'with', 'the', 'for', 'some', 'new', 'recent', 'this', 'these', 'also'],
]);
export const GLUE_RIGHT = new Set([
  ...[...OUTCOME_VERB_FORMS.keys()].filter((w) => w.length >= 5),
  ...HELP_FORMS,
  ...evidenceVerbForms.filter((w) => w.length >= 4),
  ...TREATMENT_NOUNS,
  ...EVIDENCE_SUBJECTS,
  ...['can', 'could', 'may', 'might', 'will', 'would', 'is', 'are', 'was', 'were', 'of', 'in', 'for', 'with', 'that', 'and', 'the'],
]);

/** GLUE_LEFT by first two letters: a long word is tried only against the left words it starts like. */
export const GLUE_LEFT_BY_START = new Map<string, string[]>();
for (const w of GLUE_LEFT) {
  const key = w.slice(0, 2);
  GLUE_LEFT_BY_START.set(key, [...(GLUE_LEFT_BY_START.get(key) ?? []), w]);
}
