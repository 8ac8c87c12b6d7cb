// One compiled index over every term and alias: a trie keyed by normalized
// word tokens, built once per glossary change. Matching walks the trie from
// each token, so cost is linear in the text (times the longest alias), never
// one regular expression per term.

import { normalizeWord, WORD, type Block, type Sentence, type Token } from '../engine/parse';
import type { GlossaryEntry } from './types';


export interface Surface {
  entryId: string;
  /** The alias or term as written in the glossary. */
  text: string;
  /** The matched form is the automatic plural of this surface. */
  plural: boolean;
  /** Rewrites specific to this alias, if the glossary gives any. */
  prefer?: string[];
}

/** The longest term found from a token: its last token, its surfaces, and whether that token's possessive 's stays outside it. */
interface Longest {
  last: number;
  surfaces: Surface[];
  possessive: boolean;
}

interface TrieNode {
  /** By normalized word (lower case, accents folded). */
  next: Map<string, TrieNode>;
  /** By word as written, for abbreviations and case-sensitive terms. */
  exact: Map<string, TrieNode>;
  surfaces: Surface[];
}

export interface TermMatch {
  entryIds: string[];
  surfaces: Surface[];
  start: number;
  end: number;
  block: Block;
  sentence: Sentence;
  /** Token indices in the sentence, inclusive. */
  first: number;
  last: number;
  quoted: boolean;
}

function node(): TrieNode {
  return { next: new Map(), exact: new Map(), surfaces: [] };
}

export function pluralize(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return word.slice(0, -1) + (word === word.toUpperCase() ? 'IES' : 'ies');
  if (/(s|x|z|ch|sh)$/i.test(word)) return word + (word === word.toUpperCase() ? 'ES' : 'es');
  return word + (word.length > 1 && word === word.toUpperCase() ? 's' : 's');
}

function isAbbreviation(text: string): boolean {
  return /^[\p{Lu}\p{N}-]{2,}s?$/u.test(text) && /\p{Lu}.*\p{Lu}/u.test(text);
}

export class TermIndex {
  private readonly root = node();
  private longest = 1;

  constructor(entries: Iterable<GlossaryEntry>) {
    for (const entry of entries) {
      const surfaces: { text: string; prefer?: string[] }[] = [{ text: entry.term }];
      for (const alias of entry.aliases ?? []) surfaces.push(typeof alias === 'string' ? { text: alias } : alias);
      for (const surface of surfaces) this.add(entry, surface.text, surface.prefer);
    }
  }

  private add(entry: GlossaryEntry, text: string, prefer: string[] | undefined): void {
    const words = text.match(WORD) ?? [];
    if (words.length === 0) return;
    const caseSensitive = entry.match_case === true;
    const step = (from: TrieNode, w: string): TrieNode => {
      const [map, key] = caseSensitive || isAbbreviation(w) ? [from.exact, w.replace(/’/g, "'")] : [from.next, normalizeWord(w)];
      let child = map.get(key);
      if (!child) map.set(key, (child = node()));
      return child;
    };
    const variants: { words: string[]; plural: boolean }[] = [{ words, plural: false }];
    const last = words[words.length - 1];
    if (!/\d$/.test(last) && !/'s$/i.test(last)) variants.push({ words: [...words.slice(0, -1), pluralize(last)], plural: true });
    // Possessive: "Asperger's" also as "Asperger" and "Aspergers".
    for (const v of [...variants]) {
      const i = v.words.findIndex((w) => /['’]s$/i.test(w));
      if (i >= 0) {
        const base = v.words[i].slice(0, -2);
        variants.push({ words: v.words.map((w, k) => (k === i ? base : w)), plural: v.plural });
        variants.push({ words: v.words.map((w, k) => (k === i ? base + 's' : w)), plural: v.plural });
      }
    }
    // Hyphenated compounds also written solid: "hard-wired" / "hardwired".
    if (/\p{L}-\p{L}/u.test(text)) {
      for (const v of [...variants]) {
        const joined = text.replace(/(\p{L})-(\p{L})/gu, '$1$2').match(WORD) ?? [];
        if (joined.length && joined.length < v.words.length) {
          variants.push({ words: v.plural ? [...joined.slice(0, -1), pluralize(joined[joined.length - 1])] : joined, plural: v.plural });
        }
      }
    }
    for (const v of variants) {
      let current = this.root;
      for (const w of v.words) current = step(current, w);
      if (!current.surfaces.some((s) => s.entryId === entry.id && s.plural === v.plural)) {
        current.surfaces.push({ entryId: entry.id, text, plural: v.plural, prefer });
      }
      this.longest = Math.max(this.longest, v.words.length);
    }
  }

  /** Longest, leftmost matches in a sentence; they never overlap. */
  matchSentence(block: Block, sentence: Sentence, out: TermMatch[] = []): TermMatch[] {
    const tokens = sentence.tokens;
    let i = 0;
    while (i < tokens.length) {
      const best = this.longestAt(tokens, i);
      if (!best) {
        i++;
        continue;
      }
      const first = tokens[i];
      const lastToken = tokens[best.last];
      const ids = [...new Set(best.surfaces.map((s) => s.entryId))];
      // A possessive stays outside the match, so a rewrite keeps it: "manic depression's" -> "bipolar disorder's".
      const possessive = best.possessive ? 2 : 0;
      out.push({
        entryIds: ids,
        surfaces: best.surfaces,
        start: first.start,
        end: lastToken.end - possessive,
        block,
        sentence,
        first: i,
        last: best.last,
        quoted: first.quoted || lastToken.quoted,
      });
      i = best.last + 1;
    }
    return out;
  }

  /** The longest term that starts at token i of this sequence (tokens may be assembled by a rule, e.g. for "X (or Y) therapy"). */
  longestAt(tokens: Token[], i: number): Longest | undefined {
    const best: Longest = { last: -1, surfaces: [], possessive: false };
    this.walk(tokens, i, i, this.root, best);
    return best.last < 0 ? undefined : best;
  }

  /** Follows token j's words from `current`: as normalized, as written, and both without a possessive 's ("Asperger's" is also "Asperger"). */
  private walk(tokens: Token[], i: number, j: number, current: TrieNode, best: Longest): void {
    if (j >= tokens.length || (j > i && tokens[j].breakBefore) || j - i >= this.longest) return;
    const t = tokens[j];
    this.follow(tokens, i, j, current.next.get(t.norm), false, best);
    this.follow(tokens, i, j, current.exact.get(t.exact), false, best);
    if (t.norm.endsWith("'s")) {
      this.follow(tokens, i, j, current.next.get(t.norm.slice(0, -2)), true, best);
      this.follow(tokens, i, j, current.exact.get(t.exact.slice(0, -2)), true, best);
    }
  }

  private follow(tokens: Token[], i: number, j: number, child: TrieNode | undefined, possessive: boolean, best: Longest): void {
    if (!child) return;
    if (child.surfaces.length && j > best.last) {
      best.last = j;
      best.surfaces = child.surfaces;
      best.possessive = possessive;
    }
    this.walk(tokens, i, j + 1, child, best);
  }
}
