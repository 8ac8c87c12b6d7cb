// Inline control comments:
//   <!-- psylint-disable [RULE ...] -->   ...   <!-- psylint-enable [RULE ...] -->
//   <!-- psylint-disable-next-line [RULE ...] -->
//   <!-- psylint-disable-line [RULE ...] -->   (suppresses its own line)
// No rule = all rules. A rule may be an id (term/outdated) or a family (term).

import type { Range } from './parse/types';

const DIRECTIVE = /^<!--\s*psylint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->$/;

interface Region {
  rules: string[] | 'all';
  start: number;
  end: number;
}

/** Where inline directives switch rules off: regions of offsets (a line directive's region is its lines). */
export class Suppressions {
  private readonly regions: Region[] = [];

  /** `comments`: the document's HTML comments, in order. */
  constructor(text: string, comments: readonly Range[]) {
    const open: { rules: string[] | 'all'; start: number }[] = [];
    for (const comment of comments) {
      const m = DIRECTIVE.exec(text.slice(comment.start, comment.end));
      if (!m) continue;
      const list = m[2].split(/[\s,]+/).filter(Boolean);
      const rules: string[] | 'all' = list.length ? list : 'all';
      switch (m[1]) {
        case 'disable':
          open.push({ rules, start: comment.end });
          break;
        case 'enable':
          for (let i = open.length - 1; i >= 0; i--) {
            if (rules === 'all' || open[i].rules === 'all' || sameRules(open[i].rules, rules)) {
              this.regions.push({ rules: open[i].rules, start: open[i].start, end: comment.start });
              open.splice(i, 1);
            }
          }
          break;
        case 'disable-next-line': {
          const start = nextLineStart(text, comment.end);
          if (start !== undefined) this.regions.push({ rules, start, end: nextLineStart(text, start) ?? Infinity });
          break;
        }
        case 'disable-line':
          this.regions.push({ rules, start: lineStart(text, comment.start), end: nextLineStart(text, comment.end) ?? Infinity });
          break;
      }
    }
    for (const region of open) this.regions.push({ rules: region.rules, start: region.start, end: text.length });
  }

  isSuppressed(ruleId: string, offset: number): boolean {
    return this.regions.some((r) => offset >= r.start && offset < r.end && covers(r.rules, ruleId));
  }
}

/** Where the line holding `offset` starts (a line ends at LF, CRLF or a lone CR). */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) break;
    i--;
  }
  return i;
}

/** Where the line after the one holding `offset` starts; undefined on the last line. */
function nextLineStart(text: string, offset: number): number | undefined {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return undefined;
}

function covers(rules: string[] | 'all', ruleId: string): boolean {
  if (rules === 'all') return true;
  const family = ruleId.split('/')[0];
  return rules.some((r) => r === ruleId || r === family || r === `${family}/*`);
}

function sameRules(a: string[] | 'all', b: string[]): boolean {
  return a !== 'all' && b.every((r) => a.includes(r));
}
