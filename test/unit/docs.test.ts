// The rule pages in docs/rules/ are executable: each ```markdown block under
// "## Fails" must be reported by the page's rule, each under "## Passes" must
// not. Each failing example's preferred fixes are applied and must remove
// their finding (and, for term rewrites, write one of the entry's rewrites).
// Docs that drift from the behaviour fail the build.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import type { Finding } from '../../server/src/engine/types';
import { CATALOG, RULES } from '../../server/src/engine/rules';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { assertPreferredFix } from './fixCheck';

const DOCS = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');
const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

function examples(page: string, section: 'Fails' | 'Passes'): string[] {
  const start = page.indexOf(`\n## ${section}\n`);
  if (start < 0) return [];
  const next = page.indexOf('\n## ', start + 1);
  const body = page.slice(start, next < 0 ? undefined : next);
  return [...body.matchAll(/```markdown\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('rule documentation', () => {
  it('has a page for every implemented rule', () => {
    for (const rule of RULES) assert.ok(fs.existsSync(path.join(DOCS, `${rule.id.replace('/', '-')}.md`)), `docs/rules/${rule.id.replace('/', '-')}.md`);
  });

  for (const rule of CATALOG) {
    const file = path.join(DOCS, `${rule.id.replace('/', '-')}.md`);
    if (!fs.existsSync(file)) continue;
    const page = fs.readFileSync(file, 'utf8');
    const fails = examples(page, 'Fails');
    const passes = examples(page, 'Passes');
    it(`${rule.id}: the page has examples that fail and pass`, () => {
      assert.ok(fails.length > 0 && passes.length > 0);
    });
    fails.forEach((text, i) =>
      it(`${rule.id}: failing example ${i + 1} is reported`, () => {
        const found = lint(text, { glossary }).findings.filter((f) => f.ruleId === rule.id);
        assert.ok(found.length > 0, `not reported:\n${text}`);
      }),
    );
    fails.forEach((text, i) =>
      it(`${rule.id}: failing example ${i + 1}, each preferred fix applied, is no longer reported there`, () => {
        const found = lint(text, { glossary }).findings.filter((f) => f.ruleId === rule.id);
        for (const finding of found) {
          const preferred = finding.fixes.find((f) => f.preferred);
          if (!preferred) continue;
          const entry = glossary.get(finding.terms[0]);
          // Term rules that rewrite the term itself: the result is one of the entry's own rewrites.
          if (entry && ['term/outdated', 'term/stigmatizing', 'term/imprecise'].includes(rule.id)) assertPreferredFix(text, finding, entry, glossary);
          const fixed = applyEdits(text, preferred.edits);
          assert.notEqual(fixed, text, `the fix ${preferred.title} changes nothing`);
          // The finding is gone: one fewer of this rule (for the same terms) than before.
          const same = (f: Finding) => f.ruleId === rule.id && f.terms.join() === finding.terms.join();
          const after = lint(fixed, { glossary }).findings.filter(same);
          assert.ok(after.length < found.filter(same).length, `still reported after ${preferred.title}:\n${fixed}`);
        }
      }),
    );
    passes.forEach((text, i) =>
      it(`${rule.id}: passing example ${i + 1} is not reported`, () => {
        const found = lint(text, { glossary }).findings.filter((f) => f.ruleId === rule.id);
        assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), [], `reported:\n${text}`);
      }),
    );
  }
});
