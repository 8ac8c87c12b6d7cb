// The rule pages in docs/rules/ are executable: each ```markdown block under
// "## Fails" must be reported by the page's rule, each under "## Passes" must
// not. Docs that drift from the behaviour fail the build.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { CATALOG, RULES } from '../../server/src/engine/rules';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

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
    passes.forEach((text, i) =>
      it(`${rule.id}: passing example ${i + 1} is not reported`, () => {
        const found = lint(text, { glossary }).findings.filter((f) => f.ruleId === rule.id);
        assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), [], `reported:\n${text}`);
      }),
    );
  }
});
