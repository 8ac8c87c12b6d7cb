// US or UK spelling for the text Psylint writes: quick-fix replacements and
// the suggested wording in messages. The words come from data/spelling.yaml
// (compiled to spellingData.ts). The writer's own words are never respelled.

import { SPELLING_PAIRS } from './spellingData';
import type { Finding } from './types';

export const DIALECTS = ['en-US', 'en-GB'] as const;
export type Dialect = (typeof DIALECTS)[number];
/** What a setting may say: a dialect, or 'auto' (the glossary's spelling as is). */
export type DialectSetting = Dialect | 'auto';

/** Regions whose English spells as the UK does (colour, behaviour, paediatric). */
const UK_REGIONS = new Set(['GB', 'UK', 'AU', 'NZ', 'IE', 'ZA', 'IN']);

/** The dialect of a language tag such as `lang: en-GB` in front matter; undefined for any other value. */
export function dialectOfTag(tag: string): Dialect | undefined {
  const region = /^en[-_]([a-z]{2})$/i.exec(tag.trim())?.[1].toUpperCase();
  if (region === 'US') return 'en-US';
  return region && UK_REGIONS.has(region) ? 'en-GB' : undefined;
}

/** A `lang:` (or `language:`) line at the top level of YAML front matter: its dialect, if it names one. */
export function dialectOfFrontMatter(yaml: string): Dialect | undefined {
  const tag = /^lang(?:uage)?:[ \t]*["']?([A-Za-z_-]+)["']?[ \t]*(?:#.*)?$/m.exec(yaml)?.[1];
  return tag ? dialectOfTag(tag) : undefined;
}

let tables: Record<Dialect, Map<string, string>> | undefined;

function tableFor(dialect: Dialect): Map<string, string> {
  tables ??= { 'en-US': new Map(SPELLING_PAIRS.map(([us, uk]) => [uk, us])), 'en-GB': new Map(SPELLING_PAIRS.map(([us, uk]) => [us, uk])) };
  return tables[dialect];
}

/** The word `to` in the case of `word`: lower, Capitalised or UPPER; a mixed-case word (a name) is left alone. */
function inCaseOf(word: string, to: string): string | undefined {
  if (word === word.toLowerCase()) return to;
  if (word.length > 1 && word === word.toUpperCase()) return to.toUpperCase();
  if (word === word[0].toUpperCase() + word.slice(1).toLowerCase()) return to[0].toUpperCase() + to.slice(1);
  return undefined;
}

const WORD = /\p{L}+/gu;

/** `text` in `dialect`'s spelling, whole words only, each keeping its case; words in `keep` (lower case) stay as they are. */
export function respell(text: string, dialect: Dialect, keep?: ReadonlySet<string>): string {
  const table = tableFor(dialect);
  return text.replace(WORD, (word) => {
    const lower = word.toLowerCase();
    const to = table.get(lower);
    return to && !keep?.has(lower) ? (inCaseOf(word, to) ?? word) : word;
  });
}

function wordsOf(text: string): Set<string> {
  return new Set(text.match(WORD)?.map((w) => w.toLowerCase()) ?? []);
}

/**
 * A finding whose fixes and message are in `dialect`. The writer's text is
 * kept as spelled: in a message, the quoted text under the finding; in an
 * edit, any word of the text it replaces.
 */
export function respellFinding(finding: Finding, dialect: Dialect, text: string): Finding {
  const original = text.slice(finding.start, finding.end);
  const message = respellAround(finding.message, original, dialect);
  let changed = message !== finding.message;
  const fixes = finding.fixes.map((fix) => {
    const title = respellAround(fix.title, original, dialect);
    const edits = fix.edits.map((e) => {
      const respelled = respell(e.text, dialect, wordsOf(text.slice(e.start, e.end)));
      return respelled === e.text ? e : { ...e, text: respelled };
    });
    if (title === fix.title && edits.every((e, i) => e === fix.edits[i])) return fix;
    changed = true;
    return { ...fix, title, edits };
  });
  return changed ? { ...finding, message, fixes } : finding;
}

/** `sentence` respelled except where it quotes `original` (the writer's words, white space collapsed as quote() does). */
function respellAround(sentence: string, original: string, dialect: Dialect): string {
  const quoted = original.replace(/\s+/g, ' ').trim();
  if (!quoted) return respell(sentence, dialect);
  const lowerSentence = sentence.toLowerCase();
  const lowerQuoted = quoted.toLowerCase();
  let out = '';
  let from = 0;
  for (let at = lowerSentence.indexOf(lowerQuoted); at >= 0; at = lowerSentence.indexOf(lowerQuoted, from)) {
    out += respell(sentence.slice(from, at), dialect) + sentence.slice(at, at + quoted.length);
    from = at + quoted.length;
  }
  return out + respell(sentence.slice(from), dialect);
}
