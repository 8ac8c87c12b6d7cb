// Applying fixes: the CLI's --fix, the editor's "fix all" and fix-on-save all
// go through here, so they apply the same edits.

import type { Finding, Fix, TextEdit } from './types';

/** The fixes to apply for "fix all": each finding's preferred safe fix, skipping any that would overlap an earlier one. */
export function selectFixes(findings: readonly Finding[], options: { onlySafe: boolean; ruleId?: string }): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    if (options.ruleId && finding.ruleId !== options.ruleId) continue;
    const fix = finding.fixes.find((f) => f.preferred) ?? finding.fixes[0];
    if (!fix || (options.onlySafe && !fix.safe)) continue;
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point, or ranges that share any character, conflict.
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Apply non-overlapping edits to text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) throw new RangeError(`edit ${edit.start}-${edit.end} is outside the text`);
    if (edit.end > limit) throw new RangeError(`edit ${edit.start}-${edit.end} overlaps another edit`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

export function editsOf(fixes: readonly Fix[]): TextEdit[] {
  return fixes.flatMap((f) => f.edits);
}
