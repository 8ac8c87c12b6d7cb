// The bundled glossary as data: every file validates, every entry has a
// source, and every entry's own examples behave as the entry says (like
// prh's specs). An entry with `replaced_by` or `avoid` must be reported by
// its rule on each `match` example; any other entry must be recognised as a
// term. No `no_match` example may do either.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderGlossaryDocs } from '../../scripts/glossary-docs';
import { lint } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { COMPILED_GLOSSARY_NAME, compiledGlossaryFile } from '../../server/src/glossary/compiled';
import { parseGlossaryText } from '../../server/src/glossary/load';
import type { GlossaryEntry } from '../../server/src/glossary/types';
import { assertPreferredFix } from './fixCheck';

const files = bundledGlossaryFiles();
const build = new GlossaryStore().build(files);
const glossary = build.glossary;

function ruleOf(entry: GlossaryEntry): string | undefined {
  if (entry.replaced_by) return 'term/outdated';
  if (entry.avoid) return `term/${entry.avoid.rule}`;
  return undefined;
}

describe('bundled glossary', () => {
  it('loads with no problems', () => {
    assert.deepEqual(build.problems, []);
    assert.deepEqual(build.rejected, []);
  });

  for (const file of files) {
    it(`${file.split('/').pop()} validates against glossary/schema.json`, () => {
      const parsed = parseGlossaryText(file, fs.readFileSync(file, 'utf8'));
      assert.deepEqual(parsed.problems, []);
      assert.ok(parsed.file!.entries.length > 0);
    });
  }

  it('has at least 150 entries, each with a definition and a source with author, year and title', () => {
    assert.ok(glossary.entries.size >= 150, `${glossary.entries.size} entries`);
    for (const entry of glossary.entries.values()) {
      assert.ok(entry.definition.trim().length >= 20, entry.id);
      assert.ok(entry.sources.length >= 1, entry.id);
      for (const s of entry.sources) assert.ok(s.author && s.year && s.title, entry.id);
    }
  });

  it('writes every example as a whole sentence (a comma in a YAML flow list splits a sentence silently)', () => {
    const fragments = [...glossary.entries.values()].flatMap((e) =>
      [...(e.examples?.match ?? []), ...(e.examples?.no_match ?? [])].filter((x) => !/[.!?"”)`]$/.test(x.trim())).map((x) => `${e.id}: ${x}`),
    );
    assert.deepEqual(fragments, []);
  });

  it('docs/glossary.md is generated from the data and up to date (npm run glossary:docs)', () => {
    const onDisk = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'glossary.md'), 'utf8');
    assert.ok(onDisk === renderGlossaryDocs(), 'docs/glossary.md is stale: run npm run glossary:docs');
  });

  it("the README's entry count is the glossary's", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    assert.equal(Number(/(\d+) entries on psychodynamic practice/.exec(readme)?.[1]), glossary.entries.size);
  });

  it('gives every entry at least one example', () => {
    const without = [...glossary.entries.values()].filter((e) => !e.examples?.match?.length).map((e) => e.id);
    assert.deepEqual(without, []);
  });
});

describe('glossary examples', () => {
  for (const entry of glossary.entries.values()) {
    const rule = ruleOf(entry);
    for (const example of entry.examples?.match ?? []) {
      it(`${entry.id} matches: ${example}`, () => {
        const result = lint(example, { glossary });
        if (rule) {
          const found = result.findings.filter((f) => f.ruleId === rule && f.terms[0] === entry.id);
          assert.equal(found.length, 1, `expected one ${rule} finding for ${entry.id}; got ${JSON.stringify(result.findings.map((f) => [f.ruleId, f.terms[0]]))}`);
          assertPreferredFix(example, found[0], entry, glossary);
        } else {
          assert.ok(result.matches.some((m) => m.entryIds.includes(entry.id)), `expected ${entry.id} to be recognised; matched ${JSON.stringify(result.matches.map((m) => m.entryIds))}`);
        }
      });
    }
    for (const example of entry.examples?.no_match ?? []) {
      it(`${entry.id} does not match: ${example}`, () => {
        const result = lint(example, { glossary });
        assert.deepEqual(result.findings.filter((f) => f.terms[0] === entry.id).map((f) => f.ruleId), []);
        if (!rule) assert.ok(!result.matches.some((m) => m.entryIds.includes(entry.id) && !m.quoted), `${entry.id} was recognised`);
      });
    }
  }
});

describe('compiled glossary (dist/glossary.json, read at start-up instead of the YAML)', () => {
  // npm test builds first, so the compiled glossary must be there.
  const dist = path.join(path.dirname(path.dirname(files[0])), 'dist');

  it('is built', () => assert.ok(fs.existsSync(path.join(dist, COMPILED_GLOSSARY_NAME))));

  it('gives every bundled file exactly as parsing its YAML does', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const compiled = compiledGlossaryFile(file, text, dist);
      assert.ok(compiled, `${path.basename(file)} is in the compiled glossary (run the build)`);
      assert.deepEqual(compiled, parseGlossaryText(file, text).file);
    }
  });

  it('is not used for a text that differs from the build by one character', () => {
    const text = fs.readFileSync(files[0], 'utf8');
    assert.equal(compiledGlossaryFile(files[0], text + ' ', dist), undefined);
    assert.equal(compiledGlossaryFile(files[0], text.replace(/e/, 'f'), dist), undefined);
  });

  it('hands out copies: changing one glossary leaves the next start-up intact', () => {
    const text = fs.readFileSync(files[0], 'utf8');
    const first = compiledGlossaryFile(files[0], text, dist)!;
    first.entries[0].term = 'changed';
    assert.notEqual(compiledGlossaryFile(files[0], text, dist)!.entries[0].term, 'changed');
  });
});
