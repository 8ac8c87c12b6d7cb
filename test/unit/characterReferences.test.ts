// HTML character references in Markdown prose ("Asperger&#39;s", "research&nbsp;shows"),
// as pages converted to Markdown keep them, are read as the characters they stand for,
// while every finding and fix still lands on the text as written.

import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import { decodeCharacterReferences } from '../../server/src/engine/markdown';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
const found = (text: string, ruleId: string) =>
  lint(text, { glossary })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => text.slice(f.start, f.end));

describe('character references in prose', () => {
  it('decodes them at the same length, padding inside a word so it stays whole', () => {
    const prose = 'Asperger&#39;s, research&nbsp;shows, A &amp; B, &foo; and &#xZZ;';
    const decoded = decodeCharacterReferences(prose);
    assert.equal(decoded.length, prose.length);
    assert.ok(decoded.startsWith("Asperger'\u034f\u034f\u034f\u034fs, research      shows, A &     B"), JSON.stringify(decoded));
    assert.ok(decoded.endsWith('&foo; and &#xZZ;'), 'an unknown or malformed reference stays as written');
  });

  it('matches a term across a reference, and the finding covers the text as written', () => {
    assert.deepEqual(found('He has Asperger&#39;s syndrome.', 'term/outdated'), ['Asperger&#39;s syndrome']);
    assert.deepEqual(found('Her Asperger&rsquo;s was diagnosed late.', 'term/outdated'), ['Asperger&rsquo;s']);
  });

  it('matches an abbreviation before a possessive written as a reference', () => {
    assert.deepEqual(found('EMDR&#39;s benefits last for years.', 'claim/unsupported'), ['EMDR&#39;s benefits last for years.']);
  });

  it('keeps a possessive written as a reference outside the match, so the fix keeps it', () => {
    const text = "His manic depression&#39;s course was long.";
    const [finding] = lint(text, { glossary }).findings.filter((f) => f.ruleId === 'term/outdated');
    assert.equal(text.slice(finding.start, finding.end), 'manic depression');
    assert.equal(applyEdits(text, finding.fixes[0].edits), "His bipolar disorder&#39;s course was long.");
  });

  it('reads a non-breaking space as a space and quotation-mark references as quotation marks', () => {
    assert.deepEqual(found('Research&nbsp;shows that CBT works.', 'claim/vague-attribution'), ['Research&nbsp;shows']);
    assert.deepEqual(found('She said &quot;therapy cured me&quot; and left.', 'claim/unsupported'), []);
    assert.deepEqual(found('Therapy doesn&#39;t cure anxiety.', 'claim/unsupported'), []);
  });

  it('leaves references in code alone', () => {
    assert.deepEqual(found('Type `Asperger&#39;s syndrome` into the search box.', 'term/outdated'), []);
  });
});
