// Inline control comments:
//   <!-- psylint-disable [RULE ...] -->   ...   <!-- psylint-enable [RULE ...] -->
//   <!-- psylint-disable-next-line [RULE ...] -->
//   <!-- psylint-disable-line [RULE ...] -->   (suppresses its own line)
// No rule = all rules. A rule may be an id (term/outdated) or a family (term).

import type { Range } from './parse';
import { LineIndex } from './text';

const DIRECTIVE = /^<!--\s*psylint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->$/;

interface Region {
  rules: string[] | 'all';
  start: number;
  end: number;
}

export class Suppressions {
  private readonly regions: Region[] = [];
  /** Suppressed lines (0-based) and their rules; line numbers are computed only when there are any. */
  private readonly lines = new Map<number, string[] | 'all'>();
  private lineIndex?: LineIndex;

  /** `comments`: the document's HTML comments, in order. */
  constructor(private readonly text: string, comments: readonly Range[]) {
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
        case 'disable-next-line':
          this.addLine(this.lineOf(comment.end) + 1, rules);
          break;
        case 'disable-line':
          for (let l = this.lineOf(comment.start); l <= this.lineOf(comment.end); l++) this.addLine(l, rules);
          break;
      }
    }
    for (const region of open) this.regions.push({ rules: region.rules, start: region.start, end: text.length });
  }

  private lineOf(offset: number): number {
    return (this.lineIndex ??= new LineIndex(this.text)).lineOf(offset);
  }

  private addLine(line: number, rules: string[] | 'all'): void {
    const existing = this.lines.get(line);
    if (existing === 'all' || rules === 'all') this.lines.set(line, 'all');
    else this.lines.set(line, [...(existing ?? []), ...rules]);
  }

  isSuppressed(ruleId: string, offset: number): boolean {
    const line = this.lines.size > 0 ? this.lines.get(this.lineOf(offset)) : undefined;
    if (line && covers(line, ruleId)) return true;
    return this.regions.some((r) => offset >= r.start && offset < r.end && covers(r.rules, ruleId));
  }
}

function covers(rules: string[] | 'all', ruleId: string): boolean {
  if (rules === 'all') return true;
  const family = ruleId.split('/')[0];
  return rules.some((r) => r === ruleId || r === family || r === `${family}/*`);
}

function sameRules(a: string[] | 'all', b: string[]): boolean {
  return a !== 'all' && b.every((r) => a.includes(r));
}
