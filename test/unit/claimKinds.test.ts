// Claim analysis by kind: each kind of miss and false alarm found on real
// writing, with sentences written for this project (never copied from the
// real-world set). A claim is a treatment outcome, asserted, with a treatment
// as its subject; an evidence frame names a source without citing it.

import assert from 'node:assert/strict';
import { lint, LintCache } from '../../server/src/engine/lint';
import { bundledGlossaryFiles, GlossaryStore } from '../../server/src/glossary/files';

const glossary = new GlossaryStore().build(bundledGlossaryFiles()).glossary;
const rules = (text: string, ruleId: string) => lint(text, { glossary }).findings.filter((f) => f.ruleId === ruleId);
const claimed = (text: string) => rules(text, 'claim/unsupported').length + rules(text, 'claim/vague-attribution').length > 0;
const framed = (text: string) => rules(text, 'claim/vague-attribution').map((f) => text.slice(f.start, f.end));

/** Kind, sentences that must be reported (as unsupported or, when a frame carries them, vague attribution), sentences that must not. */
const KINDS: { kind: string; claims: string[]; notClaims: string[] }[] = [
  {
    kind: 'a treatment the document defines',
    claims: [
      '# Tapping\n\nTapping is a technique in which you tap points on the face while naming a worry.\n\n## Why it matters\n\nTapping is remarkably effective.',
      'Lumina is a gentle, structured therapy.\n\nLumina is remarkably effective.',
      'Lumina is  also a gentle, structured therapy.\n\nLumina is remarkably effective.',
      'Havening (HT) is a type of psychosensory therapy from the early 2000s.\n\nMost of all, HT works.',
      '# Lumina\n\nLumina is a therapy that uses coloured light.\n\n## Why Lumina matters\n\nIt is truly effective.',
    ],
    notClaims: [
      'Oakwood is a treatment centre in Leeds.\n\nOakwood is remarkably effective.',
      'Bedrock is a therapy room on the ground floor.\n\nBedrock is remarkably effective.',
      'Tapping is not a therapy.\n\nTapping is remarkably effective.',
      'This is a technique for beginners.\n\nIt is remarkably effective.',
    ],
  },
  {
    kind: 'a method or a tool is a treatment only in a clinical setting',
    claims: [
      'This approach works for most people with panic disorder.',
      '## Coping with insomnia\n\nThe method is remarkably effective.',
      'Our therapists use a simple technique. It reduces worry within a week.',
      'Group support reduces isolation for many people.',
      '## How is insomnia treated?\n\nSleep restriction comes first.\n\n### Other approaches\n\nThis approach is remarkably effective.',
    ],
    notClaims: [
      'This approach is useful when sample sizes are small.',
      'Multiple imputation is an effective technique for handling missing data.',
      'The bootstrap method is particularly helpful when the sampling distribution is unknown.',
      'The app helps you export your data as a CSV file.',
      'Set the option to false. This is useful if you want to keep the log short.',
      '## Statistical analysis\n\nModels were fitted in R.\n\n### Other approaches\n\nThis approach is remarkably effective.',
    ],
  },
  {
    kind: 'a negative subject compared with a treatment',
    claims: ['Nothing works better than exposure therapy for phobias.', 'In fact, nothing works better than CBT for insomnia.', 'No medication is more effective than an SSRI for panic.'],
    notClaims: ['This does not work better than placebo.', 'No treatment works for everyone.', "Nothing helps more than a good night's sleep.", 'No trial has compared it with CBT.'],
  },
  {
    kind: 'an opening phrase that holds a relative clause',
    claims: ['For people who have tried other treatments, EMDR can be life-saving.', 'For anyone who has struggled for years, CBT works.'],
    notClaims: [
      'For people who have tried other drugs, the side effects can be severe.',
      'For parents who work nights, the clinic is open until ten.',
      'If you notice changes that worry you, such as worsening symptoms, call your GP.',
    ],
  },
  {
    kind: 'subject refers back to the treatment',
    claims: [
      'Our sleep course resets the body clock over six weeks. It also lifts low mood.',
      'We teach a breathing method to every client. This method reduces panic within a month.',
      'Schema therapy looks at lifelong patterns. It works well for people with long-standing difficulties.',
    ],
    notClaims: ['Depression is a common illness. It can change how you eat and sleep.', 'Grief follows a loss. It eases with time for most people.'],
  },
  {
    kind: 'outcome wording beyond the old lists',
    claims: [
      'The programme frees you from the cycle of worry.',
      'Hypnotherapy brings lasting relief from cravings.',
      'Most clients notice a real difference after four sessions of coaching.',
      'Panic disorder is very treatable.',
      'With the right support, social anxiety can be treated successfully.',
      'Mood stabilisers can help people with bipolar disorder stay well between episodes.',
      'Relapse can often be prevented with maintenance therapy.',
      'The benefits of counselling keep growing after the sessions end.',
      'Many patients respond well to medication.',
      'Light therapy may provide a short-term reduction in winter low mood.',
      'Music therapy can be life-saving for isolated older adults.',
      'Art therapy is a very effective and gentle approach for children.',
    ],
    notClaims: [
      'Your counsellor will guide you back to a calm place before the next step.',
      'This guide may help you decide which service suits you.',
      'Our clinicians hold certificates in sports massage and nutrition coaching.',
      'Get medical help straight away if your mood drops suddenly.',
      'The pilot was acceptable to families and feasible in schools.',
      'Your doctor will work with you to choose the best option to try first.',
      'Support groups meet on Tuesdays, as well as some weekends.',
    ],
  },
  {
    kind: 'a treatment helps with a process for an outcome',
    claims: [
      'Group sessions help you find ways to cope with grief.',
      'Mindfulness helps you learn techniques for reducing stress.',
      'Couples therapy can help you work on habits of dealing with conflict.',
    ],
    notClaims: [
      'Your nurse will help you find a way to treat the rash that suits you.',
      'The app helps you set reminders to take your tablets.',
      'Our clinic helps you find time to book an appointment.',
      'Group therapy helps you plan ways to change jobs.',
    ],
  },
  {
    kind: 'a source behind a quantity, an aspect verb or a presentative verb',
    claims: [],
    notClaims: [
      'The number of trials is still small.',
      'A handful of researchers began recruiting in May.',
      'New data emerged during the audit.',
      'The results came out in the spring.',
      'Trials do not seem to show any benefit of brain training.',
      'Evidence is growing.',
      'The evidence built up over the decade.',
    ],
  },
  {
    kind: 'a clause after "why" is taken as given',
    claims: ['Read on to find out why hypnotherapy works so well for smokers.', 'Nobody is sure why lithium prevents relapse.'],
    notClaims: ['Why does hypnotherapy work?', 'Find out whether hypnotherapy works for you.', 'Ask your doctor how long lithium takes to work.'],
  },
  {
    kind: 'the treatment in the opening phrase, people or a course as the subject',
    claims: [
      'With treatment, most people with bulimia recover.',
      'After eight sessions of exposure therapy, many clients overcome their fear of lifts.',
      'With medication, patients can control their symptoms.',
      'With medication, his mood improved.',
    ],
    notClaims: ['With time, most people recover from grief.', 'With their families, patients manage the costs.', 'With depression, people often withdraw.', 'With time, her mood improved.'],
  },
  {
    kind: '"linked to" is "associated with"',
    claims: ['Family therapy is linked to fewer hospital admissions.'],
    notClaims: ['Shift work is linked to lower mood.'],
  },
  {
    kind: 'building, promoting, encouraging, keeping or cutting: an outcome as the object',
    claims: [
      'Drama therapy builds confidence in shy teenagers.',
      'Hypnotherapy promotes deep relaxation.',
      'Play therapy encourages healing after a loss.',
      'Maintenance therapy keeps relapse at bay for most clients.',
      'A mood stabiliser keeps her moods stable.',
      'Brief interventions cut drinking by a third.',
    ],
    notClaims: [
      'Art therapy encourages self-expression.',
      'The charity built confidence in its volunteers.',
      'Counselling and support for grief are free at the hospice.',
      'Keep your medication at room temperature.',
      'The fire service kept the blaze under control.',
      'The clinic cut its waiting list by half.',
      'Cut the tablets in half if your doctor says so.',
      'Her psychiatrist said the new dose would take a fortnight to settle.',
    ],
  },
  {
    kind: 'a condition as the object makes the outcome',
    claims: ['Psilocybin can rapidly improve depressive symptoms.', 'Ketamine may ease suicidal thoughts within hours.'],
    notClaims: [
      'Poor sleep can worsen depressive symptoms.',
      'Children can learn about anxiety at school.',
      'Signs include racing thoughts; decreased need for sleep; poor judgement.',
      'Some drugs act on acetylcholine (which helps regulate muscle movement).',
    ],
  },
  {
    kind: 'people promised an outcome in a paragraph about a treatment',
    claims: [
      'Our stop-smoking programme takes one afternoon. After it, you will be able to stop for good.',
      'In play therapy children can learn new coping skills.',
      'Most clients see results within eight sessions of schema therapy.',
      'Clients usually notice improvements after six sessions of hypnotherapy.',
      'Many people feel the benefits within weeks of starting art therapy.',
    ],
    notClaims: [
      'Our clinic is open on weekdays. You can find the booking form on the last page.',
      'Our programme runs in the spring. At these times a person can feel tired.',
      'After the assessment for therapy you can see the results in the portal.',
    ],
  },
  {
    kind: 'scope: purpose, advice, conditions, relative clauses, questions',
    claims: [
      'Several therapies suit teenagers, including interpersonal therapy—which helps young people repair strained friendships.',
      'Although group therapy helps many people, it is not for everyone.', 'CBT is a therapy that helps people change unhelpful thinking.', 'There are supplements that may have a beneficial effect on sleep.'],
    notClaims: [
      'Therapists may use sand trays to help children show what happened.',
      'When a medicine starts to work, talk to your doctor about how long to take it.',
      'You may need to try two medicines before you find one that works.',
      'There is growing criticism of drugs that treat depression.',
      'It is important never to stop, reduce or increase a dose on your own.',
      'Teachers should help pupils receive support when they need it.',
      'Does mindfulness reduce stress?',
      'In 1952 one critic argued that psychotherapy helped nobody.',
      'Reducing the workload involves breaking tasks into steps.',
      'The college decided to eliminate its counselling service.',
      'Antidepressants block the reuptake of serotonin in that they act on transporters.',
    ],
  },
  {
    kind: 'testimony is not a claim',
    claims: ['Clients always leave our sessions feeling calmer.'],
    notClaims: ['Counselling through my GP helped me more than I expected.', 'Analysis changed my life.', 'In my first session I said I did not see the point.'],
  },
  {
    kind: 'named studies, authorities and sources',
    claims: [
      'A 2021 survey of 300 nurses concluded that rota changes cut burnout.',
      'A recent pilot study showed that the app improves sleep.',
      'Psychiatrists now believe that early help changes outcomes.',
      'Data suggest that most people recover.',
      'According to the World Health Organization, depression affects millions.',
      'According to WHO, anxiety is the most common mental disorder.',
      'Walking halves the risk of low mood (source: NHS).',
      'The national health service endorses talking therapy for mild depression. The NHS recommends it too.',
      'The researchers, mainly from two universities, found that the gene raises the risk.',
      'Scientists followed 90 rats for a year and found that exercise protects memory.',
      'Research on group therapy has not been very positive.',
      'A 2016 review in a psychiatry journal pooled forty trials.',
      'A local audit (2021) suggested shorter waits.',
    ],
    notClaims: [
      'The arson suspect was released, according to the county sheriff.',
      'According to Hughes, the meeting ended early.',
      'The college said the decision was final.',
      'The research project identified three themes.',
      'Clinicians can consider family history when they assess mood.',
      'What the research says',
      'For years many psychologists said exactly that.',
      'The 2019 audit used a different questionnaire.',
      'The study participants stated their preferences.',
    ],
  },
  {
    kind: 'what a source shows, said outright: "what X shows is that ..."',
    claims: [
      'What the research shows is that regular sleep lifts mood in teenagers.',
      'What the evidence suggests, however, is that light exercise eases low mood.',
      'What the studies found was that journaling reduced worry.',
    ],
    notClaims: [
      'Here is what the research says about sleep hygiene and mood.',
      'We asked what the evidence shows for sleep hygiene.',
      'How the data show this is still debated by the authors.',
      'What the research shows is still unclear to many readers.',
    ],
  },
  {
    kind: 'the literature as the source of a finding',
    claims: [
      'The link between poor sleep and low mood is well documented in the literature.',
      'Such effects are widely reported in the research literature.',
      'Rumination is prevalent within current literature on late-life depression.',
    ],
    notClaims: [
      'The link between noise and mood is not well documented in the literature.',
      'This question is rarely discussed in the literature.',
      'Gaps in the literature remain.',
      'We searched the literature for trials of music therapy.',
    ],
  },
  {
    kind: 'a wish, not a claim',
    claims: ['The programme will help our members sleep better.'],
    notClaims: ['We hope the programme will help our members.', 'Hopefully, the course will ease your worry.', 'I wish counselling had helped him sooner.'],
  },
  {
    kind: 'a verb that needs its object: the object is a condition',
    claims: ['Hypnotherapy fixes insomnia in three sessions.', 'Lithium prevents mania in most people who take it.', 'The app will rid you of panic attacks.'],
    notClaims: ['The therapist fixed a date for the next session.', 'The new rota prevents double bookings.'],
  },
  {
    kind: 'a treatment called the gold standard',
    claims: ['Exposure therapy is the gold standard for specific phobias.', 'CBT remains the gold-standard treatment for panic disorder.'],
    notClaims: ['The structured interview is the gold standard for diagnosing depression.', 'A gold-standard trial takes years to run.'],
  },
  {
    kind: 'a source as the agent of a passive',
    claims: [
      'Our sleep programme is backed by science.',
      'Neurofeedback is supported by decades of research.',
      'Family therapy is recommended by NICE for eating disorders in teenagers.',
      'The app is endorsed by the National Sleep Foundation.',
    ],
    notClaims: [
      'Neurofeedback is not supported by research.',
      'Family therapy was recommended by her GP.',
      'According to her GP, the rash is harmless and fades in a week.',
      'The group is run by volunteers and supported by donations.',
    ],
  },
  {
    kind: 'scraped text: words and sentences run together',
    claims: ['Counsellingcan reduce stress at work.', 'A2019 surveyof 400 teachers found that mentoring lowers stress.', 'Exercise is cheap.Group therapyhelps with loneliness.'],
    notClaims: ['The therapist was helpless to stop the fire.'],
  },
];

describe('claim analysis by kind', () => {
  for (const { kind, claims, notClaims } of KINDS) {
    describe(kind, () => {
      for (const text of claims) it(`reports: ${text}`, () => assert.ok(claimed(text), 'no claim or frame reported'));
      for (const text of notClaims) it(`does not report: ${text}`, () => assert.equal(claimed(text), false, JSON.stringify(lint(text, { glossary }).findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]))));
    });
  }

  it('a source behind a quantity, an aspect verb or a presentative verb is an evidence frame', () => {
    assert.deepEqual(framed('A growing number of studies show that walking lifts mood.'), ['A growing number of studies show']);
    assert.deepEqual(framed('Dozens of surveys have found that pets lift mood in care homes.'), ['Dozens of surveys have found']);
    assert.deepEqual(framed('Trials are beginning to show that brief coaching lowers burnout.'), ['Trials are beginning to show']);
    assert.deepEqual(framed('Research keeps finding that sleep hygiene advice helps shift workers.'), ['Research keeps finding']);
    assert.deepEqual(framed('New surveys are emerging suggesting that pets lift mood in care homes.'), ['New surveys are emerging suggesting']);
    assert.deepEqual(framed('Studies have been coming out that question whether brain training transfers.'), ['Studies have been coming out that question']);
    assert.deepEqual(framed('Evidence is mounting that brief coaching lowers burnout.'), ['Evidence is mounting']);
    assert.deepEqual(framed('Data have been accumulating that pets lift mood in care homes.'), ['Data have been accumulating']);
  });

  it('a marker in the next sentence counts only when that sentence points at the source', () => {
    assert.equal(rules('Coaching improves sleep. The trial is described here [4].', 'claim/unsupported').length, 0);
    assert.equal(rules('Coaching improves sleep. (Lee, 2020)', 'claim/unsupported').length, 0);
    assert.equal(rules('Coaching improves sleep. Sleep also improves mood (Lee, 2020).', 'claim/unsupported').length, 1);
  });

  // Regression (fixed): the masked citekey left the full stop after a blank, and the next sentence was read as part of this one.
  it('a definition added anywhere makes the name a treatment in paragraphs linted before (editor cache)', () => {
    const cache = new LintCache();
    const before = 'Lumina is remarkably effective.\n\nLumina uses coloured light.\n';
    assert.equal(lint(before, { glossary, cache }).findings.filter((f) => f.ruleId === 'claim/unsupported').length, 0);
    const after = `${before}\nLumina is a gentle, structured therapy.\n`;
    const found = lint(after, { glossary, cache }).findings.filter((f) => f.ruleId === 'claim/unsupported');
    assert.deepEqual(found.map((f) => after.slice(f.start, f.end)), ['Lumina is remarkably effective.']);
  });

  it('a heading two levels up that becomes clinical makes the method below it a treatment (editor cache)', () => {
    const cache = new LintCache();
    const draft = (top: string) => `## ${top}\n\nSome text.\n\n### Other approaches\n\nThis approach is remarkably effective.\n`;
    const unsupported = (text: string) => lint(text, { glossary, cache }).findings.filter((f) => f.ruleId === 'claim/unsupported').length;
    assert.equal(unsupported(draft('Statistical analysis')), 0);
    assert.equal(unsupported(draft('How is insomnia treated?')), 1);
    assert.equal(unsupported(draft('Statistical analysis')), 0);
  });

  it('a bare citekey before a full stop ends its sentence', () => {
    const text = '---\nbibliography: refs.bib\n---\n\nThis was reported by @lee2010. Therapy reduces anxiety.\n';
    assert.equal(lint(text, { glossary, language: 'draft.qmd' }).findings.filter((f) => f.ruleId === 'claim/unsupported').length, 1);
  });

  it('Quarto cross-references are not citations', () => {
    assert.equal(rules('Therapy reduces stress (@fig-stress).', 'claim/unsupported').length, 1);
    assert.equal(rules('Therapy reduces stress [@tbl-outcomes].', 'claim/unsupported').length, 1);
    assert.equal(rules('Therapy reduces stress [@lee2020].', 'claim/unsupported').length, 0);
  });

  it('a result reported with its statistics rests on the data', () => {
    assert.equal(rules('The group arm improved more than the waitlist, t(40) = 2.5, p = .02.', 'claim/unsupported').length, 0);
  });

  it('reports the frame, not the claim, when a claim rests on an uncited frame', () => {
    const text = 'Studies show that yoga reduces anxiety.';
    assert.deepEqual(framed(text), ['Studies show']);
    assert.equal(rules(text, 'claim/unsupported').length, 0);
  });

  // Regression (fixed): matches were looked up per sentence in the whole block (quadratic), and the
  // pronoun chain was followed by recursion (a stack overflow on a long chain).
  it('a paragraph of 20,000 sentences that start with a pronoun stays linear and does not overflow', () => {
    const text = 'CBT is a talking therapy. ' + 'It reduces manic depression. '.repeat(20_000);
    const started = process.hrtime.bigint();
    const found = rules(text, 'claim/unsupported').length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(found, 20_000);
    assert.ok(ms < 15_000, `${ms} ms`);
  });

  it('lints the prose of HTML blocks, not their tags', () => {
    assert.deepEqual(framed('<p>According to WHO, anxiety is common.</p>'), ['According to WHO']);
    assert.equal(rules('<pre>Therapy cures everything.</pre>', 'claim/unsupported').length, 0);
  });
});
