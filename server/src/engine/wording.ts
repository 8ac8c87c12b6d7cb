// Small wording helpers for rewrites: a replacement takes on the casing and
// number of the words it replaces.

import { pluralize } from '../glossary/termIndex';

/**
 * Give `replacement` the capitalisation pattern of `original`. A capital
 * first letter carries over only where the original stands first in its
 * sentence (`initial`): mid-sentence it belongs to a name ("people with
 * Asperger's"), and the replacement keeps its own case.
 */
export function matchCase(original: string, replacement: string, initial = true): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  // Shouted words stay shouted; an abbreviation (one capitalised token) does not make its rewrite shout.
  if (/\s/.test(original.trim()) && letters === letters.toUpperCase()) return replacement.toUpperCase();
  if (letters.length > 1 && letters === letters.toUpperCase()) return replacement;
  const first = original.match(/\p{L}/u)?.[0];
  if (initial && first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return replacement.replace(/\p{L}/u, (c) => c.toUpperCase());
  }
  return replacement;
}

/**
 * A hard-wrapped original ("manic⏎depression") keeps its line break: the
 * replacement's gap at the same word position (or its last gap) takes the
 * original's line break and indentation. A one-word replacement has no gap to keep it in.
 */
export function keepLineBreaks(original: string, replacement: string): string {
  const gaps = [...original.matchAll(/\s+/g)];
  if (!gaps.some((g) => g[0].includes('\n'))) return replacement;
  const slots = [...replacement.matchAll(/ +/g)];
  if (slots.length === 0) return replacement;
  const at = new Map<number, string>();
  gaps.forEach((g, i) => {
    if (g[0].includes('\n')) at.set(Math.min(i, slots.length - 1), g[0]);
  });
  let out = '';
  let pos = 0;
  slots.forEach((slot, i) => {
    out += replacement.slice(pos, slot.index) + (at.get(i) ?? slot[0]);
    pos = slot.index! + slot[0].length;
  });
  return out + replacement.slice(pos);
}

/**
 * Plural of a phrase: "a person who uses drugs" -> "people who use drugs",
 * otherwise the last word ("bipolar disorder" -> "bipolar disorders").
 */
export function pluralizePhrase(phrase: string): string {
  const person = /^(?:an? )?person\b(.*)$/i.exec(phrase);
  if (person) return 'people' + person[1].replace(/\bwho (has|\p{L}+s)\b/u, (_, verb: string) => `who ${verb === 'has' ? 'have' : verb.slice(0, -1)}`);
  return phrase.replace(/(\p{L}+)(\W*)$/u, (_, word: string, tail: string) => pluralize(word) + tail);
}

/** The rewrite of a matched phrase: same case, same number, same line breaks. `initial`: the phrase starts its sentence. */
export function rewrite(original: string, replacement: string, plural: boolean, initial = true): string {
  return keepLineBreaks(original, matchCase(original, plural ? pluralizePhrase(replacement) : replacement, initial));
}

export function quote(text: string): string {
  return `“${text.replace(/\s+/g, ' ')}”`;
}

/** About one line in the Problems panel or a terminal: every finding message stays within it (test/unit/messages). */
export const MESSAGE_LIMIT = 160;

/** The fullest of a message's forms (fullest first) that fits MESSAGE_LIMIT; the last form otherwise. */
export function fitted(...forms: string[]): string {
  return forms.find((m) => m.length <= MESSAGE_LIMIT) ?? forms[forms.length - 1];
}
