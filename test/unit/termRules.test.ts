// The term rules against the bundled glossary: each frame with a case that
// must be reported (exact span) and cases that must not.

import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes';
import { lint } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;

function spans(text: string, ruleId: string): string[] {
  return lint(text, { glossary })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => text.slice(f.start, f.end));
}

function firstFix(text: string, ruleId: string, title?: RegExp): string {
  const finding = lint(text, { glossary }).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `no ${ruleId} finding`);
  const fix = title ? finding.fixes.find((f) => title.test(f.title)) : finding.fixes.find((f) => f.preferred);
  assert.ok(fix, `no fix${title ? ` matching ${title}` : ''}: ${finding.fixes.map((f) => f.title)}`);
  return applyEdits(text, fix.edits);
}

describe('term/conflation', () => {
  const rule = 'term/conflation';
  const cases: [string, string][] = [
    ['Psychodynamic (or psychoanalytic) therapy looks at old patterns.', 'Psychodynamic (or psychoanalytic) therapy'],
    ['We offer psychodynamic/psychoanalytic therapy on Tuesdays.', 'psychodynamic/psychoanalytic therapy'],
    ['Psychodynamic therapy (also called psychoanalytic therapy) is offered weekly.', 'Psychodynamic therapy (also called psychoanalytic therapy)'],
    ['Psychodynamic therapy (psychoanalytic therapy) is offered weekly.', 'Psychodynamic therapy (psychoanalytic therapy)'],
    ['Psychodynamic therapy, also known as psychoanalytic therapy, is offered weekly.', 'Psychodynamic therapy, also known as psychoanalytic therapy'],
    ['Psychodynamic therapy, or psychoanalytic therapy, is offered weekly.', 'Psychodynamic therapy, or psychoanalytic therapy'],
    ['Psychodynamic therapy is another name for psychoanalysis.', 'Psychodynamic therapy is another name for psychoanalysis'],
    ['Psychoanalytic therapy is the same as psychoanalysis.', 'Psychoanalytic therapy is the same as psychoanalysis'],
    ['Psychoanalytic therapy and psychoanalysis are basically the same thing.', 'Psychoanalytic therapy and psychoanalysis are basically the same thing'],
    ['Free association and the word-association test are interchangeable.', 'Free association and the word-association test are interchangeable'],
    ['Psychoanalytic therapy\nand psychoanalysis are synonyms.', 'Psychoanalytic therapy\nand psychoanalysis are synonyms'],
  ];
  for (const [text, span] of cases) {
    it(`reports: ${text.replace(/\n/g, ' ')}`, () => assert.deepEqual(spans(text, rule), [span]));
  }
  const negatives = [
    'Psychodynamic therapy grew out of psychoanalysis.',
    'Unlike psychoanalysis, psychodynamic therapy usually meets once a week.',
    'Psychodynamic therapy is not the same as psychoanalysis.',
    'Psychoanalytic therapy and psychoanalysis are often used interchangeably, but they differ.',
    'The terms "psychodynamic therapy" and "psychoanalytic therapy" are sometimes confused.',
    'Would you prefer psychoanalysis or psychodynamic therapy?',
    'Interpersonal therapy (IPT) is a structured treatment.',
    'Mentalization-based treatment (MBT) is a psychodynamic therapy.',
    'We compared psychoanalysis with psychodynamic therapy.',
    'Relapse/recurrence rates were similar in both arms.',
  ];
  for (const text of negatives) it(`does not report: ${text}`, () => assert.deepEqual(spans(text, rule), []));

  it('reports a school presented as its whole field ("X (or Y)" with Y the broader category)', () => {
    const text = 'I offer psychodynamic counselling (or talking therapy) to adults.';
    assert.deepEqual(spans(text, rule), ['psychodynamic counselling (or talking therapy)']);
    assert.equal(lint(text, { glossary }).findings[0].message, '“psychodynamic counselling” and “talking therapy” are presented as one, but one is a kind of the other; name the one you mean.');
  });

  it('reports two kinds of one family presented as one name (closed world)', () => {
    assert.deepEqual(spans('Denial, or repression, keeps a fact out of mind.', rule), ['Denial, or repression']);
  });

  it('keeps the first name, or rewrites to a contrast, touching only the frame', () => {
    const text = 'Intro.\n\nPsychoanalytic therapy (or psychoanalysis) helps some people.\n';
    assert.equal(firstFix(text, rule), 'Intro.\n\nPsychoanalytic therapy helps some people.\n');
    assert.equal(firstFix(text, rule, /contrast/), 'Intro.\n\nPsychoanalytic therapy (distinct from psychoanalysis) helps some people.\n');
    assert.equal(firstFix(text, rule, /Keep “psychoanalysis”/), 'Intro.\n\npsychoanalysis helps some people.\n');
  });

  it('offers no contrast for a pair the glossary marks as a matter of consistency (severity: information)', () => {
    const text = 'Intro.\n\nPsychodynamic therapy (or psychoanalytic therapy) helps some people.\n';
    assert.equal(firstFix(text, rule), 'Intro.\n\nPsychodynamic therapy helps some people.\n');
    assert.equal(firstFix(text, rule, /Keep “psychoanalytic therapy”/), 'Intro.\n\npsychoanalytic therapy helps some people.\n');
    const [finding] = lint(text, { glossary }).findings.filter((f) => f.ruleId === rule);
    assert.equal(finding.severity, 'information');
    assert.ok(!finding.fixes.some((f) => /contrast/.test(f.title)));
  });

  it('removes the closing comma with the second name: "X, or Y, explores" -> "X explores"', () => {
    assert.equal(firstFix('Psychodynamic therapy, or psychoanalytic therapy, explores the past.', rule), 'Psychodynamic therapy explores the past.');
  });

  it('names both terms as written and what to do, in one line (the reason is the hover\'s)', () => {
    const [finding] = lint('Psychoanalytic therapy is another name for psychoanalysis.', { glossary }).findings;
    assert.equal(finding.message, '“Psychoanalytic therapy” and “psychoanalysis” are different things, but this presents them as one; name the one you mean.');
    assert.deepEqual(finding.terms, ['psychoanalytic-therapy', 'psychoanalysis']);
  });
});

describe('term/misclassification', () => {
  const rule = 'term/misclassification';
  const cases: [string, string[]][] = [
    ['Interpersonal therapy is a form of psychodynamic therapy.', ['Interpersonal therapy is a form of psychodynamic therapy']],
    ['IPT is a type of psychodynamic psychotherapy.', ['IPT is a type of psychodynamic psychotherapy']],
    ['Interpersonal therapy is a psychodynamic therapy.', ['Interpersonal therapy is a psychodynamic therapy']],
    ['Interpersonal therapy, a type of psychodynamic therapy, is brief.', ['Interpersonal therapy, a type of psychodynamic therapy']],
    ['Psychodynamic therapies, such as MBT, TFP and interpersonal therapy, are offered.', ['interpersonal therapy']],
    ['Types of psychodynamic therapy include mentalization-based treatment and Open Dialogue.', ['Open Dialogue']],
    ['EMDR is one kind of short-term psychodynamic psychotherapy.', ['EMDR is one kind of short-term psychodynamic psychotherapy']],
    ['There are several kinds of psychodynamic therapy:\n\n- Mentalization-based treatment\n- Interpersonal therapy: a brief approach.\n- Open Dialogue\n', ['Interpersonal therapy', 'Open Dialogue']],
    ['## Types of psychodynamic therapy\n\n- CBT\n- Transference-focused psychotherapy\n', ['CBT']],
    ['## Types of psychodynamic therapy\n\n### Interpersonal therapy\n\nIt is brief.\n', ['Interpersonal therapy']],
  ];
  for (const [text, expected] of cases) {
    it(`reports: ${text.replace(/\n/g, ' ')}`, () => assert.deepEqual(spans(text, rule), expected));
  }
  const negatives = [
    'Mentalization-based treatment is a form of psychodynamic therapy.',
    'Dynamic interpersonal therapy is a type of psychodynamic therapy.',
    'IPT is not a form of psychodynamic therapy.',
    'Psychodynamic therapy, like CBT, can be brief.',
    'Interpersonal therapy was compared with psychodynamic therapy.',
    'Kinds of therapy we offer:\n\n- Interpersonal therapy\n- CBT\n',
    'Types of psychodynamic therapy:\n\n- Mentalization-based treatment\n- Psychodynamic interpersonal therapy\n',
    '"IPT is a form of psychodynamic therapy" is a common mistake.',
    'Psychodynamic therapies, such as MBT, are often compared with IPT.',
    'Psychodynamic therapy: IPT was offered as well.',
    'Besides psychodynamic therapy, the clinic offers:\n\n- Interpersonal therapy\n- EMDR\n',
  ];
  for (const text of negatives) it(`does not report: ${text.replace(/\n/g, ' ')}`, () => assert.deepEqual(spans(text, rule), []));

  describe('closed-world taxonomy (the kind_of tree decides, no explicit pair needed)', () => {
    const closed: [string, string[]][] = [
      ['Psychodynamic therapy is a form of psychoanalysis that looks at how past relationships shape us.', ['Psychodynamic therapy is a form of psychoanalysis']],
      ['Denial is one type of repression.', ['Denial is one type of repression']],
      ['Kinds of cognitive behavioral therapy include:\n\n- dialectical behavior therapy\n- psychoanalysis\n', ['psychoanalysis']],
      ['Forms within psychodynamic therapy include:\n\n- mentalization-based treatment\n- schema therapy\n', ['schema therapy']],
      ['Cognitive behavioral therapies, such as DBT and EMDR, are structured.', ['EMDR']],
      ['A psychiatrist is a type of psychologist.', ['psychiatrist is a type of psychologist']],
    ];
    for (const [text, expected] of closed) it(`${expected.length ? 'reports' : 'does not report'}: ${text.replace(/\n/g, ' ')}`, () => assert.deepEqual(spans(text, rule), expected));

    const fine = [
      'Psychoanalytic therapy is a form of psychodynamic therapy.',
      'Psychodynamic therapy is a form of psychotherapy.',
      'Dialectical behavior therapy is a form of cognitive behavioral therapy.',
      // Reversed (a family called by one member's name) is not reported.
      'Psychodynamic therapy is a form of psychoanalytic therapy.',
      // Different trees: the taxonomy says nothing about a drug and a therapy in one list.
      'Antidepressants, such as SSRIs, and psychotherapy both have evidence.',
      // distinct_from is no evidence: a recovery is a remission that lasts.
      'Recovery is a remission that has lasted a year.',
      // maybe_kind_of: authorities differ on whether CAT is psychodynamic.
      'Psychodynamic approaches include cognitive analytic therapy and MBT.',
      // maybe_kind_of: schema therapy was built to extend cognitive therapy.
      'Schema therapy is a form of CBT for long-standing problems.',
      // maybe_kind_of: ACT, Beck's cognitive therapy and MBCT are commonly counted in the CBT family.
      'ACT is a form of CBT.',
      'Cognitive therapy is a type of CBT.',
      'Mindfulness-based cognitive therapy is a type of CBT.',
    ];
    for (const text of fine) it(`does not report: ${text}`, () => assert.deepEqual(spans(text, rule), []));

    it('reports a sibling classification from the tree, naming both as written', () => {
      const [f] = lint('Denial is one type of repression.', { glossary }).findings.filter((x) => x.ruleId === rule);
      assert.equal(f.message, '“Denial” is not a kind of “repression”; present the two as distinct.');
    });
  });

  it('removes the list item as its fix, and nothing else', () => {
    const text = 'Types of psychodynamic therapy include:\n\n- Mentalization-based treatment\n- Interpersonal therapy\n- Dynamic interpersonal therapy\n';
    assert.equal(firstFix(text, rule), 'Types of psychodynamic therapy include:\n\n- Mentalization-based treatment\n- Dynamic interpersonal therapy\n');
  });

  it('removes an example from a "such as" list with its separator', () => {
    const text = 'Psychodynamic therapies, such as MBT and interpersonal therapy, are offered.';
    assert.equal(firstFix(text, rule), 'Psychodynamic therapies, such as MBT, are offered.');
  });

  it('rewrites an apposition "X, a form of Y," as "X, distinct from Y,"', () => {
    assert.equal(firstFix('IPT, a form of psychodynamic therapy, lasts 16 weeks.', rule), 'IPT, distinct from psychodynamic therapy, lasts 16 weeks.');
  });

  it('offers no removal when the misclassified term is the only example', () => {
    const [finding] = lint('Psychodynamic therapies such as IPT focus on the past.', { glossary }).findings.filter((f) => f.ruleId === rule);
    assert.deepEqual(finding.fixes, []);
  });

  it('rewrites "X is a form of Y" as a distinction', () => {
    assert.equal(firstFix('IPT is a form of psychodynamic therapy.', rule), 'IPT is distinct from psychodynamic therapy.');
  });

  it('lowers the severity of hedged wording', () => {
    const [finding] = lint('IPT may be seen as a form of psychodynamic therapy.', { glossary }).findings.filter((f) => f.ruleId === rule);
    assert.equal(finding.severity, 'information');
  });
});

describe('term/misdefinition', () => {
  const rule = 'term/misdefinition';
  const cases: [string, string][] = [
    ['In free association, the therapist reads a list of words and the client answers each one.', 'free association'],
    ['Free association is a test. The clinician reads a stimulus word and times the reply.', 'Free association'],
    ['Transference is when the therapist’s own feelings about the client come up.', 'Transference'],
    ['Repression is when you deliberately push a thought out of mind.', 'Repression'],
  ];
  for (const [text, span] of cases) it(`reports: ${text}`, () => assert.deepEqual(spans(text, rule), [span]));
  const negatives = [
    'In free association, the client says whatever comes to mind.',
    'Free association is not a test with a list of words.',
    'Unlike the word-association test, free association has no list of words.',
    'Transference is when the client carries feelings from the past onto the therapist.',
    'Repression keeps painful material out of awareness.',
    'The therapist reads a list of words.',
    "Sessions began with free association. Later, Jung's word-association test used a list of words.",
  ];
  for (const text of negatives) it(`does not report: ${text}`, () => assert.deepEqual(spans(text, rule), []));

  it('reads a short quoted term as the writer’s own use (scare quotes), not as quoted speech', () => {
    const text = 'Our therapists use so-called “free association”, where the client answers each word the therapist reads out with the first word that comes to mind.';
    assert.deepEqual(spans(text, rule), ['free association']);
  });

  it('fires a cue only in the context its entry names: the free-association task of cognitive psychology', () => {
    assert.deepEqual(spans('In the free-association task, participants give the first word that comes to mind for each cue.', rule), []);
    assert.deepEqual(spans('In free association, the patient gives the first word that comes to mind for each cue.', rule), ['free association']);
  });

  it('does not read a correct use as a misdefinition (narrow cues)', () => {
    assert.deepEqual(spans('The patient’s transference stirred the therapist’s feelings of inadequacy.', rule), []);
    assert.deepEqual(spans('Transference, the therapist’s feelings toward the client, needs supervision.', rule), ['Transference']);
  });

  it('replaces the term with the concept the sentence describes, with an article where needed', () => {
    const text = 'In free association, the therapist reads a list of words.';
    assert.equal(firstFix(text, rule), 'In a word-association test, the therapist reads a list of words.');
  });
});

describe('term/stigmatizing and term/imprecise', () => {
  it('reports stigmatizing wording with person-first rewrites, keeping tense', () => {
    assert.deepEqual(spans('Her brother committed suicide in 2019.', 'term/stigmatizing'), ['committed suicide']);
    assert.equal(firstFix('Her brother committed suicide in 2019.', 'term/stigmatizing'), 'Her brother died by suicide in 2019.');
    assert.equal(firstFix('He commits suicide in the final act.', 'term/stigmatizing'), 'He dies by suicide in the final act.');
  });

  it('does not report identity-first language, quotations or guarded phrases', () => {
    for (const text of ['Autistic adults took part.', 'Disabled people were consulted.', 'She said "I felt crazy" at intake.', 'He had a bipolar disorder diagnosis.']) {
      assert.deepEqual(spans(text, 'term/stigmatizing'), [], text);
    }
  });

  it('looks a few words ahead for guard words ("suffers from a small sample")', () => {
    assert.deepEqual(spans('The pilot study suffers from a small sample.', 'term/stigmatizing'), []);
  });

  it('keeps a sentence-initial capital only at the start of a sentence', () => {
    assert.equal(firstFix('Drug addicts were offered housing.', 'term/stigmatizing'), 'People who use drugs were offered housing.');
    assert.equal(firstFix('Housing was offered to drug addicts.', 'term/stigmatizing'), 'Housing was offered to people who use drugs.');
  });

  it('does not report avoided wording held at a distance in quotation marks, even short ones', () => {
    for (const text of ['You do not have to feel “crazy” to ask for help.', 'Why "committed suicide" is outdated wording.']) {
      assert.deepEqual(spans(text, 'term/stigmatizing'), [], text);
    }
  });

  it('does not read the tail of a compound with an opposing head as the term ("anti-psychotics")', () => {
    assert.deepEqual(spans('Use of anti-psychotics rose on the ward.', 'term/stigmatizing'), []);
  });

  it('reports imprecise terms with their rewrite', () => {
    assert.deepEqual(spans('There is scientific proof that sleep matters.', 'term/imprecise'), ['scientific proof']);
    assert.equal(firstFix('There is scientific proof that sleep matters.', 'term/imprecise'), 'There is scientific evidence that sleep matters.');
  });
});
