// The claim analysis shared by the three claim rules, computed once per
// block: which sentences assert a treatment outcome, which point at evidence
// without citing it, which use absolute wording, and which are supported by
// an evidence marker in the sentence or the one right after it.

import type { Range, Sentence } from '../parse';
import { blank } from '../text';
import type { Fix } from '../types';
import { quote } from '../wording';
import {
  EVIDENCE_FRAMES,
  EVIDENCE_FRAME_WORDS,
  HEDGE,
  NEGATION_BEFORE,
  NOT_AN_OUTCOME_BEFORE,
  NOUN_PREDICATE,
  OUTCOME,
  OVERSTATEMENTS,
  PRONOUN_SUBJECT,
  SELF_EVIDENT_OUTCOME,
  SHOWN_TO_SOMEONE,
  TESTIMONY,
  TREATMENT_CATEGORIES,
  TREATMENT_WORDS,
} from './claimFrames';
import { isQuestion } from './frames';
import type { ContextBlock, RuleContext } from './rule';

export interface SentenceClaims {
  sentence: Sentence;
  /** The sentence asserts an outcome of a treatment. */
  claim: boolean;
  hedged: boolean;
  /** An evidence marker in this sentence or the next one of the paragraph. */
  supported: boolean;
  /** Citekeys cited here that the bibliography lacks. */
  unknownKeys: string[];
  /** Uncited pointers at evidence ("research shows"). */
  frames: (Range & { hedged: boolean })[];
  overstatements: (Range & { rewrites: string[] })[];
}

// Shared by the three claim rules, which run one after another on a block with the same context: kept on
// the context itself, so it goes with it (a WeakMap entry would stay until a full garbage collection).
const ANALYSED = Symbol('claims');

export function claimsOf(context: RuleContext & { [ANALYSED]?: SentenceClaims[] }): SentenceClaims[] {
  return (context[ANALYSED] ??= analyse(context));
}

function analyse({ doc, glossary, block, matches, evidence, heading }: RuleContext): SentenceClaims[] {
  // Prose only: code, URLs, citekeys, quoted speech and linked titles that are questions blanked, offsets kept.
  const source = doc.text.slice(block.start, block.end);
  const titles = [...source.matchAll(/\[[^\]\n]{0,300}\?\]\(/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  // "**Heal**: ..." at the start of a block is a label, not a verb.
  const label = /^\s*(\*\*|__)[^*_\n]{1,40}\1\s*:/.exec(source);
  if (label) titles.push({ start: 0, end: label[0].length });
  const prose = blank(source, [...block.masked, ...block.quotes].map((r) => ({ start: r.start - block.start, end: r.end - block.start })).concat(titles)).replace(/’/g, "'");
  const sliceOf = (r: Range) => prose.slice(r.start - block.start, r.end - block.start);
  const isTreatment = (id: string) => TREATMENT_CATEGORIES.has(glossary.get(id)?.category ?? '');
  // Only a sentence whose subject is a pronoun asks (and reading the heading may mean parsing its unit again).
  let hasTreatment: boolean | undefined;
  const blockHasTreatment = () =>
    (hasTreatment ??= matches.some((m) => m.entryIds.some(isTreatment)) || TREATMENT_WORDS.test(prose) || headingNamesTreatment(doc.text, heading()));
  const treatmentSentences = new Set(matches.filter((m) => !m.quoted && m.entryIds.some(isTreatment)).map((m) => m.sentence));
  return block.sentences.map((sentence, index) => {
    const text = sliceOf(sentence);
    const question = isQuestion(doc.text, sentence);
    const treatment =
      treatmentSentences.has(sentence) ||
      TREATMENT_WORDS.test(text) ||
      SELF_EVIDENT_OUTCOME.test(text) ||
      (PRONOUN_SUBJECT.test(text) && blockHasTreatment());
    const assertive = treatment && !question && !TESTIMONY.test(text);
    const outcome = assertive ? firstOutcome(text, block.kind === 'heading') : undefined;
    // A marker right after the sentence (".[^1]") or in the next sentence supports it; one at the very
    // start of a sentence ("scarce.[3] Therapy ...") belongs to the sentence before.
    const previous = block.sentences[index - 1];
    const start = previous ? previous.end + leadingMarkers(doc.text, previous.end) : block.start;
    const afterNext = block.sentences[index + 2];
    const scope = { start, end: afterNext ? afterNext.start + leadingMarkers(doc.text, afterNext.start) : block.end };
    const markers = evidence.markers(scope);
    const supporting = markers.filter((m) => evidence.unknownKeys(m).length === 0);
    const frames = question ? [] : evidenceFrames(text, sentence.start);
    return {
      sentence,
      claim: outcome !== undefined,
      hedged: outcome !== undefined && HEDGE.test(text.slice(0, outcome.end)),
      supported: supporting.length > 0,
      unknownKeys: [...new Set(markers.flatMap((m) => evidence.unknownKeys(m)))],
      frames,
      overstatements: assertive ? overstatements(text, sentence.start, outcome !== undefined) : [],
    };
  });
}

function leadingMarkers(text: string, start: number): number {
  return /^\s*(?:(?:\[[^\]\n]*\]|\(\d{1,3}(?:[-–,]\s*\d{1,3})*\)|<sup>[^<]*<\/sup>)\s*)*/.exec(text.slice(start, start + 200))![0].length;
}

/** The first outcome predicate that is not negated and not a purpose or process; in a heading, only a verb. */
const OUTCOME_G = new RegExp(OUTCOME.source, 'gi');
const FRAMES_G = EVIDENCE_FRAMES.map((frame) => new RegExp(frame.source, frame.flags.includes('g') ? frame.flags : frame.flags + 'g'));
const OVERSTATEMENTS_G = OVERSTATEMENTS.map((o) => ({ ...o, pattern: new RegExp(o.pattern.source, 'gi') }));

function firstOutcome(text: string, heading: boolean): Range | undefined {
  const re = OUTCOME_G;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let excludedEnd = -1;
  while ((m = re.exec(text))) {
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    // "reduced or alleviated": a predicate joined to an excluded one shares its fate.
    const coordinated = excludedEnd >= 0 && /^ (?:or|and|,) ?(?:\w+ )?$/.test(text.slice(excludedEnd, m.index));
    if (coordinated || NOT_AN_OUTCOME_BEFORE.test(before) || NEGATION_BEFORE.test(before)) {
      excludedEnd = m.index + m[0].length;
      continue;
    }
    if (heading && NOUN_PREDICATE.test(m[0])) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Uncited pointers at evidence; of overlapping frames, the earliest and longest wins. */
function evidenceFrames(text: string, base: number): (Range & { hedged: boolean })[] {
  const found: (Range & { hedged: boolean })[] = [];
  if (!EVIDENCE_FRAME_WORDS.test(text)) return found;
  for (const re of FRAMES_G) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      const end = start + m[0].trimEnd().length;
      if (NEGATION_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || /\b(?:no|not)\b/i.test(m[0])) continue;
      // "researchers showed participants a list": showing someone something is not reporting a finding.
      if (SHOWN_TO_SOMEONE.test(text.slice(end))) continue;
      found.push({ start: base + start, end: base + end, hedged: HEDGE.test(m[0]) });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (Range & { hedged: boolean })[] = [];
  for (const f of found) if (!out.some((o) => o.start < f.end && f.start < o.end)) out.push(f);
  return out;
}

function overstatements(text: string, base: number, claim: boolean): (Range & { rewrites: string[] })[] {
  let out: (Range & { rewrites: string[] })[] = [];
  for (const o of OVERSTATEMENTS_G) {
    if (o.requiresClaim && !claim) continue;
    const re = o.pattern;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      if (NEGATION_BEFORE.test(text.slice(Math.max(0, start - 40), start))) continue;
      if (out.some((x) => x.start - base < end && start < x.end - base)) continue;
      out.push({ start: base + start, end: base + end, rewrites: o.rewrites });
    }
  }
  out = out.sort((a, b) => a.start - b.start);
  // "completely eliminates": one overstatement, one rewrite.
  for (let i = out.length - 1; i > 0; i--) {
    const [a, b] = [out[i - 1], out[i]];
    if (/^\s*$/.test(text.slice(a.end - base, b.start - base))) {
      const rewrites = a.rewrites.length && b.rewrites.length ? b.rewrites.map((r) => [a.rewrites[0], r].filter(Boolean).join(' ')) : [];
      out.splice(i - 1, 2, { start: a.start, end: b.end, rewrites });
    }
  }
  return out;
}

/** Insert a placeholder citation before the sentence's final punctuation. */
export function placeholderFix(text: string, sentence: Sentence, placeholder: string): Fix {
  const body = text.slice(sentence.start, sentence.end).replace(/\s+$/, '');
  const tail = /[.!?]["'”’)]*$/.exec(body);
  const at = sentence.start + (tail ? tail.index : body.length);
  const space = /\s$/.test(text.slice(sentence.start, at)) ? '' : ' ';
  return { title: `Add a citation placeholder ${quote(placeholder)}`, edits: [{ start: at, end: at, text: `${space}${placeholder}` }], safe: false, preferred: true };
}

/** The sentence without trailing white space. */
export function sentenceRange(text: string, sentence: Sentence): Range {
  return { start: sentence.start, end: sentence.start + text.slice(sentence.start, sentence.end).trimEnd().length };
}

function headingNamesTreatment(text: string, heading: ContextBlock | undefined): boolean {
  return heading !== undefined && TREATMENT_WORDS.test(text.slice(heading.block.start, heading.block.end));
}
