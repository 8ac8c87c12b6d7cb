// Small wording helpers for rewrites: a replacement takes on the casing and
// number of the words it replaces.

import { pluralize } from '../glossary/termIndex';

/** Give `replacement` the capitalisation pattern of `original`. */
export function matchCase(original: string, replacement: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  // Shouted words stay shouted; an abbreviation (one capitalised token) does not make its rewrite shout.
  if (/\s/.test(original.trim()) && letters === letters.toUpperCase()) return replacement.toUpperCase();
  if (letters.length > 1 && letters === letters.toUpperCase()) return replacement;
  const first = original.match(/\p{L}/u)?.[0];
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return replacement.replace(/\p{L}/u, (c) => c.toUpperCase());
  }
  return replacement;
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

/** The rewrite of a matched phrase: same case, same number. */
export function rewrite(original: string, replacement: string, plural: boolean): string {
  return matchCase(original, plural ? pluralizePhrase(replacement) : replacement);
}

export function quote(text: string): string {
  return `“${text.replace(/\s+/g, ' ')}”`;
}
