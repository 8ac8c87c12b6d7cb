// Inline control comments:
//   <!-- psylint-disable [RULE ...] -->   ...   <!-- psylint-enable [RULE ...] -->
//   <!-- psylint-disable-next-line [RULE ...] -->
//   <!-- psylint-disable-line [RULE ...] -->   (suppresses its own line)
// No rule = all rules. A rule may be an id (term/outdated) or a family (term).
//   <!-- psylint-ignore RULE "wording" ["wording" ...] -->
// ignores that rule's findings on exactly that wording anywhere in the
// document (a notebook: in the cell), wherever the comment stands; the same
// rule on other words, and other rules on the same words, still report.
// Wordings are JSON strings. The workspace's `accept:` list (see config.ts)
// works like an ignore of every term rule, in every file.

import type { Range } from './parse/types';
import { keepShapesOf } from './keptShapes';

const DIRECTIVE = /^<!--\s*psylint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->$/;
const IGNORE = /^<!--\s*psylint-ignore\s+(\S+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*-->$/;
const WORDING = /"(?:[^"\\]|\\.)*"/g;

interface Region {
  rules: string[] | 'all';
  start: number;
  end: number;
}

/** Where inline directives switch rules off: regions of offsets (a line directive's region is its lines). */
export class Suppressions {
  private readonly regions: Region[] = [];
  /** From psylint-ignore comments: rule (id or family) and the wording it is ignored on, normalized. */
  private readonly ignored: { rule: string; wording: string }[] = [];
  private readonly accepted: Set<string>;

  /** `comments`: the document's HTML comments, in order. `accept`: wordings no term rule reports (the workspace's list). */
  constructor(
    private readonly text: string,
    comments: readonly Range[],
    accept: readonly string[] = [],
  ) {
    this.accepted = new Set(accept.map(normalizeWording));
    const open: { rules: string[] | 'all'; start: number }[] = [];
    for (const comment of comments) {
      const source = text.slice(comment.start, comment.end);
      const ignore = IGNORE.exec(source);
      if (ignore) {
        for (const quoted of ignore[2].match(WORDING) ?? []) {
          const wording = parseWording(quoted);
          if (wording) this.ignored.push({ rule: ignore[1], wording: normalizeWording(wording) });
        }
        continue;
      }
      const m = DIRECTIVE.exec(source);
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

  /** Whether a finding is switched off: by a disable region, an ignore of its wording, or the accept list (term rules). */
  hides(finding: { ruleId: string; start: number; end: number }): boolean {
    if (this.isSuppressed(finding.ruleId, finding.start)) return true;
    if (this.ignored.length === 0 && this.accepted.size === 0) return false;
    const wording = normalizeWording(this.text.slice(finding.start, finding.end));
    if (this.accepted.has(wording) && finding.ruleId.startsWith('term/')) return true;
    return this.ignored.some((i) => i.wording === wording && covers([i.rule], finding.ruleId));
  }
}

keepShapesOf(new Suppressions('', []));

/**
 * The directive that ignores one finding's wording: `<!-- psylint-ignore term/outdated "manic depression" -->`.
 * The wording is written as found; undefined when it cannot be written into a comment.
 */
export function ignoreDirective(ruleId: string, wording: string): string | undefined {
  if (wording.includes('--')) return undefined; // "--" may not appear inside an HTML comment
  return `<!-- psylint-ignore ${ruleId} ${JSON.stringify(wording.replace(/\s+/g, ' '))} -->`;
}

/** Wordings compare without case, with any run of white space as one space, and with typographic apostrophes as straight ones. */
export function normalizeWording(wording: string): string {
  return wording.trim().replace(/\s+/g, ' ').replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
}

function parseWording(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined; // a bad escape: this wording ignores nothing
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
