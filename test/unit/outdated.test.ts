// term/outdated: retired diagnostic names from glossary/diagnoses.yaml, their
// messages, quick fixes and the places where they are not findings.

import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import { covered, diagnosesGlossary, outdated } from './helpers';

describe('term/outdated', () => {
  it('reports a retired term with a message naming the old and the current term', () => {
    const text = 'Her aunt had manic depression for years.';
    const findings = outdated(text);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.deepEqual([f.ruleId, f.severity, f.start, f.end], ['term/outdated', 'warning', 13, 29]);
    assert.equal(f.message, '“manic depression” is a retired diagnostic term; the current term is “bipolar disorder” (changed in DSM-III (1980)).');
    assert.deepEqual(f.terms, ['manic-depression', 'bipolar-disorder']);
  });

  it('offers the current term as one safe, preferred fix', () => {
    const text = 'Her aunt had manic depression for years.';
    const [f] = outdated(text);
    assert.deepEqual(f.fixes, [{ title: 'Replace with “bipolar disorder”', edits: [{ start: 13, end: 29, text: 'bipolar disorder' }], safe: true, preferred: true }]);
  });

  it('keeps the capital of a sentence-initial term in the fix', () => {
    const text = 'Manic depression ran in the family.';
    const [f] = outdated(text);
    assert.deepEqual(f.fixes[0].edits, [{ start: 0, end: 16, text: 'Bipolar disorder' }]);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'Bipolar disorder ran in the family.');
  });

  it('keeps the plural in the fix', () => {
    const text = 'Two multiple personality disorders were described.';
    const [f] = outdated(text);
    assert.deepEqual(covered(text, [f]), ['multiple personality disorders']);
    assert.equal(applyEdits(text, f.fixes[0].edits), 'Two dissociative identity disorders were described.');
    assert.equal(f.fixes[0].title, 'Replace with “dissociative identity disorders”');
  });

  it('keeps capitals of a shouted phrase', () => {
    const text = 'HER AUNT HAD MANIC DEPRESSION.';
    const [f] = outdated(text);
    assert.equal(f.fixes[0].edits[0].text, 'BIPOLAR DISORDER');
  });

  it('writes the current term in lower case for an abbreviation', () => {
    const text = 'The chart said MPD at intake.';
    const [f] = outdated(text);
    assert.deepEqual(f.fixes[0].edits, [{ start: 15, end: 18, text: 'dissociative identity disorder' }]);
  });

  // Regression (fixed): a possessive match ("manic depression's") is replaced whole by the bare current term,
  // so the safe fix drops the 's: "Manic depression's course" -> "Bipolar disorder course".
  it("keeps a possessive 's in the fix", () => {
    const text = "Manic depression's course varies.";
    const [f] = outdated(text);
    assert.equal(applyEdits(text, f.fixes[0].edits), "Bipolar disorder's course varies.");
  });

  it('offers one fix per successor when there are several: the first preferred, none safe', () => {
    const text = 'Hypochondriasis is common in primary care.';
    const [f] = outdated(text);
    assert.equal(f.message, '“Hypochondriasis” is a retired diagnostic term; the current term is “illness anxiety disorder” or “somatic symptom disorder” (changed in DSM-5 (2013)).');
    assert.deepEqual(f.terms, ['hypochondriasis', 'illness-anxiety-disorder', 'somatic-symptom-disorder']);
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.edits, x.safe, x.preferred]),
      [
        ['Replace with “Illness anxiety disorder” (when bodily symptoms are absent or mild)', [{ start: 0, end: 15, text: 'Illness anxiety disorder' }], false, true],
        ['Replace with “Somatic symptom disorder” (when distressing bodily symptoms are present)', [{ start: 0, end: 15, text: 'Somatic symptom disorder' }], false, false],
      ],
    );
  });

  it('is not a finding in a paragraph that names a classification where the term is current', () => {
    assert.deepEqual(outdated('In ICD-11 hypochondriasis sits with the obsessive-compulsive disorders.'), []);
  });

  it('still reports the term in another paragraph than the one naming the classification', () => {
    const text = 'ICD-11 keeps its own codes.\n\nHypochondriasis was common in the clinic.';
    assert.deepEqual(
      outdated(text).map((f) => [f.start, f.end]),
      [[29, 44]],
    );
  });

  it('is not a finding inside straight or curly quotation marks', () => {
    assert.deepEqual(outdated('Her file said "manic depression" on every page.'), []);
    assert.deepEqual(outdated('Her file said “manic depression” on every page.'), []);
  });

  it('is not a finding in inline code, a fence or a block quote', () => {
    const text = ['Her file said `manic depression` on top.', '', '```', 'manic depression', '```', '', '> Her aunt had manic depression.', ''].join('\n');
    assert.deepEqual(outdated(text), []);
  });

  it('is not a finding in a heading that only names a topic, but is in a sentence heading', () => {
    const text = '# Manic depression\n\n## Her aunt had manic depression.\n';
    assert.deepEqual(
      outdated(text).map((f) => [f.start, f.end]),
      [[36, 52]],
    );
  });

  it('is not a finding when the old name is being named as a label', () => {
    assert.deepEqual(outdated('The old label manic depression appears in her chart.'), []);
  });

  it('reports each occurrence', () => {
    const text = 'Manic depression here. Later, manic depression again.';
    assert.deepEqual(
      outdated(text).map((f) => [f.start, f.end]),
      [
        [0, 16],
        [30, 46],
      ],
    );
  });

  it('uses the severity set in options.rules', () => {
    const { findings } = lint('Her aunt had manic depression.', { glossary: diagnosesGlossary(), rules: { 'term/outdated': 'error' } });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'term/outdated').map((f) => f.severity),
      ['error'],
    );
  });

  it('reports nothing when turned off', () => {
    const { findings, matches } = lint('Her aunt had manic depression.', { glossary: diagnosesGlossary(), rules: { 'term/outdated': 'off' } });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'term/outdated'),
      [],
    );
    // The term is still recognised (hover reads matches).
    assert.deepEqual(
      matches.map((m) => m.entryIds),
      [['manic-depression']],
    );
  });
});
