// term/outdated: retired diagnostic names from glossary/diagnoses.yaml, their
// messages, quick fixes and the places where they are not findings.

import assert from 'node:assert/strict';
import { applyEdits, selectFixes } from '../../server/src/engine/fixes';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { lint } from '../../server/src/engine/lint';
import { covered, diagnosesGlossary, outdated } from './helpers';

describe('term/outdated', () => {
  it('reports a retired term with a message naming the old and the current term', () => {
    const text = 'Her aunt had manic depression for years.';
    const findings = outdated(text);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.deepEqual([f.ruleId, f.severity, f.start, f.end], ['term/outdated', 'warning', 13, 29]);
    assert.equal(f.message, '“manic depression” is a retired diagnostic term; write “bipolar disorder”.');
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
    assert.equal(f.message, '“Hypochondriasis” is a retired diagnostic term (still current in ICD-11 and ICD-10); write “Illness anxiety disorder” or “Somatic symptom disorder”.');
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

describe('term/outdated on real writing (bundled glossary)', () => {
  const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
  const found = (text: string) => lint(text, { glossary }).findings.filter((f) => f.ruleId === 'term/outdated');
  const spans = (text: string) => covered(text, found(text));
  const preferred = (text: string) => {
    const [f] = found(text);
    assert.ok(f, 'no finding');
    return f.fixes.find((x) => x.preferred)!;
  };

  describe('inflection', () => {
    it('reports a bare eponym with a straight or curly apostrophe, used for people today', () => {
      assert.deepEqual(spans('Adults with Asperger’s often find small talk tiring.'), ['Asperger’s']);
      assert.deepEqual(spans("Teens with Asperger's may prefer routines."), ["Asperger's"]);
      assert.deepEqual(spans('Hans Asperger wrote about four boys.'), []);
    });

    it('reports the irregular plural of a Greek -sis term', () => {
      assert.deepEqual(spans('Her neuroses kept her from travelling.'), ['neuroses']);
    });

    it('reports a multi-word term run together by a scraper', () => {
      assert.deepEqual(spans('His manicdepression went untreated for a decade.'), ['manicdepression']);
    });

    it('reports the old name offered as a current alternative name ("also known as X")', () => {
      assert.deepEqual(spans('Bipolar disorder, also known as manic depression, affects mood.'), ['manic depression']);
    });

    it('reports a term used today even when the current name is in the same sentence, if the sentence is not about naming', () => {
      assert.deepEqual(spans('Many people with Asperger’s do not see autism spectrum disorder as an illness.'), ['Asperger’s']);
    });
  });

  describe('historical frames and other classifications', () => {
    const negatives = [
      'What doctors then called shell shock left many soldiers unable to speak.',
      'Women in Victorian asylums were often diagnosed with hysteria.',
      'Before DSM-5 she would have been diagnosed with Asperger’s syndrome.',
      'A First World War account describes shell shock in a young officer.',
      'In 1975 her aunt was diagnosed with manic depression.',
      'Under DSM-IV, he received a diagnosis of Asperger’s.',
      'Asperger’s syndrome is no longer a separate diagnosis.',
      'Clinicians in the 1930s spoke of neurosis in most of their patients.',
      'ICD-11 still uses dysthymic disorder for this pattern.',
      '## How is manic depression treated?',
    ];
    for (const text of negatives) it(`does not report: ${text}`, () => assert.deepEqual(spans(text), []));

    it('still reports a term used today, even next to a cited year', () => {
      assert.deepEqual(spans('In 2019 her cousin was diagnosed with manic depression.'), ['manic depression']);
      assert.deepEqual(spans('People with manic depression wait years for help (Smith, 1975).'), ['manic depression']);
      assert.deepEqual(spans('Since the 1990s, adults with Asperger’s have met online.'), ['Asperger’s']);
    });
  });

  describe('proper names', () => {
    const names = [
      'The National Institute on Drug Abuse funds addiction research.',
      'She works for the Substance Abuse and Mental Health Services Administration.',
      'He has gone to Narcotics Anonymous and Alcoholics Anonymous meetings for years.',
      'Drug Abuse Resistance Education was taught in many schools.',
      'The study appeared in Schizophrenia Bulletin last year.',
    ];
    for (const text of names) {
      it(`reports nothing in: ${text}`, () => assert.deepEqual(lint(text, { glossary }).findings.filter((f) => f.ruleId.startsWith('term/')).map((f) => text.slice(f.start, f.end)), []));
    }

    it('--fix changes no proper name, and still fixes the same term outside it', () => {
      const text = 'The National Institute on Drug Abuse studies drug abuse in teenagers.';
      const fixed = applyEdits(text, selectFixes(lint(text, { glossary }).findings, { onlySafe: false }).flatMap((f) => f.edits));
      assert.equal(fixed, 'The National Institute on Drug Abuse studies substance use disorder in teenagers.');
    });
  });

  describe('fix safety', () => {
    it('neurosis has no single successor: several fixes, none safe', () => {
      const [f] = found('Neurosis was common among his patients.');
      assert.ok(f.fixes.length > 1);
      assert.ok(f.fixes.every((x) => !x.safe));
    });

    it('shell shock is not rewritten to PTSD unattended', () => {
      assert.equal(preferred('Many veterans still live with shell shock.').safe, false);
    });

    it('a term still current in ICD (dysthymia, substance dependence) is never rewritten unattended, and the message says where it is current', () => {
      for (const text of ['Dysthymia lasts for years.', 'The clinic treats substance dependence in adults.']) {
        const [f] = found(text);
        assert.equal(f.fixes[0].safe, false, text);
        assert.match(f.message, /still current in ICD-11/);
      }
    });

    it('substance abuse is not current in ICD: a paragraph naming ICD-10 does not excuse it', () => {
      assert.deepEqual(spans('In ICD-10 terms, the clinic treats substance abuse.'), ['substance abuse']);
    });

    it('--fix applies no unsafe rewrite: a text with only such findings is unchanged', () => {
      const text = 'Neurosis was common. Many veterans still live with shell shock. Dysthymia lasts for years.';
      assert.deepEqual(selectFixes(lint(text, { glossary }).findings, { onlySafe: true }), []);
    });

    it('keeps a hard-wrapped term on two lines in its fix', () => {
      const text = 'Her aunt had manic\ndepression for years.';
      assert.equal(applyEdits(text, preferred(text).edits), 'Her aunt had bipolar\ndisorder for years.');
    });

    it('keeps the sentence-initial capital, and the replacement’s own case mid-sentence', () => {
      assert.equal(preferred('Manic depression ran in the family.').edits[0].text, 'Bipolar disorder');
      assert.equal(preferred('Children with Asperger’s like routines.').edits[0].text, 'autism spectrum disorder');
    });
  });
});
