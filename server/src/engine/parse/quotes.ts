// What a block quotes: spans in quotation marks, and titles of works set in emphasis.

import type { Range } from './range';

/** "*Studies on Hysteria*": two or more words, all significant ones capitalised. */
export function isTitle(emphasised: string): boolean {
  const words = emphasised.replace(/^[*_]+|[*_]+$/g, '').match(/[\p{L}'’-]+/gu) ?? [];
  if (words.length < 2) return false;
  const minor = /^(?:a|an|the|and|or|of|on|in|to|for|with|at|by|from|de|la|le|und|der|die|das)$/i;
  return words.every((w, i) => (i > 0 && minor.test(w)) || /^\p{Lu}/u.test(w));
}

/** Spans between double quotation marks (straight or curly) within one block. */
export function quoteSpans(prose: string, base: number): Range[] {
  const spans: Range[] = [];
  let open = -1;
  for (let i = 0; i < prose.length; i++) {
    const c = prose[i];
    if (c === '“') open = i;
    else if (c === '”' && open >= 0) {
      spans.push({ start: base + open, end: base + i + 1 });
      open = -1;
    } else if (c === '"') {
      if (open >= 0 && prose[open] === '"') {
        spans.push({ start: base + open, end: base + i + 1 });
        open = -1;
      } else if (open < 0) open = i;
    }
  }
  return spans;
}
