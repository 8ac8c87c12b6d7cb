// The shape of data/claim-language.yaml and the invariants it must keep.
// Used by the build step that compiles it (scripts/compile-claim-language.ts)
// and by the tests; the engine reads the compiled result (languageData.ts).

export interface OverstatementData {
  pattern: string;
  /** Part of speech of the matched words; every rewrite has the same one. */
  pos: string;
  rewrites: string[];
  /** Only in a sentence that asserts a treatment outcome. */
  claim?: boolean;
  /** A sentence of the project's own that the pattern matches ... */
  example: string;
  /** ... and what the first rewrite makes of it (absent when there is no rewrite). */
  rewritten?: string;
}

export interface ClaimLanguage {
  treatment: {
    nouns: string[];
    needs_clinical_context: string[];
    clinical_words: string[];
    glossary_categories: string[];
    anaphors: string[];
    clinicians: string[];
    people: string[];
    conditions: string[];
    glossary_condition_categories: string[];
    defining_nouns: string[];
    definition_continuations: string[];
    not_names: string[];
  };
  predicates: {
    verbs: string[];
    irregular: Record<string, string[]>;
    object_required: Record<string, string[]>;
    help: string[];
    process_verbs: string[];
    adjectives: string[];
    copulas: string[];
    intransitive: string[];
    passive: string[];
    treatment_links: string[];
    person_outcomes: string[];
    person_modals: string[];
    treatable: string[];
    use_when_passive: string[];
    self_evident: string[];
    phrases: string[];
    work: string[];
    work_not_before: string[];
  };
  scope: {
    subordinators: string[];
    infinitive_heads: string[];
    deontic: string[];
    negation: string[];
    negative_subjects: string[];
    reported_views: string[];
    testimony: string[];
    first_person_objects: string[];
    history_markers: string[];
    purpose_heads: string[];
  };
  hedges: string[];
  classification_hedges: string[];
  evidence: {
    bodies: string[];
    studies: string[];
    qualified_studies: string[];
    qualifiers: string[];
    researchers: string[];
    quantities: string[];
    verbs: string[];
    aspect_verbs: string[];
    presentative_verbs: string[];
    growth_verbs: string[];
    irregular: Record<string, string[]>;
    compound_adjectives: string[];
    verdicts: string[];
    statistics: string[];
    existential: string[];
    phrases: string[];
    organisation_words: string[];
    attribution: string[];
    organisation_verbs: string[];
    pointer_words: string[];
  };
  overstatements: OverstatementData[];
  links: { hosts: string[]; tlds: string[]; host_prefixes: string[]; paths: string[] };
}

/** -s and -ed forms of a verb lemma (irregular forms given in the data win). */
export function verbForms(lemma: string, irregular: Record<string, string[]> = {}): string[] {
  if (irregular[lemma]) return [lemma, ...irregular[lemma]];
  const third = /(?:s|x|z|ch|sh)$/.test(lemma) ? lemma + 'es' : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'ies' : lemma + 's';
  const past = /e$/.test(lemma) ? lemma + 'd' : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'ied' : lemma + 'ed';
  return [lemma, third, past];
}

/** The -ing form of a verb lemma. */
export function ingForm(lemma: string): string {
  if (/ie$/.test(lemma)) return lemma.slice(0, -2) + 'ying';
  if (/[^e]e$/.test(lemma)) return lemma.slice(0, -1) + 'ing';
  return lemma + 'ing';
}

/** A noun and its plural. */
export function nounForms(noun: string): string[] {
  if (/(?:sis)$/.test(noun)) return [noun, noun.slice(0, -2) + 'es'];
  if (/(?:s|x|z|ch|sh)$/.test(noun)) return [noun, noun + 'es'];
  if (/[^aeiou]y$/.test(noun)) return [noun, noun.slice(0, -1) + 'ies'];
  return [noun, noun + 's'];
}

const LIST_KEYS: [keyof ClaimLanguage, string[]][] = [
  ['treatment', ['nouns', 'needs_clinical_context', 'clinical_words', 'glossary_categories', 'anaphors', 'clinicians', 'people', 'conditions', 'glossary_condition_categories', 'defining_nouns', 'definition_continuations', 'not_names']],
  ['predicates', ['verbs', 'help', 'process_verbs', 'adjectives', 'copulas', 'intransitive', 'passive', 'treatment_links', 'person_outcomes', 'person_modals', 'treatable', 'use_when_passive', 'self_evident', 'phrases', 'work', 'work_not_before']],
  ['scope', ['subordinators', 'infinitive_heads', 'deontic', 'negation', 'negative_subjects', 'reported_views', 'testimony', 'first_person_objects', 'history_markers', 'purpose_heads']],
  ['evidence', ['bodies', 'studies', 'qualified_studies', 'qualifiers', 'researchers', 'quantities', 'verbs', 'aspect_verbs', 'presentative_verbs', 'growth_verbs', 'compound_adjectives', 'verdicts', 'statistics', 'existential', 'phrases', 'organisation_words', 'attribution', 'organisation_verbs', 'pointer_words']],
  ['links', ['hosts', 'tlds', 'host_prefixes', 'paths']],
];

/**
 * Problems with the data, each naming where it is: a missing or mistyped list,
 * a duplicate word, a pattern that does not compile or can backtrack badly, an
 * overstatement whose example or rewrite does not hold.
 */
export function checkClaimLanguage(raw: unknown): string[] {
  const problems: string[] = [];
  const data = raw as ClaimLanguage;
  if (!data || typeof data !== 'object') return ['the file must hold a mapping'];
  const treatmentNouns = [...(data.treatment?.nouns ?? []), ...(data.treatment?.needs_clinical_context ?? [])];
  for (const w of data.treatment?.needs_clinical_context ?? []) if ((data.treatment.nouns ?? []).includes(w)) problems.push(`treatment.needs_clinical_context: "${w}" is also in treatment.nouns`);
  for (const w of data.treatment?.defining_nouns ?? []) if (!treatmentNouns.includes(w)) problems.push(`treatment.defining_nouns: "${w}" is not a treatment noun`);
  for (const [section, keys] of LIST_KEYS) {
    const part = (data as unknown as Record<string, Record<string, unknown>>)[section];
    if (!part || typeof part !== 'object') {
      problems.push(`${section}: missing`);
      continue;
    }
    for (const key of keys) {
      const list = part[key];
      if (!Array.isArray(list) || list.some((w) => typeof w !== 'string' || w.trim() !== w || w === '')) {
        problems.push(`${section}.${key}: must be a list of words without surrounding spaces`);
        continue;
      }
      const seen = new Set<string>();
      for (const w of list as string[]) {
        if (seen.has(w)) problems.push(`${section}.${key}: "${w}" is listed twice`);
        seen.add(w);
      }
    }
  }
  for (const key of ['hedges', 'classification_hedges'] as const) {
    const list: unknown = data[key];
    if (!Array.isArray(list) || list.some((w) => typeof w !== 'string' || w.trim() !== w || w === '')) problems.push(`${key}: must be a list of words without surrounding spaces`);
    else for (const [i, w] of list.entries()) if (list.indexOf(w) !== i) problems.push(`${key}: "${w}" is listed twice`);
  }
  const patterns = [
    ...(data.predicates?.phrases ?? []).map((p, i) => [`predicates.phrases[${i}]`, p] as const),
    ...(data.evidence?.phrases ?? []).map((p, i) => [`evidence.phrases[${i}]`, p] as const),
    ...(data.evidence?.qualifiers ?? []).map((p, i) => [`evidence.qualifiers[${i}]`, p] as const),
    ...(data.evidence?.statistics ?? []).map((p, i) => [`evidence.statistics[${i}]`, p] as const),
    ...(data.overstatements ?? []).map((o, i) => [`overstatements[${i}].pattern`, o.pattern] as const),
  ];
  for (const [where, pattern] of patterns) {
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      problems.push(`${where}: does not compile: ${(error as Error).message}`);
      continue;
    }
    // A quantified group that itself holds a quantifier can backtrack exponentially on a long sentence.
    if (/\((?:[^()]|\([^()]*\))*[*+}]\)[*+{]/.test(pattern)) problems.push(`${where}: a repeated group holds a repetition (can backtrack exponentially)`);
    if (/^\s|\s$/.test(pattern)) problems.push(`${where}: starts or ends with a space`);
  }
  const overstatements = (data.overstatements ?? []).map((o) => ({ ...o, re: safeRegExp(o.pattern) }));
  overstatements.forEach((o, i) => {
    const where = `overstatements[${i}]`;
    if (!o.pos) problems.push(`${where}: needs a part of speech (pos)`);
    if (!Array.isArray(o.rewrites)) return void problems.push(`${where}: rewrites must be a list`);
    if (!o.re) return;
    const m = o.re.exec(o.example ?? '');
    if (!m) return void problems.push(`${where}: the pattern does not match its example "${o.example}"`);
    if (o.rewrites.length) {
      const first = o.rewrites[0];
      const result = o.example.slice(0, m.index) + first + o.example.slice(m.index + m[0].length);
      const tidy = result.replace(/ {2,}/g, ' ');
      if (tidy !== o.rewritten) problems.push(`${where}: the first rewrite makes "${tidy}" of the example, not "${o.rewritten}"`);
    } else if (o.rewritten) problems.push(`${where}: has "rewritten" but no rewrites`);
    // A rewrite must not be an overstatement itself, or fixing would never settle.
    for (const rewrite of o.rewrites) {
      for (const other of overstatements) {
        if (rewrite && other.re && new RegExp(`^(?:${other.pattern})$`, 'i').test(rewrite)) problems.push(`${where}: the rewrite "${rewrite}" is itself an overstatement`);
      }
    }
  });
  // The analysis skips the evidence phrases in a sentence that has none of their words (language.ts).
  const sourceWords = [...(data.evidence?.bodies ?? []), ...(data.evidence?.studies ?? []), ...(data.evidence?.researchers ?? []), 'find', 'found'];
  (data.evidence?.phrases ?? []).forEach((phrase, i) => {
    if (!sourceWords.some((w) => new RegExp(`\\b${w.slice(0, 5)}`).test(phrase))) problems.push(`evidence.phrases[${i}]: holds no source word (${sourceWords.join(', ')})`);
  });
  return problems;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`(?<![\\w-])(?:${pattern})(?![\\w-])`, 'i');
  } catch {
    return undefined;
  }
}
