// The claim analysis shared by the three claim rules, computed once per
// block: which sentences assert a treatment outcome, which point at evidence
// without citing it, which use absolute wording, and which are supported by
// an evidence marker in the sentence or the one right after it.

import type { Sentence } from '../parse/sentences';
import type { Range } from '../parse/types';
import { blank } from '../text';
import type { Fix } from '../types';
import { quote } from '../wording';
import { analyseSentence, type FrameKind } from '../claims/analysis';
import { ANAPHORS, CLINICAL_WORD, CONDITION_CATEGORIES, namesPattern, POINTER_WORDS, STATISTIC, TREATMENT_CATEGORIES, TREATMENT_NOUNS, type WordPattern } from '../claims/language';
import { isQuestion } from './frames';
import type { ContextBlock, RuleContext } from './rule';

export interface SentenceClaims {
  sentence: Sentence;
  /** The sentence asserts an outcome of a treatment. */
  claim: boolean;
  hedged: boolean;
  /** An evidence marker in this sentence, right after it, or in a next sentence that points at a source. */
  supported: boolean;
  /** Citekeys cited here that the bibliography lacks. */
  unknownKeys: string[];
  /** Uncited pointers at evidence ("research shows"). */
  frames: (Range & { hedged: boolean; kind: FrameKind })[];
  overstatements: (Range & { rewrites: string[] })[];
}

// Shared by the three claim rules, which run one after another on a block with the same context: kept on
// the context itself, so it goes with it (a WeakMap entry would stay until a full garbage collection).
const ANALYSED = Symbol('claims');

export function claimsOf(context: RuleContext & { [ANALYSED]?: SentenceClaims[] }): SentenceClaims[] {
  return (context[ANALYSED] ??= analyse(context));
}

const TREATMENT_NOUN = new RegExp(`(?<![\\w-])(?:${[...TREATMENT_NOUNS].join('|')})(?![\\w-])`, 'i');

/** The treatments a document defines, as one pattern: made once per lint (the list is new each lint). */
const namePatterns = new WeakMap<readonly string[], WordPattern>();
function definedNames(doc: RuleContext['doc']): WordPattern | undefined {
  const names = doc.treatmentNames;
  if (names.length === 0) return undefined;
  let pattern = namePatterns.get(names);
  if (!pattern) namePatterns.set(names, (pattern = namesPattern(names)));
  return pattern;
}

function analyse({ doc, glossary, block, matches, evidence, heading, above, lead }: RuleContext): SentenceClaims[] {
  // The block's prose (code, URLs and citekeys blanked, character references decoded), with quoted
  // speech and linked titles that are questions blanked too; offsets kept.
  const source = doc.text.slice(block.start, block.end);
  const titles = [...source.matchAll(/\[[^\]\n]{0,300}\?\]\(/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  // "**Heal**: ..." at the start of a block is a label, not a verb.
  const label = /^\s*(\*\*|__)[^*_\n]{1,40}\1\s*:/.exec(source);
  if (label) titles.push({ start: 0, end: label[0].length });
  const prose = blank(block.prose, block.quotes.map((r) => ({ start: r.start - block.start, end: r.end - block.start })).concat(titles));
  const isTreatment = (id: string) => TREATMENT_CATEGORIES.has(glossary.get(id)?.category ?? '');
  const isCondition = (id: string) => CONDITION_CATEGORIES.has(glossary.get(id)?.category ?? '');
  // Matches grouped by sentence once, so a paragraph of many sentences stays linear.
  const treatmentsIn = new Map<Sentence, Range[]>();
  const conditionsIn = new Map<Sentence, Range[]>();
  let treatmentMatchCount = 0;
  for (const m of matches) {
    if (m.quoted) continue;
    const into = m.entryIds.some(isTreatment) ? treatmentsIn : m.entryIds.some(isCondition) ? conditionsIn : undefined;
    if (!into) continue;
    if (into === treatmentsIn) treatmentMatchCount++;
    const list = into.get(m.sentence) ?? [];
    list.push({ start: m.start - m.sentence.start, end: m.end - m.sentence.start });
    into.set(m.sentence, list);
  }
  // Names the document defines as treatments count as glossary treatments do.
  const named = definedNames(doc);
  if (named) {
    let s = 0;
    for (const m of named.matches(prose)) {
      const at = block.start + m.index;
      while (s < block.sentences.length && block.sentences[s].end <= at) s++;
      const sentence = block.sentences[s];
      if (!sentence || sentence.start > at) continue;
      treatmentMatchCount++;
      const list = treatmentsIn.get(sentence) ?? [];
      list.push({ start: at - sentence.start, end: at - sentence.start + m.text.length });
      treatmentsIn.set(sentence, list);
    }
  }
  // A treatment noun names a treatment when it is a clinical one ("therapy") or the setting is clinical ("the approach" of a statistics paragraph is none).
  const treatmentNounIn = (text: string) => TREATMENT_NOUN.test(text) && (CLINICAL_WORD.test(text) || clinicalContext());
  const mentions = (sentence: Sentence) => treatmentsIn.has(sentence) || treatmentNounIn(prose.slice(sentence.start - block.start, sentence.end - block.start));
  const startsWithAnaphor = (sentence: Sentence) => ANAPHORS.has(/^\W*(\w+)/.exec(prose.slice(sentence.start - block.start, sentence.end - block.start))?.[1]?.toLowerCase() ?? '');
  // The paragraph, its list lead or its heading names a treatment: "It also lifts mood" refers to it.
  let topic: boolean | undefined;
  const names = (b: ContextBlock | undefined) => {
    if (b === undefined) return false;
    const text = doc.text.slice(b.block.start, b.block.end);
    return b.matches.some((m) => m.entryIds.some(isTreatment)) || treatmentNounIn(text) || (named?.test(text) ?? false);
  };
  // A condition or a clinical treatment in the paragraph, its list lead, or a heading it sits under.
  let clinical: boolean | undefined;
  const isClinical = (b: ContextBlock | undefined) =>
    b !== undefined && (b.matches.some((m) => m.entryIds.some(isTreatment) || m.entryIds.some(isCondition)) || CLINICAL_WORD.test(doc.text.slice(b.block.start, b.block.end)));
  const clinicalContext = () =>
    (clinical ??= treatmentMatchCount > 0 || conditionsIn.size > 0 || CLINICAL_WORD.test(prose) || isClinical(lead()) || isClinical(heading()) || above().some(isClinical));
  const aboutTreatment = () => (topic ??= treatmentMatchCount > 0 || treatmentNounIn(prose) || names(lead()) || names(heading()));
  // A pronoun refers to a treatment when the sentence before names one, or itself refers to one;
  // the first sentence of a paragraph, to one its list lead or heading names.
  // Filled in order, not by recursion: a paragraph of 100,000 sentences that each start with "It" must not overflow the stack.
  const refers: boolean[] = [];
  const referent = (index: number): boolean => {
    for (let i = refers.length; i <= index; i++) {
      const before = block.sentences[i - 1];
      refers[i] = i === 0 ? names(lead()) || names(heading()) : mentions(before) || (startsWithAnaphor(before) && refers[i - 1]);
    }
    return refers[index];
  };
  return block.sentences.map((sentence, index) => {
    const from = sentence.start - block.start;
    const analysis = analyseSentence({
      prose: prose.slice(from, sentence.end - block.start),
      treatments: treatmentsIn.get(sentence) ?? [],
      conditions: conditionsIn.get(sentence) ?? [],
      referent: () => referent(index),
      topic: aboutTreatment,
      clinical: clinicalContext,
      question: isQuestion(doc.text, sentence),
    });
    const shift = (r: Range) => ({ start: r.start + sentence.start, end: r.end + sentence.start });
    const claim = analysis.outcome !== undefined;
    const frames = analysis.frames.map((f) => ({ ...shift(f), hedged: f.hedged, kind: f.kind }));
    const overstatements = analysis.overstatements.map((o) => ({ ...shift(o), rewrites: o.rewrites }));
    // Whether it is supported matters only for a claim or a frame.
    if (!claim && frames.length === 0) return { sentence, claim, hedged: false, supported: false, unknownKeys: [], frames, overstatements };
    // A marker right after the sentence (".[^1]") belongs to it; one at the start of a sentence belongs to the one before.
    const previous = block.sentences[index - 1];
    const next = block.sentences[index + 1];
    const start = previous ? previous.end + leadingMarkers(doc.text, previous.end) : block.start;
    let end = next ? next.start + leadingMarkers(doc.text, next.start) : block.end;
    // The next sentence supports this one when it points at a source ("The study is here [3].").
    if (next && pointsAtSource(doc.text, next, evidence.markers(next).length > 0)) {
      const afterNext = block.sentences[index + 2];
      end = afterNext ? afterNext.start + leadingMarkers(doc.text, afterNext.start) : block.end;
    }
    const markers = evidence.markers({ start, end });
    const supporting = markers.filter((m) => evidence.unknownKeys(m).length === 0);
    // A result reported with its statistics, here or in the sentence before, rests on the writer's own data.
    const statistics = () => STATISTIC.test(prose.slice((previous ?? sentence).start - block.start, sentence.end - block.start));
    return {
      sentence,
      claim,
      hedged: analysis.hedged,
      supported: supporting.length > 0 || (claim && statistics()),
      unknownKeys: [...new Set(markers.flatMap((m) => evidence.unknownKeys(m)))],
      frames,
      overstatements,
    };
  });
}

/**
 * A sentence that carries a marker and is about the source ("The study is here [3].", "This was shown
 * in a review (Lee, 2020)."): a pointer word among its first seven words. Or one that is nothing but markers.
 * A next sentence that makes a statement of its own, cited, does not support the one before it.
 */
function pointsAtSource(text: string, sentence: Sentence, hasMarker: boolean): boolean {
  if (!hasMarker) return false;
  const body = text.slice(sentence.start, sentence.end).replace(/\([^()]*\)|\[[^\]]*\]|<sup>.*?<\/sup>|https?:\/\/\S+/g, ' ');
  const opening = (body.match(/[\p{L}'’-]+/gu) ?? []).slice(0, 7).join(' ');
  return POINTER_WORDS.test(opening) || !/\p{L}{3,}/u.test(body);
}

function leadingMarkers(text: string, start: number): number {
  return /^\s*(?:(?:\[[^\]\n]*\]|\(\d{1,3}(?:[-–,]\s*\d{1,3})*\)|<sup>[^<]*<\/sup>)\s*)*/.exec(text.slice(start, start + 200))![0].length;
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
