// The glossary's coverage of the authority lists (docs/coverage.md, issue 19):
// the generated page is current, every item is covered or declined with a
// reason, the coverage targets hold, every `authority` tag names a known item,
// and every covering entry's match examples produce a finding that names it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { itemCoverage, loadAuthorityLists, renderCoverageDocs } from '../../scripts/coverage-docs';
import { lint } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
const lists = loadAuthorityLists();
const rows = itemCoverage(glossary, lists);

describe('authority coverage (docs/coverage.md)', () => {
  it('docs/coverage.md is generated from the data and up to date (npm run glossary:docs)', () => {
    const onDisk = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'coverage.md'), 'utf8');
    assert.ok(onDisk === renderCoverageDocs(glossary, lists), 'docs/coverage.md is stale: run npm run glossary:docs');
  });

  it('every authority tag names an item of a list', () => {
    const known = new Set(lists.flatMap((l) => l.items.map((i) => `${l.id}:${i.id}`)));
    const unknown = [...glossary.entries.values()].flatMap((e) => (e.authority ?? []).filter((t) => !known.has(t)).map((t) => `${e.id}: ${t}`));
    assert.deepEqual(unknown, []);
  });

  it('every entry a list names exists', () => {
    const missing = lists.flatMap((l) => l.items.flatMap((i) => (i.entries ?? []).filter((id) => !glossary.get(id)).map((id) => `${l.id}:${i.id} -> ${id}`)));
    assert.deepEqual(missing, []);
  });

  for (const list of lists) {
    it(`${list.id}: every item is covered or declined with a reason, and at least 95 % are covered`, () => {
      const mine = rows.filter((r) => r.list === list);
      const open = mine.filter((r) => !r.entries.length && !r.item.declined?.trim()).map((r) => `${r.item.id} ${r.item.name}`);
      assert.deepEqual(open, []);
      const covered = mine.filter((r) => r.entries.length).length;
      assert.ok(covered / mine.length >= 0.95, `${covered} of ${mine.length} covered`);
      const coveredAndDeclined = mine.filter((r) => r.entries.length && r.item.declined).map((r) => r.item.id);
      assert.deepEqual(coveredAndDeclined, [], 'an item is either covered or declined');
    });
  }

  const covering = new Set(rows.flatMap((r) => r.entries));
  for (const id of [...covering].sort()) {
    const entry = glossary.get(id)!;
    it(`${id}: has match examples, and each produces a finding that names the entry`, () => {
      const examples = entry.examples?.match ?? [];
      assert.ok(examples.length > 0, 'no match examples');
      for (const example of examples) {
        const findings = lint(example, { glossary }).findings.filter((f) => f.terms.includes(id));
        assert.ok(findings.length > 0, `no finding names ${id} in: ${example}`);
      }
    });
  }
});
