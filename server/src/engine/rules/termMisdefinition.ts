// term/misdefinition: a term described with the marks of another concept
// (the glossary's `misdefinition_cues`) in the same sentence or the next one.
// A cue with a `context` counts only in a paragraph that names that context (free association's "first word that
// comes to mind" marks a misdefinition in therapy writing, and is the right
// definition of the free-association task in cognitive psychology).
// Not a finding when the writer contrasts or negates ("unlike a
// word-association test, free association ...") or names the other concept.

import type { TermMatch } from '../../glossary/termIndex';
import type { Sentence } from '../parse/sentences';
import { normalizeWord, WORD } from '../parse/tokens';
import type { Block } from '../parse/types';
import { quote, rewrite } from '../wording';
import { between, CONTRAST_NEAR } from './frames';
import type { Rule } from './rule';

/** Words after which a countable concept needs an article: "in free association" -> "in a word-association test". */
/** Tokens on each side of a term in which its misdefinition cues are looked for. */
const CUE_WINDOW = 60;
const ARTICLE_CONTEXT = new Set(['in', 'during', 'with', 'by', 'through', 'using', 'via', 'like', 'as']);

export const termMisdefinition: Rule = {
  id: 'term/misdefinition',
  defaultSeverity: 'warning',
  description: "A term described with another concept's definition.",
  check({ doc, glossary, block, matches }, report) {
    const contextCache = new Map<string[], boolean>();
    for (const match of matches) {
      if (match.quoted) continue;
      for (const id of match.entryIds) {
        const entry = glossary.get(id);
        for (const cue of entry?.misdefinition_cues ?? []) {
          if (cue.context && !inContext(block, cue.context, contextCache)) continue;
          const index = match.sentence.index;
          // The next sentence belongs to this occurrence only if it does not name the term again itself.
          const next = block.sentences[index + 1];
          const scope = next && !matches.some((m) => m.sentence === next && m.entryIds.includes(id)) ? [match.sentence, next] : [match.sentence];
          const hit = findCue(scope, cue.cues, match);
          if (!hit) continue;
          const span = between(doc.text, Math.min(match.start, hit.start), Math.max(match.end, hit.end));
          if (CONTRAST_NEAR.test(span) || CONTRAST_NEAR.test(between(doc.text, match.sentence.start, match.start))) continue;
          // Naming the other concept in the same sentence is a contrast ("unlike a word-association test, ...").
          if (matches.some((m) => m.entryIds.includes(cue.concept) && (m.sentence === match.sentence || m.sentence === hit.sentence))) continue;
          const concept = glossary.get(cue.concept);
          const original = doc.text.slice(match.start, match.end);
          const conceptName = glossary.name(cue.concept);
          report({
            // What the cue describes; why it belongs to the other concept is the hover's (the glossary entry).
            message: `${quote(original)} is described here with the marks of ${quote(conceptName)} (${quote(doc.text.slice(hit.start, hit.end))}); correct the description or name that concept.`,
            start: match.start,
            end: match.end,
            terms: [id, cue.concept],
            fixes: concept
              ? [
                  {
                    title: `Replace with ${quote(withArticle(doc.text, match, conceptName, concept.countable === true))}`,
                    edits: [{ start: match.start, end: match.end, text: withArticle(doc.text, match, conceptName, concept.countable === true) }],
                    safe: false,
                    preferred: true,
                  },
                ]
              : [],
          });
          break;
        }
      }
    }
  },
};

/** The paragraph names one of the context words (as whole words, any case): computed once per cue list and block. */
function inContext(block: Block, context: string[], cache: Map<string[], boolean>): boolean {
  let value = cache.get(context);
  if (value === undefined) {
    const words = new Set(context.map((c) => normalizeWord(c)));
    value = block.sentences.some((s) => s.tokens.some((t) => words.has(t.norm) || words.has(t.norm.replace(/'s$/, ''))));
    cache.set(context, value);
  }
  return value;
}

/** The first cue phrase, as whole words, in the scope sentences (outside quotations and the term itself). */
function findCue(scope: Sentence[], cues: string[], match: TermMatch): { start: number; end: number; sentence: Sentence } | undefined {
  const phrases = cues.map((c) => (c.match(WORD) ?? []).map(normalizeWord)).filter((p) => p.length);
  for (const sentence of scope) {
    const tokens = sentence.tokens;
    // Cues within a window of tokens around the term: a definition is near what it defines.
    const own = sentence === match.sentence;
    const from = own ? Math.max(0, match.first - CUE_WINDOW) : 0;
    const to = own ? Math.min(tokens.length, match.last + CUE_WINDOW) : Math.min(tokens.length, CUE_WINDOW);
    for (let i = from; i < to; i++) {
      if (tokens[i].quoted || (tokens[i].start >= match.start && tokens[i].end <= match.end)) continue;
      for (const phrase of phrases) {
        if (phrase.every((w, k) => tokens[i + k]?.norm === w || tokens[i + k]?.norm === w + 's')) {
          return { start: tokens[i].start, end: tokens[i + phrase.length - 1].end, sentence };
        }
      }
    }
  }
  return undefined;
}

function withArticle(text: string, match: TermMatch, name: string, countable: boolean): string {
  const previous = match.sentence.tokens[match.first - 1];
  const needs = countable && (!previous || ARTICLE_CONTEXT.has(previous.norm));
  const phrase = needs ? `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}` : name;
  return rewrite(text.slice(match.start, match.end), phrase, false, match.first === 0);
}
