// Build step: compile data/claim-language.yaml, check its invariants, and
// write server/src/engine/claims/languageData.ts (what the engine reads) and
// docs/claim-language.md (the tables writers and contributors read). A file
// with problems fails the build, each problem named with its line.
//
//   node out/scripts/compile-claim-language.js [--check]
// --check writes nothing and exits 1 when either generated file is stale.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { checkClaimLanguage, type ClaimLanguage } from '../server/src/engine/claims/languageSchema';
import { writeGenerated } from './generatedFiles';

const ROOT = path.resolve(__dirname, '..', '..');
export const SOURCE = path.join(ROOT, 'data', 'claim-language.yaml');
export const GENERATED = path.join(ROOT, 'server', 'src', 'engine', 'claims', 'languageData.ts');
export const DOCS = path.join(ROOT, 'docs', 'claim-language.md');

export function compileClaimLanguage(text: string): { language?: ClaimLanguage; problems: string[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const problems = doc.errors.map((e) => `${path.relative(ROOT, SOURCE)}:${e.linePos?.[0].line ?? 1}:${e.linePos?.[0].col ?? 1}: ${e.message}`);
  if (problems.length) return { problems };
  const raw = doc.toJS() as ClaimLanguage;
  for (const problem of checkClaimLanguage(raw)) {
    const at = positionOf(doc.contents, problem.split(':')[0], lines);
    problems.push(`${path.relative(ROOT, SOURCE)}:${at.line}:${at.col}: ${problem}`);
  }
  return problems.length ? { problems } : { language: raw, problems };
}

/** The line of a dotted path such as "overstatements[3].pattern", for messages. */
function positionOf(root: Node | null, where: string, lines: LineCounter): { line: number; col: number } {
  let node: unknown = root;
  for (const part of where.split(/\.|\[|\]/).filter(Boolean)) {
    if (isMap(node)) node = node.get(part, true);
    else if (isSeq(node)) node = node.get(Number(part), true);
    else break;
  }
  const offset = (node as Node | undefined)?.range?.[0] ?? 0;
  return lines.linePos(offset);
}

export function generatedModule(language: ClaimLanguage): string {
  return [
    '// Generated from data/claim-language.yaml by scripts/compile-claim-language.ts: do not edit.',
    '// Over 400 lines: it is the data, written out.',
    "import type { ClaimLanguage } from './languageSchema';",
    '',
    `export const CLAIM_LANGUAGE: ClaimLanguage = ${JSON.stringify(language, null, 2)};`,
    '',
  ].join('\n');
}

export function claimLanguageDocs(language: ClaimLanguage): string {
  const list = (words: string[]) => words.map((w) => `\`${w}\``).join(', ');
  const p = language.predicates;
  const e = language.evidence;
  const out = [
    '# Claim language',
    '',
    'Generated from `data/claim-language.yaml` by `npm run build`: do not edit. The claim rules',
    '([unsupported](rules/claim-unsupported.md), [vague attribution](rules/claim-vague-attribution.md),',
    '[overstated](rules/claim-overstated.md)) decide by structure; these are the words that fill it.',
    'Adding a word here needs no code change.',
    '',
    '## What names a treatment',
    '',
    `- Generic treatment nouns (and their plurals): ${list(language.treatment.nouns)}; and, where the paragraph, its list lead or a heading over it is clinical, ${list(language.treatment.needs_clinical_context)}.`,
    `- What makes a paragraph clinical: a condition, a glossary therapy or condition, one of the treatment nouns that need no setting, or ${list(language.treatment.clinical_words)}.`,
    `- Glossary entries of the categories ${list(language.treatment.glossary_categories)}.`,
    `- A name the document defines as a treatment ("X is a (kind of) ..." one of ${list(language.treatment.defining_nouns)}, ending its phrase: punctuation or ${list(language.treatment.definition_continuations)} after it), anywhere in that document; not ${list(language.treatment.not_names)}.`,
    `- Words that refer back to a treatment named in the paragraph or its heading: ${list(language.treatment.anaphors)}.`,
    `- Clinicians, who can "help someone" to an outcome: ${list(language.treatment.clinicians)}.`,
    `- People receiving treatment, whose promised outcomes count in a paragraph about a treatment: ${list(language.treatment.people)}.`,
    '',
    '## Outcome predicates',
    '',
    '| class | words |',
    '|---|---|',
    `| outcome verbs (with -s and -ed forms) | ${list(p.verbs)} |`,
    `| verbs that need an outcome object | ${Object.entries(p.object_required).map(([v, o]) => `\`${v}\` + ${list(o)}`).join('; ')} |`,
    `| help (an outcome unless a process verb follows, and that process is not for an outcome: "find ways to cope") | ${list(p.help)} |`,
    `| process verbs after "help" | ${list(p.process_verbs)} |`,
    `| adjectives (predicative, or before a treatment noun) | ${list(p.adjectives)} |`,
    `| verbs of a course, an outcome with a treatment linked to them (after, or in the opening phrase) | ${list(p.intransitive)} |`,
    `| passive outcomes with a treatment after "with"/"by" | ${list(p.passive)} |`,
    `| words that link a treatment to a predicate, after it ("improves with medication") or, with people as the subject, in the opening phrase ("With treatment, most people recover") | ${list(p.treatment_links)} |`,
    `| outcomes promised to people | ${list(p.person_outcomes)} after ${list(p.person_modals)} |`,
    `| a condition is treatable | ${list(p.treatable)} |`,
    `| constructions (regular expressions) | ${list(p.phrases)} |`,
    '',
    '## Scope: what is not asserted',
    '',
    `- Clauses opened by ${list(language.scope.subordinators)} ("why" is not one: "find out why X works" takes "X works" as given).`,
    `- An infinitive ("to reduce") unless it follows ${list(language.scope.infinitive_heads)}: otherwise it is a purpose or advice.`,
    `- Advice: ${list(language.scope.deontic)}. Negation: ${list(language.scope.negation)}.`,
    `- Reported views in a dated past: ${list(language.scope.reported_views)}. Testimony: ${list(language.scope.testimony)}.`,
    `- Hedges lower the severity one step: ${list(language.hedges)}.`,
    `- In term/misclassification, a classification hedged by ${list(language.classification_hedges)} is reported one severity lower.`,
    '',
    '## Evidence frames',
    '',
    `- Bodies of evidence: ${list(e.bodies)}; studies: ${list(e.studies)} (${list(e.qualified_studies)} only with a research qualifier: ${list(e.qualifiers)}); researchers: ${list(e.researchers)}.`,
    `- Reporting verbs (any form): ${list(e.verbs)}.`,
    `- A source behind a quantity ("a number of studies show"): ${list(e.quantities)}; an aspect verb between a source and its reporting verb ("are starting to show", "keeps finding"): ${list(e.aspect_verbs)}; a source brought on stage, then its finding as a participle or a "that" clause ("are emerging showing"): ${list(e.presentative_verbs)}; a source that grows, then a "that" clause ("evidence is mounting that"): ${list(e.growth_verbs)}.`,
    `- Compound adjectives: ${list(e.compound_adjectives)}. "There is … ${list(e.existential)} that …".`,
    `- Other pointers (regular expressions): ${list(e.phrases)}.`,
    `- An organisation named as a source after ${list(e.attribution)}, or as the subject of ${list(e.organisation_verbs)} (or their agent in the passive: "recommended by NICE"): a capitalised name holding one of ${list(e.organisation_words)}, or an acronym that is not a clinician ("her GP").`,
    `- A marker in the next sentence supports a claim when that sentence points at a source: ${list(e.pointer_words)}.`,
    '',
    '## Overstatements and their calibrated rewrites',
    '',
    '| pattern | part of speech | rewrites | only in a claim | example → first rewrite |',
    '|---|---|---|---|---|',
    ...language.overstatements.map(
      (o) => `| \`${o.pattern.replace(/\|/g, '\\|')}\` | ${o.pos} | ${o.rewrites.map((r) => (r ? `“${r}”` : '(delete)')).join(', ') || '—'} | ${o.claim ? 'yes' : 'no'} | ${o.example}${o.rewritten ? ` → ${o.rewritten}` : ''} |`,
    ),
    '',
    '## Links that count as evidence',
    '',
    `Hosts (and their subdomains): ${list(language.links.hosts)}; top-level domains ${list(language.links.tlds)}; hosts starting ${list(language.links.host_prefixes)}; paths holding ${list(language.links.paths)}.`,
    '',
  ];
  return out.join('\n');
}

if (require.main === module) {
  const { language, problems } = compileClaimLanguage(fs.readFileSync(SOURCE, 'utf8'));
  if (!language) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  const outputs: [string, string][] = [
    [GENERATED, generatedModule(language)],
    [DOCS, claimLanguageDocs(language)],
  ];
  writeGenerated(outputs, ROOT);
}
