// One compiled index over every term and alias: a trie keyed by normalized
// word tokens, built once per glossary change. Matching walks the trie from
// each token, so cost is linear in the text (times the longest alias), never
// one regular expression per term.

import type { Sentence } from '../engine/parse/sentences';
import { normalizeWord, WORD, type Token } from '../engine/parse/tokens';
import type { Block } from '../engine/parse/types';
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

/** Heads of a hyphenated compound that turn its tail into something else ("anti-psychotics", "non-addicts"). */
const OPPOSING_PREFIXES = new Set(['anti', 'non', 'counter']);
/** Small words a name may hold between its capitalised words ("Institute on Drug Abuse"). */
const NAME_CONNECTIVES = new Set(['of', 'on', 'for', 'the', 'and', 'in', 'to', 'at', 'with', 'against', 'a', 'an', '&']);
/** Verbs of saying: a short quotation right after one of them is someone's words, not a scare quote. */
const SPEECH_VERBS = new Set(['say', 'says', 'said', 'saying', 'tell', 'tells', 'told', 'write', 'writes', 'wrote', 'ask', 'asks', 'asked', 'reply', 'replies', 'replied', 'shout', 'shouts', 'shouted', 'yell', 'yelled', 'recall', 'recalls', 'recalled', 'explain', 'explains', 'explained', 'describe', 'describes', 'described', 'add', 'adds', 'added', 'insist', 'insists', 'insisted', 'according']);
/** The longest quotation read as a scare quote (the writer's own use of a term) rather than quoted speech. */
const SCARE_QUOTE_WORDS = 4;

/** How long a token's possessive ending is as written: "'s" is 2, a character reference "&#39;s" 6. */
function possessiveLength(block: Block, token: Token): number {
  const text = block.prose.slice(token.start - block.start, token.end - block.start);
  return text.length - Math.max(text.lastIndexOf("'"), text.lastIndexOf('’'));
}

function opposedByPrefix(block: Block, tokens: Token[], i: number): boolean {
  if (i === 0) return false;
  const previous = tokens[i - 1];
  const gap = block.prose.slice(previous.end - block.start, tokens[i].start - block.start);
  return /^[-‐‑]$/.test(gap) && OPPOSING_PREFIXES.has(previous.norm);
}

/**
 * A token inside quotation marks that quote someone (speech or a source's
 * text): more than a few words, or a clause with punctuation or a first-person
 * pronoun, or words after a verb of saying or a colon. A short quoted term
 * (so-called “free association”) is a scare quote: the writer's own use.
 * Emphasised titles (*Studies on Hysteria*) stay exempt.
 */
function quotedSpeech(block: Block, token: Token): boolean {
  if (!token.quoted) return false;
  const span = block.quotes.find((q) => q.start < token.start && q.end > token.end);
  if (!span) return true;
  const inner = block.prose.slice(span.start - block.start, span.end - block.start);
  if (!/^["“]/.test(inner)) return true;
  const words = inner.slice(1, -1).match(WORD) ?? [];
  if (words.length > SCARE_QUOTE_WORDS || /[,.;:!?]/.test(inner.slice(1, -1)) || words.some((w) => /^(?:i|i'm|me|my|we|our|us)$/i.test(w))) return true;
  const before = block.prose.slice(Math.max(0, span.start - block.start - 40), span.start - block.start);
  if (/:\s*$/.test(before)) return true;
  const lastWords = (before.match(WORD) ?? []).slice(-3).map((w) => w.toLowerCase());
  return lastWords.some((w) => SPEECH_VERBS.has(w));
}

/**
 * The match lies in a run of capitalised words (with small connectives) that
 * holds capitalised words of its own beyond the match and other terms: the name
 * of an organisation, journal, law or title. The first word of a sentence (or
 * after punctuation) is capitalised anyway and does not count; nor does
 * capitalisation in a heading.
 */
function inProperName(block: Block, tokens: Token[], m: TermMatch, sentenceMatches: TermMatch[]): boolean {
  if (block.kind === 'heading') return false;
  const capitalised = (t: Token) => /^\p{Lu}/u.test(t.text);
  const titlecase = (t: Token) => /^\p{Lu}.*\p{Ll}/u.test(t.text);
  let any = false;
  for (let k = m.first; k <= m.last; k++) {
    if (capitalised(tokens[k])) any = true;
    else if (!NAME_CONNECTIVES.has(tokens[k].norm)) return false;
  }
  if (!any) return false;
  const covered = (k: number) => sentenceMatches.some((o) => k >= o.first && k <= o.last);
  // A word after punctuation may start a sentence run into the last ("cues.People with ..."): it does not count either.
  const counts = (k: number) => k > 0 && !tokens[k].breakBefore && titlecase(tokens[k]) && !covered(k);
  // Walk out from the match over capitalised words and connectives, within one run of joined words.
  for (const dir of [-1, 1]) {
    let k = dir < 0 ? m.first : m.last;
    let connectives = 0;
    for (;;) {
      const next = k + dir;
      if (next < 0 || next >= tokens.length || (dir < 0 ? tokens[k].breakBefore : tokens[next].breakBefore)) break;
      k = next;
      if (capitalised(tokens[k])) {
        if (counts(k)) return true;
        connectives = 0;
      } else if (NAME_CONNECTIVES.has(tokens[k].norm) && connectives < 2) connectives++;
      else break;
    }
  }
  return false;
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
  /** Not the writer's own use of the term: quoted speech or a source's words, or inside a proper name. Rules skip it. */
  quoted: boolean;
  /** Inside quotation marks of any kind, scare quotes included: wording the writer holds at a distance ("don't call it “crazy”"). */
  inQuotes: boolean;
}

function node(): TrieNode {
  return { next: new Map(), exact: new Map(), surfaces: [] };
}

/** Irregular plurals of words the glossary's terms end in; everything else follows the rules below. */
const IRREGULAR_PLURALS: Record<string, string> = { person: 'people', child: 'children', woman: 'women', man: 'men', criterion: 'criteria', phenomenon: 'phenomena' };

/**
 * The plural of one word: irregular forms, Greek -sis -> -ses ("neurosis" ->
 * "neuroses"), consonant + y -> -ies, sibilants -> -es, else -s. An all-capitals
 * word keeps its capitals, except an abbreviation's small s ("CBTs").
 */
export function pluralize(word: string): string {
  const upper = word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word);
  const irregular = IRREGULAR_PLURALS[word.toLowerCase()];
  if (irregular) return upper ? irregular.toUpperCase() : word[0] === word[0].toUpperCase() ? irregular[0].toUpperCase() + irregular.slice(1) : irregular;
  if (/[^aeiou]y$/i.test(word)) return word.slice(0, -1) + (upper ? 'IES' : 'ies');
  if (/[a-z]{2}sis$/i.test(word)) return word.slice(0, -2) + (upper ? 'ES' : 'es');
  if (/(s|x|z|ch|sh)$/i.test(word)) return word + (upper ? 'ES' : 'es');
  return word + 's';
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
    // Possessive: "Asperger's syndrome" also as "Asperger syndrome" and "Aspergers syndrome". A bare
    // eponym ("Asperger's") is also "Aspergers", never the bare name ("Asperger" is the person).
    for (const v of [...variants]) {
      const i = v.words.findIndex((w) => /['’]s$/i.test(w));
      if (i >= 0) {
        const base = v.words[i].slice(0, -2);
        if (i < v.words.length - 1) variants.push({ words: v.words.map((w, k) => (k === i ? base : w)), plural: v.plural });
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
    // Words run together, as text scraped from the web often has them: "manicdepression".
    for (const v of [...variants]) {
      if (v.words.length > 1 && v.words.every((w) => /^\p{L}+$/u.test(w) && !isAbbreviation(w))) variants.push({ words: [v.words.join('')], plural: v.plural });
    }
    for (const v of variants) {
      let current = this.root;
      for (const w of v.words) current = step(current, w);
      if (!current.surfaces.some((s) => s.entryId === entry.id && s.plural === v.plural)) {
        // A form written in the glossary comes before another surface's automatic plural of the same words.
        const surface = { entryId: entry.id, text, plural: v.plural, prefer };
        const firstPlural = current.surfaces.findIndex((x) => x.plural);
        if (v.plural || firstPlural < 0) current.surfaces.push(surface);
        else current.surfaces.splice(firstPlural, 0, surface);
      }
      this.longest = Math.max(this.longest, v.words.length);
    }
  }

  /** Longest, leftmost matches in a sentence; they never overlap. */
  matchSentence(block: Block, sentence: Sentence, out: TermMatch[] = []): TermMatch[] {
    const tokens = sentence.tokens;
    const from = out.length;
    let i = 0;
    while (i < tokens.length) {
      // "anti-psychotics": the tail of a compound whose head opposes it is not the term.
      const best = opposedByPrefix(block, tokens, i) ? undefined : this.longestAt(tokens, i);
      if (!best) {
        i++;
        continue;
      }
      const first = tokens[i];
      const lastToken = tokens[best.last];
      const ids = [...new Set(best.surfaces.map((s) => s.entryId))];
      // A possessive stays outside the match, so a rewrite keeps it: "manic depression's" -> "bipolar disorder's".
      const possessive = best.possessive ? possessiveLength(block, lastToken) : 0;
      out.push({
        entryIds: ids,
        surfaces: best.surfaces,
        start: first.start,
        end: lastToken.end - possessive,
        block,
        sentence,
        first: i,
        last: best.last,
        quoted: quotedSpeech(block, first) || quotedSpeech(block, lastToken),
        inQuotes: first.quoted || lastToken.quoted,
      });
      i = best.last + 1;
    }
    // Inside a proper name ("National Institute on Drug Abuse") a term is not the writer's use either.
    const own = out.slice(from);
    for (const m of own) if (!m.quoted && inProperName(block, tokens, m, own)) m.quoted = true;
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
