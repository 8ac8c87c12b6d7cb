// Claim rules and evidence markers, with near misses.

import assert from 'node:assert/strict';
import { DocumentEvidence } from '../../server/src/engine/evidence';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint, type LintOptions } from '../../server/src/engine/lint';
import { parseDocument } from './parseDocument';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';
import { parseBibliography } from '../../server/src/bibliography';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

function found(text: string, ruleId: string, options: Partial<LintOptions> = {}) {
  return lint(text, { glossary, ...options }).findings.filter((f) => f.ruleId === ruleId);
}
function spans(text: string, ruleId: string, options: Partial<LintOptions> = {}): string[] {
  return found(text, ruleId, options).map((f) => text.slice(f.start, f.end));
}

const CLAIM = 'Psychodynamic therapy reduces depressive symptoms';

describe('evidence markers support a claim', () => {
  const supported: [string, string][] = [
    ['APA parenthetical', `${CLAIM} (Shedler, 2010).`],
    ['APA with several sources', `${CLAIM} (Leichsenring et al., 2015; Abbass, 2014).`],
    ['APA with a page', `${CLAIM} (Shedler, 2010, p. 102).`],
    ['APA with "see" and a suffix letter', `${CLAIM} (see Abbass et al., 2014b).`],
    ['APA n.d.', `${CLAIM} (National Health Service, n.d.).`],
    ['APA in press', `${CLAIM} (Town, in press).`],
    ['APA narrative', `Shedler (2010) reports that psychodynamic therapy reduces depressive symptoms.`],
    ['APA narrative, two authors', `Leichsenring and Rabung (2008) found that long-term therapy improves outcomes.`],
    ['APA narrative, et al.', `Abbass et al. (2014) found that short-term therapy reduces symptoms.`],
    ['APA narrative, and colleagues', `Abbass and colleagues (2014) found that short-term therapy reduces symptoms.`],
    ['numeric bracket', `${CLAIM} [1].`],
    ['numeric list', `${CLAIM} [1, 2].`],
    ['numeric range', `${CLAIM} [3-5].`],
    ['numeric in parentheses at the end', `${CLAIM} (4).`],
    ['superscript', `${CLAIM}.<sup>3</sup>`],
    ['Pandoc citekey', `${CLAIM} [@shedler2010].`],
    ['Pandoc citekeys with a locator', `${CLAIM} [see @shedler2010; @abbass2014, p. 3].`],
    ['Pandoc narrative citekey', `@shedler2010 found that psychodynamic therapy reduces symptoms.`],
    ['footnote with its definition', `${CLAIM}.[^1]\n\n[^1]: Shedler, J. (2010). American Psychologist.`],
    ['DOI link', `${CLAIM} ([review](https://doi.org/10.1037/a0018378)).`],
    ['PubMed link', `${CLAIM} (see <https://pubmed.ncbi.nlm.nih.gov/20141265/>).`],
    ['PMC link', `${CLAIM}, as a [trial](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123456/) showed.`],
    ['.gov link', `${CLAIM}, according to [the institute](https://www.nimh.nih.gov/health).`],
    ['.edu link', `${CLAIM} ([summary](https://psychology.example.edu/outcomes)).`],
    ['journal link', `${CLAIM} ([paper](https://www.thelancet.com/journals/lanpsy/article/x)).`],
    ['a bare DOI', `${CLAIM} (doi:10.1037/a0018378).`],
    ['a bare DOI URL in parentheses', `${CLAIM} (https://doi.org/10.1037/a0018378).`],
    ['a marker in the next sentence', `${CLAIM}. This was shown in a large review (Abbass et al., 2014).`],
  ];
  for (const [name, text] of supported) {
    it(name, () => assert.deepEqual(spans(text, 'claim/unsupported'), []));
  }
});

describe('near misses are not evidence', () => {
  const unsupported: [string, string][] = [
    ['a year that is not a citation', `In 2015 the clinic found that ${CLAIM.toLowerCase()}.`],
    ['a year in parentheses without a name', `${CLAIM} (since 2015).`],
    ['a count in parentheses', `${CLAIM} (n = 42).`],
    ['a percentage in parentheses', `${CLAIM} (42%).`],
    ['an enumeration in the middle of a sentence', `${CLAIM} in (1) adults and (2) adolescents across clinics.`],
    ['a footnote without a definition', `${CLAIM}.[^9]`],
    ['a link that is not a source', `${CLAIM} ([our blog](https://example.com/blog)).`],
    ['a marker two sentences later', `${CLAIM}. Many people agree. It is widely offered (Shedler, 2010).`],
    ['a marker in the next paragraph', `${CLAIM}.\n\nIt is widely offered (Shedler, 2010).`],
    ['an e-mail address', `${CLAIM}; write to info@clinic.example for details.`],
  ];
  for (const [name, text] of unsupported) {
    it(name, () => assert.equal(spans(text, 'claim/unsupported').length, 1, JSON.stringify(spans(text, 'claim/unsupported'))));
  }
});

describe('claim/unsupported', () => {
  const claims = [
    'Therapy works.',
    'CBT is effective for panic disorder.',
    'Psychodynamic therapy helps people with depression.',
    'Group sessions reduce loneliness.',
    'Short-term therapy outperforms waiting lists.',
    'Psychodynamic therapy is as effective as CBT.',
    'The benefits keep growing after therapy ends.',
    'Counselling leads to lasting change.',
    'It works especially well for people who are curious about their past. (after a heading about therapy)'.replace(' (after a heading about therapy)', ''),
  ];
  for (const text of claims) {
    it(`reports: ${text}`, () => {
      const input = text.startsWith('It ') ? `## Therapy\n\n${text}` : text;
      assert.equal(spans(input, 'claim/unsupported').length, 1);
    });
  }
  const notClaims = [
    'Therapists explore past relationships with the client.',
    'Psychodynamic therapy is a form of talk therapy.',
    'Does psychodynamic therapy work?',
    'The therapy aims to reduce symptoms through insight.',
    'Psychodynamic therapy works by exploring unconscious patterns.',
    'Medication is used to treat severe depression.',
    'I found CBT really helpful when I was at university.',
    'Therapy does not work for everyone.',
    'Patients learn to reduce avoidance during sessions.',
    'The patient was treated with psychodynamic methods for a year.',
    'She said "therapy works wonders" at the end of the interview.',
    'Sessions cost £60; reduced-fee places are available.',
  ];
  for (const text of notClaims) it(`does not report: ${text}`, () => assert.deepEqual(spans(text, 'claim/unsupported'), []));

  it('reports hedged claims one severity lower', () => {
    const [finding] = found('Psychodynamic therapy may help if you keep repeating painful patterns.', 'claim/unsupported');
    assert.equal(finding.severity, 'information');
    assert.equal(found('Psychodynamic therapy helps people with depression.', 'claim/unsupported')[0].severity, 'warning');
  });

  it('is not reported again when the sentence is a vague attribution', () => {
    const text = 'Research shows that psychodynamic therapy reduces depression.';
    assert.deepEqual(spans(text, 'claim/unsupported'), []);
    assert.deepEqual(spans(text, 'claim/vague-attribution'), ['Research shows']);
  });

  it('inserts a citation placeholder in the document’s own style', () => {
    const fixed = (text: string, language?: string) => {
      const [finding] = found(text, 'claim/unsupported', { language });
      return applyEdits(text, finding.fixes[0].edits);
    };
    assert.equal(fixed('Therapy works.', 'draft.qmd'), 'Therapy works [@TODO].');
    assert.equal(fixed('See the review [@shedler2010].\n\nTherapy works.'), 'See the review [@shedler2010].\n\nTherapy works [@TODO].');
    assert.equal(fixed('See the trial [2].\n\nTherapy works.'), 'See the trial [2].\n\nTherapy works [?].');
    assert.equal(fixed('Therapy works.'), 'Therapy works (Author, Year).');
    // The placeholder marks where the source goes: the finding is resolved in every style.
    for (const [text, language] of [['Therapy works.', 'draft.qmd'], ['See the trial [2].\n\nTherapy works.', undefined], ['Therapy works.', undefined]] as const) {
      assert.deepEqual(spans(fixed(text, language), 'claim/unsupported', { language }), []);
    }
  });

  it('does not count a citekey missing from the bibliography, and names it', () => {
    const bibliography = { files: ['references.bib'], keys: new Set(['shedler2010']) };
    const text = 'Therapy reduces symptoms [@ghost2020].';
    const [finding] = found(text, 'claim/unsupported', { bibliography });
    assert.match(finding.message, /^@ghost2020 is not in references\.bib: add the entry/);
    assert.deepEqual(spans('Therapy reduces symptoms [@shedler2010].', 'claim/unsupported', { bibliography }), []);
  });
});

describe('claim/vague-attribution', () => {
  const frames: [string, string][] = [
    ['Research shows that therapy helps.', 'Research shows'],
    ['Studies have found that mindfulness reduces stress.', 'Studies have found'],
    ['Evidence suggests that counselling works.', 'Evidence suggests'],
    ['Experts agree that early help matters.', 'Experts agree'],
    ['According to the American Psychological Association, therapy is effective.', 'According to the American Psychological Association'],
    ['A meta-analysis of 33 studies found large effects.', 'A meta-analysis of 33 studies found'],
    ['There is strong evidence that exercise lifts mood.', 'There is strong evidence that'],
    ['## Landmark Study Finds Therapy Beats Pills', 'Landmark Study Finds'],
  ];
  for (const [text, span] of frames) it(`reports: ${text}`, () => assert.deepEqual(spans(text, 'claim/vague-attribution'), [span]));
  const negatives = [
    'Research shows that therapy helps (Cuijpers et al., 2019).',
    'Studies have found mixed results [3].',
    'There is no evidence that therapy cures schizophrenia.',
    'The researchers showed participants a list of words.',
    'Experts agree [@consensus2020].',
  ];
  for (const text of negatives) it(`does not report: ${text}`, () => assert.deepEqual(spans(text, 'claim/vague-attribution'), []));

  it('lowers the severity of hedged frames', () => {
    assert.equal(found('Some evidence suggests that yoga helps anxiety.', 'claim/vague-attribution')[0].severity, 'information');
  });
});

describe('claim/overstated', () => {
  const cases: [string, string][] = [
    ['Psychodynamic therapy cures depression.', 'cures'],
    ['Our programme is clinically proven to reduce anxiety.', 'is clinically proven to'],
    ['Results are guaranteed to last.', 'guaranteed to'],
    ['Talk therapy always works.', 'always works'],
    ['EMDR completely eliminates flashbacks.', 'completely eliminates'],
    ['I have a 100% success rate with panic attacks.', '100% success'],
    ['CBT cures anxiety (Smith, 2020).', 'cures'],
  ];
  for (const [text, span] of cases) it(`reports: ${text}`, () => assert.deepEqual(spans(text, 'claim/overstated'), [span]));
  const negatives = [
    'There is no cure for schizophrenia, but treatment helps many people.',
    'Therapy is not guaranteed to work.',
    'CBT has been shown to reduce anxiety (Hofmann et al., 2012).',
    'Group therapy was associated with fewer relapses [2].',
    'She cured the meat in salt before the winter.',
  ];
  for (const text of negatives) it(`does not report: ${text}`, () => assert.deepEqual(spans(text, 'claim/overstated'), []));

  it('offers calibrated rewrites', () => {
    const rewrite = (text: string) => {
      const [finding] = found(text, 'claim/overstated');
      return applyEdits(text, finding.fixes[0].edits);
    };
    assert.equal(rewrite('Psychodynamic therapy cures depression.'), 'Psychodynamic therapy can reduce depression.');
    assert.equal(rewrite('It is proven to reduce relapse in therapy.'), 'It has been shown in some studies to reduce relapse in therapy.');
    assert.equal(rewrite('EMDR completely eliminates flashbacks.'), 'EMDR can reduce flashbacks.');
  });
});

describe('citation style and bibliographies', () => {
  it('detects the document’s citation style', () => {
    const style = (text: string) => new DocumentEvidence(parseDocument(text)).style;
    assert.equal(style('A claim [@key].'), 'pandoc');
    assert.equal(style('A claim (Smith, 2010). Another (Jones, 2011).'), 'apa');
    assert.equal(style('A claim [1]. Another [2].'), 'numeric');
    assert.equal(style('No citations at all.'), 'apa');
  });

  it('reads BibTeX and CSL JSON keys and titles', () => {
    const bib = parseBibliography('refs.bib', '@article{shedler2010,\n  title = {The efficacy of psychodynamic psychotherapy},\n  author = {Shedler, Jonathan},\n  year = {2010}\n}\n@comment{ignored}\n@book{freud1900, title = {Interpretation},\n year = 1900}\n');
    assert.deepEqual(bib.map((e) => e.key), ['shedler2010', 'freud1900']);
    assert.equal(bib[0].title, 'The efficacy of psychodynamic psychotherapy');
    assert.equal(bib[0].author, 'Shedler');
    const csl = parseBibliography('refs.json', JSON.stringify([{ id: 'abbass2014', title: 'Short-term psychodynamic psychotherapies', issued: { 'date-parts': [[2014]] } }]));
    assert.deepEqual(csl, [{ key: 'abbass2014', title: 'Short-term psychodynamic psychotherapies', author: undefined, year: '2014' }]);
  });
});
