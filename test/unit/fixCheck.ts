// The preferred quick fix of a finding, applied and checked against the
// glossary data: shared by the generated glossary and rule-page tests.

import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import type { Finding } from '../../server/src/engine/types';
import type { Glossary } from '../../server/src/glossary/glossary';
import type { GlossaryEntry } from '../../server/src/glossary/types';

/** A word's inflections the rewrite may add: plural, possessive. */
const INFLECTION = /^(?:e?s|'s|’s|s'|s’)?$/;

/**
 * The preferred fix, applied: it rewrites exactly the finding's words into
 * one of the entry's own rewrites (as inflected: case, plural, possessive),
 * and the finding is gone from the result.
 */
export function assertPreferredFix(text: string, finding: Finding, entry: GlossaryEntry, glossary: Glossary): void {
  const rewrites = [...(entry.replaced_by ?? []).map((r) => r.term), ...(entry.avoid?.prefer ?? []), ...(entry.aliases ?? []).flatMap((a) => (typeof a === 'string' ? [] : (a.prefer ?? [])))];
  const preferred = finding.fixes.find((f) => f.preferred);
  if (!preferred) {
    // No fix only where the data offers none: no rewrite at all, or an alias with `prefer: []`.
    const matched = text.slice(finding.start, finding.end).toLowerCase();
    const withoutFix = (entry.aliases ?? []).some((a) => typeof a !== 'string' && a.prefer?.length === 0 && a.text.toLowerCase() === matched);
    assert.ok(rewrites.length === 0 || withoutFix, `${entry.id}: the finding offers no preferred fix`);
    return;
  }
  const fixed = applyEdits(text, preferred.edits);
  const before = text.slice(0, finding.start);
  const after = text.slice(finding.end);
  assert.ok(fixed.startsWith(before) && fixed.endsWith(after) && fixed.length >= before.length + after.length, `the fix changed text outside the finding:\n${text}\n${fixed}`);
  const written = fixed.slice(before.length, fixed.length - after.length);
  // "person" has an irregular plural the rewrite knows.
  const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').replace(/\bpeople\b/g, 'person');
  assert.ok(
    rewrites.some((r) => norm(written).startsWith(norm(r).replace(/(?:y|is)$/, '')) && INFLECTION.test(norm(written).slice(norm(r).length)) || norm(written) === norm(r)),
    `${entry.id}: ${JSON.stringify(written)} is none of the entry's rewrites ${JSON.stringify(rewrites)}`,
  );
  // A capital that starts the finding stays.
  if (/^\p{Lu}\p{Ll}/u.test(text.slice(finding.start)) && !/^\p{Lu}\p{Ll}/u.test(entry.term)) assert.match(written, /^\p{Lu}/u, `${entry.id}: the fix lost the capital: ${written}`);
  const again = lint(fixed, { glossary }).findings.filter((f) => f.ruleId === finding.ruleId && f.terms[0] === entry.id);
  assert.deepEqual(again.map((f) => fixed.slice(f.start, f.end)), [], `${entry.id}: still reported after the fix:\n${fixed}`);
}
