// Inline control comments:
//   <!-- psylint-disable [RULE ...] -->   ...   <!-- psylint-enable [RULE ...] -->
//   <!-- psylint-disable-next-line [RULE ...] -->
//   <!-- psylint-disable-line [RULE ...] -->   (suppresses its own line)
// No rule = all rules. A rule may be an id (term/outdated) or a family (term).

import type { ParsedDocument } from './parse';

const DIRECTIVE = /^<!--\s*psylint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->$/;

interface Region {
  rules: string[] | 'all';
  start: number;
  end: number;
}

export class Suppressions {
  private readonly regions: Region[] = [];
  private readonly lines = new Map<number, string[] | 'all'>();

  constructor(doc: ParsedDocument) {
    const open: { rules: string[] | 'all'; start: number }[] = [];
    for (const comment of doc.comments) {
      const m = DIRECTIVE.exec(doc.text.slice(comment.start, comment.end));
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
          this.addLine(doc.lines.lineOf(comment.end) + 1, rules);
          break;
        case 'disable-line':
          for (let l = doc.lines.lineOf(comment.start); l <= doc.lines.lineOf(comment.end); l++) this.addLine(l, rules);
          break;
      }
    }
    for (const region of open) this.regions.push({ rules: region.rules, start: region.start, end: doc.text.length });
    this.lineOf = (offset) => doc.lines.lineOf(offset);
  }

  private readonly lineOf: (offset: number) => number;

  private addLine(line: number, rules: string[] | 'all'): void {
    const existing = this.lines.get(line);
    if (existing === 'all' || rules === 'all') this.lines.set(line, 'all');
    else this.lines.set(line, [...(existing ?? []), ...rules]);
  }

  isSuppressed(ruleId: string, offset: number): boolean {
    const line = this.lines.get(this.lineOf(offset));
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
